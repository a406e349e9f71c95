/** How much the bot logs, from most to least. */
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;

/** One of the log levels. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where the bot writes what it does; passed down, never global. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Makes a logger that writes `time level message` lines to `write` (stderr by default), dropping
 * lines below `level` and replacing every secret (the bot token) with `[redacted]`.
 */
export function createLogger(
  level: LogLevel,
  secrets: readonly string[] = [],
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const hidden = secrets.filter((secret) => secret.length >= 8);
  const log = (at: LogLevel, message: string) => {
    if (LOG_LEVELS.indexOf(at) < threshold) return;
    let line = message;
    for (const secret of hidden) line = line.split(secret).join("[redacted]");
    write(`${new Date().toISOString()} ${at.padEnd(5)} ${line}`);
  };
  return {
    debug: (message) => log("debug", message),
    info: (message) => log("info", message),
    warn: (message) => log("warn", message),
    error: (message) => log("error", message),
  };
}

/** Describes an unknown thrown value for a log line: its message and the stack's first frames. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const stack = error.stack?.split("\n").slice(0, 4).join(" | ");
    return stack ?? `${error.name}: ${error.message}`;
  }
  return String(error);
}
