/**
 * Same rule as the contract's `joinCodeSchema` (kept in sync by joinCode.test.ts), without
 * pulling zod into the phone bundle for one regular expression.
 */
export function normalizeJoinCode(input: string): string | null {
  const code = input.trim().toUpperCase();
  return /^[A-Z0-9]{4,12}$/.test(code) ? code : null;
}
