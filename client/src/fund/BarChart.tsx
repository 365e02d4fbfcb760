/**
 * Horizontal bars with their values written out: the text carries the information (screen
 * readers, printouts, colour blindness); the bar only helps the eye compare.
 */
export interface Bar {
  key: string;
  label: string;
  value: number;
  /** The value as shown ("12 000 $", "40 points"). */
  text: string;
}

export function BarChart({ title, bars, id }: { title: string; bars: Bar[]; id: string }) {
  const max = Math.max(0, ...bars.map((b) => b.value));
  return (
    <figure className="fund-chart" aria-labelledby={id}>
      <figcaption id={id} className="fund-chart-title">
        {title}
      </figcaption>
      <ul className="fund-bars">
        {bars.map((bar) => (
          <li key={bar.key} className="fund-bar-row">
            <span className="fund-bar-label">{bar.label}</span>
            <span className="fund-bar-track" aria-hidden="true">
              <span
                className="fund-bar-fill"
                style={{ width: max > 0 ? `${Math.max(0, (bar.value / max) * 100)}%` : '0%' }}
              />
            </span>
            <span className="fund-bar-value">{bar.text}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
