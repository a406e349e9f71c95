import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync, sign } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { APIEmbed, APIInteraction, APIInteractionResponseCallbackData } from "discord.js";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FAKE_APPLICATION_ID, FAKE_CHANNEL_ID, slashCommand } from "./support/interactions.ts";
import { freePort, type RedisServer, startRedis } from "./support/redis.ts";

// Two `npm start` processes in HTTP mode behind no load balancer: the test alternates between them
// as one without sticky sessions would, with one Redis on 127.0.0.1 for both. Their corpus is the
// shipped story and two of the news test bed's fit stories about one chipmaker.
const STORIES = [
  "corpus/trump-halts-cyber-operations.md",
  "test/fixtures/news/stories/11-chipmaker-new-factory.md",
  "test/fixtures/news/stories/12-chipmaker-job-cuts.md",
];
const KEPT = "from the story this channel is asking about";

const PASSWORD = "replica-shared-password-81";
const TOKEN = `${Buffer.from(FAKE_APPLICATION_ID).toString("base64url")}.fake.${"t".repeat(27)}`;
const discordKeys = generateKeyPairSync("ed25519");
const PUBLIC_KEY_HEX = Buffer.from(
  discordKeys.publicKey.export({ format: "jwk" }).x ?? "",
  "base64url",
).toString("hex");
const WARNING_DOWN = /warn {2}cooldown: Redis at 127\.0\.0\.1:\d+ is unavailable/g;
const WARNING_BACK = /warn {2}cooldown: Redis at 127\.0\.0\.1:\d+ is back after/g;

interface Replica {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<number | null>;
}

async function startReplica(redisUrl: string, corpusDir: string): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      ...process.env,
      BOT_MODE: "http",
      PORT: String(port),
      DISCORD_TOKEN: TOKEN,
      DISCORD_PUBLIC_KEY: PUBLIC_KEY_HEX,
      // Only deferred replies (/reload) call Discord; nothing here does.
      DISCORD_API_URL: "http://127.0.0.1:9/api",
      REDIS_URL: redisUrl,
      ASK_COOLDOWN: "5/30s",
      INDEX_SNAPSHOT: "off",
      WATCH_CORPUS: "false",
      CORPUS_DIR: corpusDir,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code) => resolve(code)),
  );
  return { url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
}

