import { useRef, type KeyboardEvent } from 'react';

/**
 * ARIA tabs (the plan's look): arrows, Home and End move between tabs, automatic activation.
 * `idPrefix` makes the ids of tabs and panel; the panel is the caller's, with `tabPanelProps`.
 * `className` is added to the tab list's own `plan-tabs`.
 */
export function Tabs<T extends string>({
  names,
  current,
  label,
  labelOf,
  idPrefix,
  className,
  onChange,
}: {
  names: readonly T[];
  current: T;
  label: string;
  labelOf: (name: T) => string;
  idPrefix: string;
  className?: string;
  onChange: (name: T) => void;
}) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent) => {
    // From the focused tab, not the selected one: the newly selected tab may still be rendering
    // when the next key comes.
    const focused = names.find((name) => refs.current.get(name) === event.target);
    const index = names.indexOf(focused ?? current);
    const last = names.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % names.length
        : event.key === 'ArrowLeft'
          ? (index + last) % names.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    const target = names[next]!;
    onChange(target);
    refs.current.get(target)?.focus();
  };
  return (
    <div
      className={className ? `plan-tabs ${className}` : 'plan-tabs'}
      role="tablist"
      aria-label={label}
      onKeyDown={onKeyDown}
    >
      {names.map((name) => (
        <button
          key={name}
          ref={(el) => {
            if (el) refs.current.set(name, el);
            else refs.current.delete(name);
          }}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${name}`}
          aria-selected={current === name}
          aria-controls={`${idPrefix}-panel`}
          tabIndex={current === name ? 0 : -1}
          className="plan-tab"
          onClick={() => onChange(name)}
        >
          {labelOf(name)}
        </button>
      ))}
    </div>
  );
}

export const tabPanelProps = (idPrefix: string, current: string) => ({
  id: `${idPrefix}-panel`,
  role: 'tabpanel',
  'aria-labelledby': `${idPrefix}-tab-${current}`,
  tabIndex: -1,
});
