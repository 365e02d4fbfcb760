/**
 * Spreadsheets run a cell that starts with =, +, -, @ (or a tab or carriage return before one)
 * as a formula: text written by people is prefixed with an apostrophe so it stays text.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Every text cell of a row neutralized; numbers stay numbers. */
export function safeRow(row: (string | number)[]): (string | number)[] {
  return row.map((cell) => (typeof cell === 'string' ? neutralizeFormula(cell) : cell));
}
