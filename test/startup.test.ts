import { Redis } from "ioredis";
import { describe, expect, test } from "vitest";
import { ConfigError, readConfig } from "../src/config.ts";
import { openCooldown, openSharedState } from "../src/startup.ts";
import { memoryLogger } from "./support/bot.ts";
import { FAKE_APPLICATION_ID } from "./support/interactions.ts";
import { freePort, startRedis } from "./support/redis.ts";

describe("openCooldown", () => {
  test("GIVEN ASK_COOLDOWN=off THEN there is no cooldown, even with REDIS_URL", async () => {
    const config = readConfig({ ASK_COOLDOWN: "off", REDIS_URL: "redis://127.0.0.1:1" });
    expect(await openCooldown(config, memoryLogger())).toBeNull();
  });

  test("GIVEN no REDIS_URL THEN asks are counted in memory, without a log line", async () => {
    const log = memoryLogger();
    const cooldown = await openCooldown(readConfig({ ASK_COOLDOWN: "2/10s" }), log);
    expect(cooldown?.setting).toEqual({ limit: 2, windowMs: 10_000 });
    expect(await cooldown?.take("1")).toEqual({ ok: true });
    expect(cooldown?.tracked()).toBe(1);
    expect(log.lines).toEqual([]);
  });

  test("GIVEN REDIS_URL but neither DISCORD_APPLICATION_ID nor a token that names the application THEN it fails saying what to set", async () => {
    const config = readConfig({ REDIS_URL: "redis://127.0.0.1:1" });
    await expect(openCooldown(config, memoryLogger())).rejects.toThrow(
      new ConfigError(
        "REDIS_URL is set, but the application id to prefix the keys in Redis with is unknown: set DISCORD_APPLICATION_ID (Developer Portal → General Information → Application ID)",
      ),
    );
  });
});

describe("openSharedState", () => {
  const unreachable = async () => `redis://:not-logged-9@127.0.0.1:${await freePort()}`;
  const warnings = (log: ReturnType<typeof memoryLogger>) =>
    log.lines.filter((line) => line.startsWith("warn"));

  test("GIVEN REDIS_URL unreachable and ASK_COOLDOWN=off THEN the channels' store logs the outage, once and without the password", async () => {
    const log = memoryLogger();
    const config = readConfig({
      ASK_COOLDOWN: "off",
      REDIS_URL: await unreachable(),
      DISCORD_APPLICATION_ID: FAKE_APPLICATION_ID,
    });
    const state = await openSharedState(config, log);
    try {
      expect(state.cooldown).toBeNull();
      expect(warnings(log)).toEqual([
        expect.stringMatching(
          /^warn channels: Redis at 127\.0\.0\.1:\d+ is unavailable \(.+\): keeping each channel's conversation in this process's memory until it is back$/,
        ),
      ]);
      expect(log.lines.join("\n")).not.toContain("not-logged-9");
    } finally {
      await state.close();
    }
  });

  test("GIVEN REDIS_URL unreachable and a cooldown THEN only the cooldown logs the outage", async () => {
    const log = memoryLogger();
    const config = readConfig({
      ASK_COOLDOWN: "5/30s",
      REDIS_URL: await unreachable(),
      DISCORD_APPLICATION_ID: FAKE_APPLICATION_ID,
    });
    const state = await openSharedState(config, log);
    try {
      expect(warnings(log)).toEqual([expect.stringMatching(/^warn cooldown: Redis at /)]);
    } finally {
      await state.close();
    }
  });

  test("GIVEN REDIS_URL and a cooldown THEN the cooldown and the channels share one connection, closed at shutdown", async () => {
    const redis = await startRedis({ password: "one-connection-23" });
    const operator = new Redis(redis.url, { lazyConnect: true });
    // Connections other than the operator's own, as Redis lists them.
    const bots = async () => {
      const list = await operator.call("CLIENT", "LIST");
      return String(list).trim().split("\n").length - 1;
    };
    try {
      await operator.connect();
      const log = memoryLogger();
      const config = readConfig({
        ASK_COOLDOWN: "5/30s",
        REDIS_URL: redis.url,
        DISCORD_APPLICATION_ID: FAKE_APPLICATION_ID,
      });
      const state = await openSharedState(config, log);
      expect(await bots()).toBe(1);
      expect(await state.cooldown?.take("1300000000000000101")).toEqual({ ok: true });
      state.channelStories.answered("1300000000000000601", "12-chipmaker-job-cuts");
      await expect
        .poll(async () => (await state.channelStories.recall("1300000000000000601")).story)
        .toBe("12-chipmaker-job-cuts");
      expect(await operator.keys(`${FAKE_APPLICATION_ID}:*`)).toHaveLength(2);
      expect(log.lines.filter((line) => line.includes("in Redis at"))).toEqual([
        `info cooldown: counting asks in Redis at 127.0.0.1:${redis.port}, shared by every replica`,
      ]);
      await state.close();
      await expect.poll(bots).toBe(0);
    } finally {
      operator.disconnect();
      await redis.stop();
    }
  });
});
