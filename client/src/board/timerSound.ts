import { useSyncExternalStore } from 'react';

/**
 * The optional beep at a countdown's zero: off by default, a choice kept on this device only
 * (localStorage), played with Web Audio (no sound file to download).
 */
const STORAGE_KEY = 'cocon.timerSound';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

export function setTimerSound(on: boolean): void {
  try {
    if (on) localStorage.setItem(STORAGE_KEY, 'on');
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private browsing may refuse storage: the choice then lasts for this page only.
  }
  current = on;
  for (const listener of listeners) listener();
  // A click is the gesture browsers ask for before a page may play sound: unlock it now.
  if (on) void audioContext()?.resume();
}

let current: boolean | null = null;

export function useTimerSound(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => (current ??= read()),
    () => false,
  );
}

let context: AudioContext | null = null;
function audioContext(): AudioContext | null {
  if (context) return context;
  const Ctor =
    typeof window === 'undefined'
      ? undefined
      : (window.AudioContext ??
        (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext);
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    return null;
  }
  return context;
}

/** Three short beeps (880 Hz); silent when the browser offers no Web Audio. */
export function beep(): void {
  const ctx = audioContext();
  if (!ctx) return;
  void ctx.resume().catch(() => undefined);
  const start = ctx.currentTime + 0.02;
  for (let i = 0; i < 3; i++) {
    const at = start + i * 0.3;
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.22);
  }
}
