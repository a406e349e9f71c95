import { config as loadDotenv } from "dotenv";
import { LOG_LEVELS, type LogLevel, redactUrl } from "./log.ts";

/** Discord's API, where the bot connects unless `DISCORD_API_URL` says otherwise. */
export const DEFAULT_DISCORD_API_URL = "https://discord.com/api";

/** How the bot receives interactions: a gateway connection, or an HTTP endpoint Discord calls. */
export type BotMode = "gateway" | "http";

/** At most `limit` asks per member within `windowMs`, counted across /ask, "Find in story" and More passages. */
export interface AskCooldown {
  readonly limit: number;
  readonly windowMs: number;
}

/** The cooldown used when `ASK_COOLDOWN` is not set: 5 asks per member per 30 seconds. */
export const DEFAULT_ASK_COOLDOWN: AskCooldown = { limit: 5, windowMs: 30_000 };

/** Everything the bot reads from its environment, parsed and checked. */
export interface Config {
  readonly token: string | null;
  readonly applicationId: string | null;
  readonly guildId: string | null;
  readonly apiUrl: string;
  readonly corpusDir: string;
  /** Whether story files linked in from outside the corpus folder are read (off: skipped with a warning). */
  readonly followLinks: boolean;
  readonly logLevel: LogLevel;
  /** Where the index snapshot is kept, or null to always build the index at start-up. */
  readonly snapshotPath: string | null;
  /** Whether edits to the corpus folder are picked up without a restart. */
  readonly watchCorpus: boolean;
  readonly mode: BotMode;
  readonly port: number;
  readonly publicKey: string | null;
  /** Gateway shards: null runs one process without sharding, "auto" asks Discord how many. */
  readonly shards: number | "auto" | null;
  /** Per-member limit on asks, or null when `ASK_COOLDOWN=off`. */
  readonly askCooldown: AskCooldown | null;
  /** Redis that every replica counts asks in (`redis://` or `rediss://`), or null to count in memory. */
  readonly redisUrl: string | null;
}

/** Thrown for a missing or malformed setting; the message names the key and the fix. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

type Env = Readonly<Record<string, string | undefined>>;

const SNOWFLAKE = /^\d{17,20}$/;
// A bot token is three base64url parts joined by dots (user id, timestamp, HMAC).
const TOKEN = /^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/;

/**
 * Reads the configuration from `env` (by default `process.env` after loading `.env`).
 *
 * @throws ConfigError naming the first bad value and how to fix it; the token itself is never included.
 */
export function readConfig(env: Env = loadEnv()): Config {
  const value = (key: string): string | null => {
    const raw = env[key]?.trim();
    return raw ? raw : null;
  };
  const token = value("DISCORD_TOKEN");
  if (token !== null && !TOKEN.test(token.replace(/^Bot\s+/i, ""))) {
    throw new ConfigError(
      "DISCORD_TOKEN does not look like a bot token (three parts joined by dots): copy it from the Developer Portal, Bot → Reset Token",
    );
  }
  return {
    token: token?.replace(/^Bot\s+/i, "") ?? null,
    applicationId: snowflake("DISCORD_APPLICATION_ID", value("DISCORD_APPLICATION_ID")),
    guildId: snowflake("DISCORD_GUILD_ID", value("DISCORD_GUILD_ID")),
    apiUrl: httpUrl("DISCORD_API_URL", value("DISCORD_API_URL") ?? DEFAULT_DISCORD_API_URL),
    corpusDir: value("CORPUS_DIR") ?? "./corpus",
    followLinks: boolean("CORPUS_FOLLOW_LINKS", value("CORPUS_FOLLOW_LINKS") ?? "false"),
    logLevel: oneOf("LOG_LEVEL", value("LOG_LEVEL") ?? "info", LOG_LEVELS),
    snapshotPath: snapshot(value("INDEX_SNAPSHOT")),
    watchCorpus: boolean("WATCH_CORPUS", value("WATCH_CORPUS") ?? "true"),
    mode: oneOf("BOT_MODE", value("BOT_MODE") ?? "gateway", ["gateway", "http"] as const),
    port: port(value("PORT") ?? "8080"),
    publicKey: publicKey(value("DISCORD_PUBLIC_KEY")),
    shards: shards(value("SHARDS")),
    askCooldown: askCooldown(value("ASK_COOLDOWN")),
    redisUrl: redisUrl(value("REDIS_URL")),
  };
}

/**
 * Reads the configuration inside a gateway shard process. discord.js's ShardingManager hands each
 * shard its id in SHARDS, the same variable that says how many shards to run; a shard needs only
 * the id, and its discord.js Client reads that itself, so SHARDS is left out here.
 */
export function readShardConfig(): Config {
  const { SHARDS: _shardId, ...env } = loadEnv();
  return readConfig(env);
}

/** Returns the token, or explains how to get one. */
export function requireToken(config: Config): string {
  if (config.token === null) {
    throw new ConfigError(
      "DISCORD_TOKEN is not set: copy .env.example to .env and paste your bot's token (README, Self-hosting)",
    );
  }
  return config.token;
}

/**
 * The application id: `DISCORD_APPLICATION_ID`, or else the bot user id that opens the token
 * (a bot's user id is its application's id); null without either.
 */
export function applicationIdOf(config: Config): string | null {
  if (config.applicationId !== null) return config.applicationId;
  const firstPart = config.token?.split(".")[0];
  if (firstPart === undefined) return null;
  const decoded = Buffer.from(firstPart, "base64url").toString("utf8");
  return SNOWFLAKE.test(decoded) ? decoded : null;
}

