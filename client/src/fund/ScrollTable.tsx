import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways inside its card on a phone: the scrolling region is focusable
 * (keyboard users can scroll it) and named by the table's caption.
 */
export function ScrollTable({
  captionId,
  caption,
  tableClassName = '',
  regionClassName = '',
  children,
}: {
  captionId: string;
  caption: ReactNode;
  tableClassName?: string;
  regionClassName?: string;
  children: ReactNode;
}) {
  return (
    <div
      className={`plan-scroll fund-scroll ${regionClassName}`.trim()}
      tabIndex={0}
      role="region"
      aria-labelledby={captionId}
    >
      <table className={`plan-dash-table fund-table ${tableClassName}`.trim()}>
        <caption id={captionId} className="fund-caption">
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
