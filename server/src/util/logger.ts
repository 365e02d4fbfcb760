/** A small leveled logger; tests pass a quiet one. */
export interface Logger {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

export function consoleLogger(quiet = false): Logger {
  const line = (level: string, message: string, context?: Record<string, unknown>) =>
    `${new Date().toISOString()} ${level} ${message}${context ? ' ' + JSON.stringify(context) : ''}`;
  return {
    info: (m, c) => {
      if (!quiet) console.log(line('info', m, c));
    },
    warn: (m, c) => console.warn(line('warn', m, c)),
    error: (m, c) => console.error(line('error', m, c)),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