/**
 * What the log must never show: the token, and the password in `REDIS_URL` (as written and
 * decoded; a lone `redis://secret@host` user name counts, as it may be a password).
 */
export function secretsOf(config: Config): string[] {
  const secrets = config.token === null ? [] : [config.token];
  if (config.redisUrl !== null) secrets.push(...redisCredentials(config.redisUrl));
  return secrets;
}

/** The password in a Redis URL (or its lone user name), as written and percent-decoded. */
export function redisCredentials(url: string): string[] {
  const parsed = new URL(url);
  const written = parsed.password === "" ? parsed.username : parsed.password;
  if (written === "") return [];
  let decoded = written;
  try {
    decoded = decodeURIComponent(written);
  } catch {
    // A stray "%" is sent as written.
  }
  return decoded === written ? [written] : [written, decoded];
}

function loadEnv(): Env {
  loadDotenv({ quiet: true });
  return process.env;
}

function snowflake(key: string, raw: string | null): string | null {
  if (raw === null || SNOWFLAKE.test(raw)) return raw;
  throw new ConfigError(
    `${key} is ${JSON.stringify(raw)}, not a Discord id (17–20 digits): copy it with Developer Mode on, or leave it empty`,
  );
}

function httpUrl(key: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `${key} is ${JSON.stringify(raw)}, not a URL: use e.g. ${DEFAULT_DISCORD_API_URL}`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(
      `${key} is ${JSON.stringify(raw)}: it must start with http:// or https://`,
    );
  }
  return raw.replace(/\/+$/, "");
}

function oneOf<T extends string>(key: string, raw: string, allowed: readonly T[]): T {
  const found = allowed.find((option) => option === raw.toLowerCase());
  if (found === undefined) {
    throw new ConfigError(`${key} is ${JSON.stringify(raw)}: use one of ${allowed.join(", ")}`);
  }
  return found;
}

function boolean(key: string, raw: string): boolean {
  return oneOf(key, raw, ["true", "false"] as const) === "true";
}

function port(raw: string): number {
  const number = Number(raw);
  if (!Number.isInteger(number) || number < 1 || number > 65535) {
    throw new ConfigError(`PORT is ${JSON.stringify(raw)}: use a whole number from 1 to 65535`);
  }
  return number;
}

function snapshot(raw: string | null): string | null {
  if (raw === null) return ".cache/index.snapshot";
  return raw.toLowerCase() === "off" ? null : raw;
}

function publicKey(raw: string | null): string | null {
  if (raw === null || /^[0-9a-f]{64}$/i.test(raw)) return raw;
  throw new ConfigError(
    "DISCORD_PUBLIC_KEY is not 64 hexadecimal characters: copy the Public Key from the Developer Portal, General Information",
  );
}

function shards(raw: string | null): number | "auto" | null {
  if (raw === null) return null;
  if (raw.toLowerCase() === "auto") return "auto";
  const number = Number(raw);
  if (!Number.isInteger(number) || number < 1) {
    throw new ConfigError(
      `SHARDS is ${JSON.stringify(raw)}: use auto or a whole number of at least 1`,
    );
  }
  return number;
}

// The longest window accepted: a member told "ask again in 3 h" would rather be told no.
const MAX_COOLDOWN_WINDOW_MS = 60 * 60_000;
const UNIT_MS = { s: 1000, m: 60_000 } as const;

function askCooldown(raw: string | null): AskCooldown | null {
  if (raw === null) return DEFAULT_ASK_COOLDOWN;
  if (raw.toLowerCase() === "off") return null;
  const match = /^(\d{1,4})\s*\/\s*(\d{1,4})\s*(s|m)$/i.exec(raw);
  const limit = Number(match?.[1]);
  const unit = (match?.[3]?.toLowerCase() ?? "s") as keyof typeof UNIT_MS;
  const windowMs = Number(match?.[2]) * UNIT_MS[unit];
  if (match === null || limit < 1 || windowMs < 1000 || windowMs > MAX_COOLDOWN_WINDOW_MS) {
    throw new ConfigError(
      `ASK_COOLDOWN is ${JSON.stringify(raw)}: use asks per window, e.g. 5/30s or 10/2m (at least 1 ask, a window from 1s to 60m), or off`,
    );
  }
  return { limit, windowMs };
}

function redisUrl(raw: string | null): string | null {
  if (raw === null) return null;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    // Explained below with the other malformed values.
  }
  const shown = JSON.stringify(redactUrl(raw));
  if (url === null || (url.protocol !== "redis:" && url.protocol !== "rediss:")) {
    throw new ConfigError(
      `REDIS_URL is ${shown}, not a Redis URL: use redis://host:6379 (rediss:// for TLS, redis://:password@host:6379/0 with a password and database), or leave it empty to count asks in memory`,
    );
  }
  if (url.hostname === "") {
    throw new ConfigError(
      `REDIS_URL is ${shown}, with no host: name the Redis server, e.g. redis://127.0.0.1:6379`,
    );
  }
  if (!/^\/?(\d{1,2})?$/.test(url.pathname)) {
    throw new ConfigError(
      `REDIS_URL is ${shown}: the path must be a database number, e.g. redis://127.0.0.1:6379/0, or nothing`,
    );
  }
  return raw;
}
