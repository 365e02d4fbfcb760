import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * One menu of the facilitator's toolbar: a button that opens a panel under it (the disclosure
 * pattern: `aria-expanded`, `aria-controls`). Escape closes it and gives focus back to the button;
 * so does a click elsewhere. Only one is open at a time (`open` is the toolbar's).
 */
export function ToolbarMenu({
  name,
  label,
  badge,
  open,
  onToggle,
  children,
  wide = false,
}: {
  name: string;
  label: string;
  /** A short count shown on the button (ideas waiting, a running timer). */
  badge?: string | null;
  open: boolean;
  onToggle: (name: string | null) => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node | null;
      // Dialogs opened from a menu (the projected code) live outside it.
      if (target && !root.current?.contains(target) && !(target as Element).closest?.('dialog')) {
        onToggle(null);
      }
    };
    // Escape closes it wherever focus is (a submit button inside may have just been disabled), unless
    // a dialog is open on top: then Escape is the dialog's.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || document.querySelector('dialog[open]')) return;
      const inside =
        root.current?.contains(document.activeElement) || document.activeElement === document.body;
      onToggle(null);
      if (inside) button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, onToggle]);
  return (
    <div ref={root} className="toolbar-menu">
      <button
        ref={button}
        type="button"
        className={`toolbar-button${open ? ' is-open' : ''}`}
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => onToggle(open ? null : name)}
      >
        {label}
        {badge && <span className="toolbar-badge">{badge}</span>}
        <span className="toolbar-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div
        id={`${id}-panel`}
        role="group"
        aria-label={label}
        className={`toolbar-popover${wide ? ' is-wide' : ''}`}
        hidden={!open}
        data-testid={`toolbar-menu-${name}`}
      >
        {children}
      </div>
    </div>
  );
}
