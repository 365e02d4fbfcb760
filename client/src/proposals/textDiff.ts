import * as Y from 'yjs';

export interface TextChange {
  /** Where the change starts, in UTF-16 code units (as Y.Text and <input> count). */
  index: number;
  deleted: number;
  inserted: string;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The smallest single change that turns `before` into `after`: common prefix and suffix kept.
 * `caret` (where the input's caret is now) breaks ties in repeated text, so typing "a" inside
 * "aa" is seen where it happened. Never splits a surrogate pair.
 */
export function diffText(before: string, after: string, caret: number = after.length): TextChange | null {
  if (before === after) return null;
  const lengthDelta = after.length - before.length;
  // The change ends at the caret for typing; the prefix cannot pass the caret minus what was inserted.
  const prefixLimit = Math.min(before.length, after.length, Math.max(0, caret - Math.max(0, lengthDelta)));
  let prefix = 0;
  while (prefix < prefixLimit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const suffixLimit = Math.min(before.length, after.length) - prefix;
  while (
    suffix < suffixLimit &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return {
    index: prefix,
    deleted: before.length - prefix - suffix,
    inserted: after.slice(prefix, after.length - suffix),
  };
}

/** Applies what the person typed to the shared text, as one transaction. */
export function applyTextChange(ytext: Y.Text, change: TextChange, origin: unknown): void {
  const doc = ytext.doc;
  const run = () => {
    if (change.deleted > 0) ytext.delete(change.index, change.deleted);
    if (change.inserted) ytext.insert(change.index, change.inserted);
  };
  if (doc) doc.transact(run, origin);
  else run();
}

/**
 * A caret that follows the text it sits in while others type around it. It sticks to the
 * character on its left, so when two people type at the same spot each keeps typing after
 * their own last character instead of the letters interleaving.
 */
export function relativeCaret(ytext: Y.Text, index: number): Y.RelativePosition {
  return Y.createRelativePositionFromTypeIndex(ytext, index, -1);
}

export function absoluteCaret(ytext: Y.Text, position: Y.RelativePosition | null, fallback: number): number {
  if (!position || !ytext.doc) return Math.min(fallback, ytext.length);
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, ytext.doc);
  return absolute && absolute.type === ytext ? absolute.index : Math.min(fallback, ytext.length);
}

/** Base64 of a Yjs-encoded relative position (comment anchors on the rich text). */
export function encodePosition(position: Y.RelativePosition): string {
  const bytes = Y.encodeRelativePosition(position);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function decodePosition(base64: string): Y.RelativePosition | null {
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return Y.decodeRelativePosition(bytes);
  } catch {
    return null;
  }
}

export function decodeState(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
