/**
 * A labelled select whose first choice ("all ...", "choose ...") is the empty value: the filter
 * bars of the proposals list and of the plan are made of these, and the fund's settings use them.
 */
export function FilterSelect({
  id,
  label,
  allLabel,
  value,
  options,
  onChange,
  wrapperClassName,
  selectClassName = 'select',
}: {
  id: string;
  label: string;
  allLabel: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  wrapperClassName: string;
  selectClassName?: string;
}) {
  return (
    <div className={wrapperClassName}>
      <label htmlFor={id}>{label}</label>
      <select id={id} className={selectClassName} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
