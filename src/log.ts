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

/**
 * A URL with the password in it (everything before the last `@`, but the user name) replaced by
 * `[redacted]`, for messages that must show a setting such as `REDIS_URL` without its secret.
 *
 * @example
 * redactUrl("redis://default:hunter22@cache:6379"); // "redis://default:[redacted]@cache:6379"
 */
export function redactUrl(raw: string): string {
  const at = raw.lastIndexOf("@");
  if (at === -1) return raw;
  const scheme = /^[a-z][a-z\d+.-]*:\/\//i.exec(raw)?.[0] ?? "";
  const credentials = raw.slice(scheme.length, at);
  const colon = credentials.indexOf(":");
  // "user:password@" keeps the user; a lone "secret@" may be a password, so it goes whole.
  const user = colon === -1 ? "" : `${credentials.slice(0, colon)}:`;
  return `${scheme}${user}[redacted]${raw.slice(at)}`;
}
