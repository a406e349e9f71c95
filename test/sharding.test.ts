/**
 * The sharded gateway bot end to end: a real discord.js ShardingManager spawning real shard
 * processes (src/shard.ts under tsx), against a fake Discord that recommends two shards.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GatewayLookupError, type ShardedBot, startShardedBot } from "../src/discord/sharding.ts";
import { callbackOf, citedParagraphs, embedOf, memoryLogger } from "./support/bot.ts";
import { type FakeDiscord, startFakeDiscord } from "./support/fakeDiscord.ts";
import { guildIdForShard, slashCommand } from "./support/interactions.ts";

const MANAGE_GUILD = (1n << 5n).toString();
const SHARD_ENV = {
  CORPUS_DIR: "corpus",
  INDEX_SNAPSHOT: "off",
  WATCH_CORPUS: "false",
  LOG_LEVEL: "info",
};
// ShardingManager marks the process that runs it as a manager; put the test process back after.
const MANAGER_ENV_KEYS = ["SHARDING_MANAGER", "SHARDING_MANAGER_MODE", "DISCORD_TOKEN"] as const;
const savedEnv = MANAGER_ENV_KEYS.map((key) => [key, process.env[key]] as const);

let discord: FakeDiscord;
let bot: ShardedBot | undefined;
const log = memoryLogger();
const output: string[] = [];

beforeAll(async () => {
  discord = await startFakeDiscord({ shards: 2 });
  bot = await startShardedBot({
    token: discord.token,
    apiUrl: discord.apiUrl,
    shards: "auto",
    log,
    env: SHARD_ENV,
    spawnDelayMs: 0,
    respawnDelayMs: 50,
    output: (shardId, line) => output.push(`[shard ${shardId}] ${line}`),
  });
}, 30_000);

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
  for (const [key, value] of savedEnv) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const askOnShard = (shardId: number) =>
  discord.interact(
    slashCommand({
      name: "ask",
      options: { question: "Who issued the directive?" },
      guildId: guildIdForShard(shardId, 2),
    }),
  );

describe("startShardedBot", () => {
  test("GIVEN shards: auto THEN it asks /gateway/bot at the given API URL and starts the 2 shards Discord recommends", async () => {
    expect(bot?.shardCount).toBe(2);
    const lookup = discord.requests.find((r) => r.path === "/gateway/bot");
    expect(lookup?.headers.authorization).toBe(`Bot ${discord.token}`);
    expect(discord.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(log.lines).toContain(
      "info Sharding: 2 shards as Discord recommends; 1000 of 1000 session starts left today",
    );
    expect(log.lines).toEqual(
      expect.arrayContaining(["info shard 0: ready", "info shard 1: ready"]),
    );
    // A shard tells the manager it is ready before it logs so itself.
    await expect.poll(() => output.filter((line) => line.includes("Ready as"))).toHaveLength(2);
    expect(output.join("\n")).toMatch(
      /\[shard 1\] \S+ info {2}Ready as .+ on shard 1 of 2: 1 story/,
    );
  });

  test("THEN an interaction from a guild on either shard is answered by that shard's process", async () => {
    for (const shardId of [0, 1]) {
      const callback = await askOnShard(shardId);
      expect(citedParagraphs(embedOf(callback))[0]).toBe("¶3");
    }
    expect(discord.problems()).toEqual([]);
  });

  test("THEN /reload on one shard answers with its report and has the other shard reload too", async () => {
    const payload = slashCommand({
      name: "reload",
      memberPermissions: MANAGE_GUILD,
      guildId: guildIdForShard(0, 2),
    });
    expect(callbackOf(await discord.interact(payload))).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await discord.waitFor(
      (r) => r.method === "PATCH" && r.interactionId === payload.id,
    );
    expect(edit.body).toMatchObject({
      content: expect.stringMatching(/^Reloaded 1 story, 9 passages in \d+ ms \(no changes\)\.$/),
    });
    await expect
      .poll(() => output.find((line) => line.includes("/reload on another shard")))
      .toMatch(/^\[shard 1\] .*\/reload on another shard: Reloaded 1 story, 9 passages/);
  });

  test("GIVEN a shard process killed THEN it is logged, restarted, identifies again and answers", async () => {
    const child = bot?.manager.shards.get(1)?.process;
    expect(child?.pid).toBeTypeOf("number");
    child?.kill("SIGKILL");
    await expect.poll(() => log.lines).toContain("error shard 1: process died (SIGKILL)");
    expect(log.lines).toContain("warn shard 1: restarting in 50 ms");
    await expect.poll(() => discord.identifies.length, { timeout: 15_000, interval: 50 }).toBe(3);
    expect(discord.identifies[2]?.shard).toEqual([1, 2]);
    await discord.ready(1, 10_000);
    expect(citedParagraphs(embedOf(await askOnShard(1)))[0]).toBe("¶3");
  }, 20_000);

  test("WHEN stopped THEN every shard closes its gateway connection with 1000 and exits", async () => {
    const before = discord.closes.length;
    const children = [...(bot?.manager.shards.values() ?? [])].map((shard) => shard.process);
    await bot?.stop();
    expect(
      discord.closes
        .slice(before)
        .map(({ shard, code, by }) => ({ shard, code, by }))
        .sort((a, b) => (a.shard ?? 0) - (b.shard ?? 0)),
    ).toEqual([
      { shard: 0, code: 1000, by: "client" },
      { shard: 1, code: 1000, by: "client" },
    ]);
    expect(children.map((child) => child?.exitCode)).toEqual([0, 0]);
    expect(log.lines).toContain("info Sharding: all 2 shards stopped");
    expect(log.lines.filter((line) => line.startsWith("error"))).toEqual([
      "error shard 1: process died (SIGKILL)",
    ]);
  }, 15_000);

  test("GIVEN a shard that cannot start THEN it rejects, with the shard's own error in its output", async () => {
    const lines: string[] = [];
    await expect(
      startShardedBot({
        token: discord.token,
        apiUrl: discord.apiUrl,
        shards: 1,
        log: memoryLogger(),
        env: { ...SHARD_ENV, CORPUS_DIR: "test/no-such-corpus" },
        spawnDelayMs: 0,
        output: (_, line) => lines.push(line),
      }),
    ).rejects.toThrow("Shard 0's process exited before its Client became ready.");
    expect(lines.find((line) => line.startsWith("error: "))).toContain("test/no-such-corpus");
  }, 15_000);

  test("GIVEN a token Discord rejects THEN it fails before spawning, with code TokenInvalid", async () => {
    const rejected = startShardedBot({
      token: "bm90LXRoZS1ib3QtdG9rZW4.fake.c29tZXRoaW5nLWVsc2UtZW50aXJlbHk",
      apiUrl: discord.apiUrl,
      shards: "auto",
      log: memoryLogger(),
    });
    await expect(rejected).rejects.toBeInstanceOf(GatewayLookupError);
    await expect(rejected).rejects.toMatchObject({
      code: "TokenInvalid",
      message: `Discord rejected DISCORD_TOKEN (401 on GET ${discord.apiUrl}/v10/gateway/bot): reset it in the Developer Portal (Bot → Reset Token) and update .env`,
    });
  });
});
