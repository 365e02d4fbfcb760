/** Numbers, money and dates as Québec readers expect them ("25 000 $", "75 %", "3 mars 2026"). */

const locale = (language: string): string => (language.startsWith('en') ? 'en-CA' : 'fr-CA');

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter as T;
}

/** Whole dollars unless there are cents: "25 000 $" (fr), "$25,000" (en). */
export function formatMoney(amount: number, language: string): string {
  const cents = Math.round(amount * 100) % 100 !== 0;
  const tag = locale(language);
  return cached(
    `money:${tag}:${cents}`,
    () =>
      new Intl.NumberFormat(tag, {
        style: 'currency',
        currency: 'CAD',
        currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: cents ? 2 : 0,
        maximumFractionDigits: cents ? 2 : 0,
      }),
  ).format(amount);
}

/** 0..1 -> "75 %" (fr) / "75%" (en), rounded to the unit. */
export function formatPercent(value: number, language: string): string {
  const tag = locale(language);
  return cached(
    `pct:${tag}`,
    () => new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }),
  ).format(value);
}

export function formatNumber(value: number, language: string): string {
  const tag = locale(language);
  return cached(`num:${tag}`, () => new Intl.NumberFormat(tag, { maximumFractionDigits: 2 })).format(value);
}

/** "yyyy-mm-dd" read as a calendar day (no time zone shift): "3 mars 2026". */
export function formatDay(iso: string, language: string, style: 'long' | 'short' = 'long'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const tag = locale(language);
  return cached(
    `day:${tag}:${style}`,
    () =>
      new Intl.DateTimeFormat(
        tag,
        style === 'long'
          ? { day: 'numeric', month: 'long', year: 'numeric' }
          : { day: 'numeric', month: 'short' },
      ),
  ).format(date);
}

/** "20 h 48" (fr) / "8:48 p.m." (en). */
export function formatTime(epochMs: number, language: string): string {
  const tag = locale(language);
  return cached(
    `time:${tag}`,
    () => new Intl.DateTimeFormat(tag, { hour: 'numeric', minute: '2-digit' }),
  ).format(epochMs);
}

/** Today as "yyyy-mm-dd" in the device's time zone (the default of date inputs). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