/** Sends /ask as Discord would (signed) and returns the reply's embed and how long it took. */
async function ask(
  replica: Replica,
  userId: string,
  question = "Who issued the directive?",
  channelId?: string,
): Promise<{ embed: APIEmbed | undefined; content: string | undefined; ms: number }> {
  const payload: APIInteraction = slashCommand({
    name: "ask",
    options: { question },
    userId,
    ...(channelId === undefined ? {} : { channelId }),
  });
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), discordKeys.privateKey);
  const started = performance.now();
  const response = await fetch(`${replica.url}/interactions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-signature-ed25519": signature.toString("hex"),
      "x-signature-timestamp": timestamp,
    },
    body,
    signal: AbortSignal.timeout(5_000),
  });
  expect(response.status).toBe(200);
  const callback = (await response.json()) as { data?: APIInteractionResponseCallbackData };
  return {
    embed: callback.data?.embeds?.[0],
    content: callback.data?.content,
    ms: performance.now() - started,
  };
}

/** "answered" for an answer, or what a member over the limit is told (plain text, no embed). */
function outcome(embed: APIEmbed | undefined, content?: string): string {
  const told = /^You can ask 5 times every 30 s\. You can ask again in \d+ s\.$/.exec(
    content ?? "",
  );
  if (told !== null && embed === undefined) return "told when to ask again";
  return (embed?.fields?.length ?? 0) > 0 || embed?.description?.includes("¶") === true
    ? "answered"
    : `something else: ${JSON.stringify(embed)}`;
}

async function alternate(replicas: readonly Replica[], userId: string, asks: number) {
  const outcomes: string[] = [];
  for (let i = 0; i < asks; i++) {
    const replica = replicas[i % replicas.length];
    if (replica === undefined) throw new Error("no replica");
    const reply = await ask(replica, userId);
    outcomes.push(outcome(reply.embed, reply.content));
  }
  return outcomes;
}

/** Resolves once the replica has logged `pattern`; fails with its output after `timeoutMs`. */
async function waitForOutput(replica: Replica, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(replica.output())) {
    if (Date.now() > deadline || replica.child.exitCode !== null) {
      throw new Error(`the replica did not log ${pattern} in time:\n${replica.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

let redis: RedisServer;
let corpusDir: string;
let replicas: Replica[] = [];
/** How many times `replica` has warned that Redis is away, and that it is back. */
function warnings(replica: Replica): { down: number; back: number } {
  return {
    down: count(replica.output(), WARNING_DOWN),
    back: count(replica.output(), WARNING_BACK),
  };
}

/** Warnings that Redis is away minus those that it is back: 0 while the replica counts in Redis. */
function balance(replica: Replica): number {
  const { down, back } = warnings(replica);
  return down - back;
}

beforeAll(async () => {
  redis = await startRedis({ password: PASSWORD });
  corpusDir = mkdtempSync(join(tmpdir(), "replicas-corpus-"));
  for (const story of STORIES) copyFileSync(story, join(corpusDir, story.split("/").at(-1) ?? ""));
  replicas = [await startReplica(redis.url, corpusDir), await startReplica(redis.url, corpusDir)];
  for (const replica of replicas) {
    // Counting in Redis from the start, or, when its first command timed out on a busy machine,
    // once it is back (the replica counted in memory meanwhile, as after an outage).
    await waitForOutput(
      replica,
      /(?:counting asks in Redis at 127\.0\.0\.1:\d+, shared by every replica|is back after).*Listening on|Listening on.*is back after/s,
      15_000,
    );
  }
}, 20_000);

afterAll(async () => {
  for (const replica of replicas) {
    if (replica.child.exitCode === null) replica.child.kill("SIGKILL");
  }
  await Promise.all(replicas.map((replica) => replica.exited));
  await redis?.stop();
  if (corpusDir !== undefined) rmSync(corpusDir, { recursive: true, force: true });
});

describe("GIVEN two HTTP replicas sharing one Redis, ASK_COOLDOWN=5/30s", () => {
  test("THEN a channel answered from a story on one replica is asking about that story on the other: a question naming no story is answered from it, and the footer says so", async () => {
    const [one, other] = replicas;
    if (one === undefined || other === undefined) throw new Error("two replicas");
    const channel = "1300000000000000511";
    const first = await ask(
      one,
      "1300000000000000512",
      "How many jobs will the new chip plant create?",
      channel,
    );
    expect(first.embed?.author?.name).toMatch(/^Halvorsen Microdevices/);
    const next = await ask(
      other,
      "1300000000000000513",
      "What did the mayor say about the announcement?",
      channel,
    );
    expect(next.embed?.author?.name).toMatch(/^Halvorsen Microdevices/);
    expect(next.embed?.footer?.text).toContain(KEPT);
    // A question leaning on that answer follows it up, on either replica.
    const leaning = await ask(one, "1300000000000000516", "and what did he say about it?", channel);
    expect(leaning.embed?.footer?.text).toContain(
      "read as following up this channel's last answer",
    );
    // Another channel, on either replica, is asking about no story.
    const elsewhere = await ask(
      one,
      "1300000000000000514",
      "What did the mayor say about the announcement?",
      "1300000000000000515",
    );
    expect(elsewhere.embed?.footer?.text ?? "").not.toContain(KEPT);
  });

  const SHARED_OUTCOMES = [
    ...Array<string>(5).fill("answered"),
    ...Array<string>(3).fill("told when to ask again"),
  ];

  test("THEN one member's 8 alternating asks are 5 answered and 3 told when to ask again; Redis killed, both replicas answer within 5 s; Redis restarted, the count is shared again within 10 s; SIGTERM, both exit 0", async () => {
    expect(await alternate(replicas, "1300000000000000501", 8)).toEqual(SHARED_OUTCOMES);
    const client = new Redis(redis.url);
    // The member's count and the story the channel was last answered from, each under the application id.
    const keys = await client.keys("*");
    expect(keys).toEqual(
      expect.arrayContaining([
        `${FAKE_APPLICATION_ID}:ask:1300000000000000501`,
        `${FAKE_APPLICATION_ID}:talk:${FAKE_CHANNEL_ID}`,
      ]),
    );
    expect(keys.filter((key) => !key.startsWith(`${FAKE_APPLICATION_ID}:`))).toEqual([]);
    client.disconnect();

    // On a busy machine a command may take over 50 ms: that replica then warns once that Redis is
    // away and once that it is back. Each outage ends with one "back", so the pairs balance; wait
    // for that, then count the outage below from here.
    for (const replica of replicas) {
      await expect.poll(() => balance(replica), { timeout: 5_000, interval: 50 }).toBe(0);
    }
    const beforeOutage = new Map(replicas.map((replica) => [replica, warnings(replica)]));
    const since = (replica: Replica, which: "down" | "back"): number =>
      warnings(replica)[which] - (beforeOutage.get(replica)?.[which] ?? 0);

    await redis.kill();
    for (const replica of replicas) {
      // Over the limit in Redis, but Redis is gone: each replica counts afresh in its memory.
      const { embed, ms } = await ask(replica, "1300000000000000501");
      expect(outcome(embed)).toBe("answered");
      expect(ms).toBeLessThan(5_000);
    }
    expect(await alternate(replicas, "1300000000000000502", 4)).toEqual(
      Array<string>(4).fill("answered"),
    );
    // One warning for the outage, however many asks it saw, and none yet that it is back.
    for (const replica of replicas) {
      expect(since(replica, "down")).toBe(1);
      expect(since(replica, "back")).toBe(0);
    }

    const restarted = performance.now();
    await redis.restart();
    for (const replica of replicas) {
      await expect
        .poll(() => since(replica, "back"), { timeout: 10_000, interval: 50 })
        .toBeGreaterThanOrEqual(1);
    }
    expect(await alternate(replicas, "1300000000000000503", 8)).toEqual(SHARED_OUTCOMES);
    expect(performance.now() - restarted).toBeLessThan(10_000);

    for (const replica of replicas) {
      expect(replica.child.exitCode).toBeNull();
      // Every warning that Redis is away was followed by one that it is back, and only one.
      await expect.poll(() => balance(replica), { timeout: 5_000, interval: 50 }).toBe(0);
      replica.child.kill("SIGTERM");
    }
    for (const replica of replicas) {
      expect(await replica.exited).toBe(0);
      expect(replica.output()).not.toContain(PASSWORD);
      expect(replica.output()).not.toContain(TOKEN);
    }
  }, 30_000);
});
