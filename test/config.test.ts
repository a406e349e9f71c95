import { describe, expect, test } from "vitest";
import {
  applicationIdOf,
  ConfigError,
  readConfig,
  requireToken,
  secretsOf,
} from "../src/config.ts";

const TOKEN = `${"A".repeat(26)}.Gh1234.${"b".repeat(38)}`;

describe("readConfig", () => {
  test("GIVEN an empty environment THEN every key has its documented default", () => {
    expect(readConfig({})).toEqual({
      token: null,
      applicationId: null,
      guildId: null,
      apiUrl: "https://discord.com/api",
      corpusDir: "./corpus",
      followLinks: false,
      logLevel: "info",
      snapshotPath: ".cache/index.snapshot",
      watchCorpus: true,
      mode: "gateway",
      port: 8080,
      publicKey: null,
      shards: null,
      askCooldown: { limit: 5, windowMs: 30_000 },
      redisUrl: null,
    });
  });

  test("GIVEN every key set THEN each is parsed", () => {
    const config = readConfig({
      DISCORD_TOKEN: ` Bot ${TOKEN} `,
      DISCORD_APPLICATION_ID: "123456789012345678",
      DISCORD_GUILD_ID: "223456789012345678",
      DISCORD_API_URL: "http://127.0.0.1:9999/api/",
      CORPUS_DIR: "/srv/stories",
      CORPUS_FOLLOW_LINKS: "TRUE",
      LOG_LEVEL: "DEBUG",
      INDEX_SNAPSHOT: "off",
      WATCH_CORPUS: "false",
      BOT_MODE: "http",
      PORT: "3000",
      DISCORD_PUBLIC_KEY: "a".repeat(64),
      SHARDS: "auto",
      ASK_COOLDOWN: "10 / 2M",
      REDIS_URL: " rediss://default:s3cret@cache.internal:6380/2 ",
    });
    expect(config).toEqual({
      token: TOKEN,
      applicationId: "123456789012345678",
      guildId: "223456789012345678",
      apiUrl: "http://127.0.0.1:9999/api",
      corpusDir: "/srv/stories",
      followLinks: true,
      logLevel: "debug",
      snapshotPath: null,
      watchCorpus: false,
      mode: "http",
      port: 3000,
      publicKey: "a".repeat(64),
      shards: "auto",
      askCooldown: { limit: 10, windowMs: 120_000 },
      redisUrl: "rediss://default:s3cret@cache.internal:6380/2",
    });
  });

  const bad = [
    {
      env: { DISCORD_TOKEN: "hunter2-secret" },
      message:
        "DISCORD_TOKEN does not look like a bot token (three parts joined by dots): copy it from the Developer Portal, Bot → Reset Token",
    },
    {
      env: { DISCORD_GUILD_ID: "my-server" },
      message:
        'DISCORD_GUILD_ID is "my-server", not a Discord id (17–20 digits): copy it with Developer Mode on, or leave it empty',
    },
    {
      env: { DISCORD_APPLICATION_ID: "12" },
      message:
        'DISCORD_APPLICATION_ID is "12", not a Discord id (17–20 digits): copy it with Developer Mode on, or leave it empty',
    },
    {
      env: { DISCORD_API_URL: "discord" },
      message: 'DISCORD_API_URL is "discord", not a URL: use e.g. https://discord.com/api',
    },
    {
      env: { DISCORD_API_URL: "ftp://x" },
      message: 'DISCORD_API_URL is "ftp://x": it must start with http:// or https://',
    },
    {
      env: { LOG_LEVEL: "loud" },
      message: 'LOG_LEVEL is "loud": use one of debug, info, warn, error',
    },
    { env: { WATCH_CORPUS: "yes" }, message: 'WATCH_CORPUS is "yes": use one of true, false' },
    {
      env: { CORPUS_FOLLOW_LINKS: "1" },
      message: 'CORPUS_FOLLOW_LINKS is "1": use one of true, false',
    },
    { env: { BOT_MODE: "webhook" }, message: 'BOT_MODE is "webhook": use one of gateway, http' },
    { env: { PORT: "80000" }, message: 'PORT is "80000": use a whole number from 1 to 65535' },
    {
      env: { DISCORD_PUBLIC_KEY: "xyz" },
      message:
        "DISCORD_PUBLIC_KEY is not 64 hexadecimal characters: copy the Public Key from the Developer Portal, General Information",
    },
    { env: { SHARDS: "0" }, message: 'SHARDS is "0": use auto or a whole number of at least 1' },
    ...["5 per 30s", "5/30", "0/30s", "5/0s", "5/90m", "-1/30s"].map((value) => ({
      env: { ASK_COOLDOWN: value },
      message: `ASK_COOLDOWN is ${JSON.stringify(value)}: use asks per window, e.g. 5/30s or 10/2m (at least 1 ask, a window from 1s to 60m), or off`,
    })),
    {
      env: { REDIS_URL: "127.0.0.1:6379" },
      message:
        'REDIS_URL is "127.0.0.1:6379", not a Redis URL: use redis://host:6379 (rediss:// for TLS, redis://:password@host:6379/0 with a password and database), or leave it empty to count asks in memory',
    },
    {
      env: { REDIS_URL: "http://:hunter22@cache:6379" },
      message:
        'REDIS_URL is "http://:[redacted]@cache:6379", not a Redis URL: use redis://host:6379 (rediss:// for TLS, redis://:password@host:6379/0 with a password and database), or leave it empty to count asks in memory',
    },
    {
      env: { REDIS_URL: "redis:///0" },
      message:
        'REDIS_URL is "redis:///0", with no host: name the Redis server, e.g. redis://127.0.0.1:6379',
    },
    {
      env: { REDIS_URL: "redis://cache:6379/queue" },
      message:
        'REDIS_URL is "redis://cache:6379/queue": the path must be a database number, e.g. redis://127.0.0.1:6379/0, or nothing',
    },
    {
      env: { REDIS_URL: "redis://cache:99999" },
      message:
        'REDIS_URL is "redis://cache:99999", not a Redis URL: use redis://host:6379 (rediss:// for TLS, redis://:password@host:6379/0 with a password and database), or leave it empty to count asks in memory',
    },
  ];
  for (const { env, message } of bad) {
    test(`GIVEN ${Object.keys(env)[0]}=${JSON.stringify(Object.values(env)[0])} THEN it fails naming the key and the fix`, () => {
      expect(() => readConfig(env)).toThrow(new ConfigError(message));
    });
  }

  test("GIVEN ASK_COOLDOWN=off THEN there is no cooldown", () => {
    expect(readConfig({ ASK_COOLDOWN: "OFF" }).askCooldown).toBeNull();
  });

  test("GIVEN a malformed token THEN the error never contains it", () => {
    expect(() => readConfig({ DISCORD_TOKEN: "hunter2-secret" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter2") }),
    );
  });
});

describe("applicationIdOf", () => {
  test("GIVEN DISCORD_APPLICATION_ID THEN it is the application id", () => {
    const config = readConfig({
      DISCORD_APPLICATION_ID: "123456789012345678",
      DISCORD_TOKEN: TOKEN,
    });
    expect(applicationIdOf(config)).toBe("123456789012345678");
  });

  test("GIVEN only a token THEN it is the bot user id that opens the token", () => {
    const token = `${Buffer.from("1300000000000000001").toString("base64url")}.Gh1234.${"b".repeat(38)}`;
    expect(applicationIdOf(readConfig({ DISCORD_TOKEN: token }))).toBe("1300000000000000001");
  });

  test("GIVEN a token whose first part is not an id, and no DISCORD_APPLICATION_ID, THEN it is unknown", () => {
    expect(applicationIdOf(readConfig({ DISCORD_TOKEN: TOKEN }))).toBeNull();
    expect(applicationIdOf(readConfig({}))).toBeNull();
  });
});

describe("secretsOf", () => {
  const cases = [
    { url: "redis://127.0.0.1:6379", secrets: [TOKEN] },
    { url: "redis://default:s3cret-pass@cache:6379", secrets: [TOKEN, "s3cret-pass"] },
    { url: "redis://:p%40ss%2Fword@cache:6379", secrets: [TOKEN, "p%40ss%2Fword", "p@ss/word"] },
    { url: "redis://lone-secret@cache:6379", secrets: [TOKEN, "lone-secret"] },
  ] as const;
  for (const { url, secrets } of cases) {
    test(`GIVEN REDIS_URL=${url} THEN the log hides ${secrets.length - 1} form(s) of its password and the token`, () => {
      expect(secretsOf(readConfig({ DISCORD_TOKEN: TOKEN, REDIS_URL: url }))).toEqual(secrets);
    });
  }
});

describe("requireToken", () => {
  test("GIVEN no token THEN it explains how to set one", () => {
    expect(() => requireToken(readConfig({}))).toThrow(
      "DISCORD_TOKEN is not set: copy .env.example to .env and paste your bot's token (README, Self-hosting)",
    );
  });

  test("GIVEN a token THEN it returns it", () => {
    expect(requireToken(readConfig({ DISCORD_TOKEN: TOKEN }))).toBe(TOKEN);
  });
});
