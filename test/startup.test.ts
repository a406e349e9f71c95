import { describe, expect, test } from "vitest";
import { ConfigError, readConfig } from "../src/config.ts";
import { openCooldown } from "../src/startup.ts";
import { memoryLogger } from "./support/bot.ts";

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
