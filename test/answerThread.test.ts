import { generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type APIEmbed, type APIInteraction, REST } from "discord.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type AnswerThread, startAnswerThread } from "../src/answerThread.ts";
import { readConfig } from "../src/config.ts";
import { CorpusError } from "../src/corpus/load.ts";
import { type HttpServer, startHttpServer } from "../src/discord/http.ts";
import { acknowledgeAtDiscord, memoryLogger } from "./support/bot.ts";
import { validateRequestBody } from "./support/discordSpec.ts";
import { type FakeDiscord, startFakeDiscord } from "./support/fakeDiscord.ts";
import { slashCommand } from "./support/interactions.ts";

const MANAGE_GUILD = (1n << 5n).toString();
const keys = generateKeyPairSync("ed25519");
const publicKey = Buffer.from(
  keys.publicKey.export({ format: "jwk" }).x ?? "",
  "base64url",
).toString("hex");

/** The configuration of a bot in HTTP mode on a corpus folder, without snapshot, watcher or cooldown. */
const configOn = (corpusDir: string) =>
  readConfig({
    CORPUS_DIR: corpusDir,
    INDEX_SNAPSHOT: "off",
    WATCH_CORPUS: "false",
    ASK_COOLDOWN: "off",
    LOG_LEVEL: "error",
    BOT_MODE: "http",
    DISCORD_PUBLIC_KEY: publicKey,
  });

let discord: FakeDiscord;
let thread: AnswerThread;
let server: HttpServer;
const log = memoryLogger();

beforeAll(async () => {
  discord = await startFakeDiscord();
  thread = await startAnswerThread(configOn("corpus"));
  server = await startHttpServer({
    port: 0,
    host: "127.0.0.1",
    publicKey,
    context: { answerer: thread, log },
    rest: new REST({ api: discord.apiUrl }),
  });
});

afterAll(async () => {
  await server?.close();
  await thread?.close();
  await discord?.close();
});

/** Sends an interaction as Discord does (signed), and returns the response's status and body. */
async function deliver(payload: APIInteraction): Promise<{ status: number; body: unknown }> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), keys.privateKey).toString("hex");
  const response = await fetch(`${server.url}/interactions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-signature-ed25519": signature,
      "x-signature-timestamp": timestamp,
    },
    body,
  });
  return { status: response.status, body: await response.json() };
}

describe("GIVEN the HTTP endpoint answering through the answering thread", () => {
  test("WHEN /ask comes in THEN the thread's answer is the response, as Discord's spec allows", async () => {
    const { status, body } = await deliver(
      slashCommand({ name: "ask", options: { question: "Who issued the directive?" } }),
    );
    expect(status).toBe(200);
    expect(
      validateRequestBody(
        "post",
        "/interactions/{interaction_id}/{interaction_token}/callback",
        body,
      ),
    ).toEqual([]);
    const embed = (body as { data: { embeds: APIEmbed[] } }).data.embeds[0];
    expect(embed?.description).toContain("Defense Secretary Pete Hegseth");
  });

  test("WHEN /healthz is asked THEN it reports what the thread loaded", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(await response.json()).toEqual({ status: "ok", stories: 1, passages: 9 });
  });

  test("WHEN /reload defers THEN the thread reloads and the main thread edits the reply at Discord", async () => {
    const payload = slashCommand({ name: "reload", memberPermissions: MANAGE_GUILD });
    discord.track(payload);
    const { body } = await deliver(payload);
    expect(body).toEqual({ type: 5, data: { flags: 64 } });
    await acknowledgeAtDiscord(discord, payload, body);
    // The reload may be quick enough for its edit to reach Discord before the deferral: it is then
    // sent once more (see the HTTP server's tests).
    const edit = await discord.waitFor(
      (r) => r.method === "PATCH" && r.interactionId === payload.id && r.status === 200,
    );
    expect((edit.body as { content: string }).content).toMatch(
      /^Reloaded 1 story, 9 passages in \d+ ms/,
    );
    expect(
      discord.problems().filter((p) => !/PATCH .* answered 404 .*Unknown Message/.test(p)),
    ).toEqual([]);
  });
});

describe("startAnswerThread", () => {
  test("GIVEN a corpus folder that does not exist THEN it fails with the corpus error, naming the folder", async () => {
    const missing = join(mkdtempSync(join(tmpdir(), "story-qa-")), "nope");
    try {
      const failed = startAnswerThread(configOn(missing));
      await expect(failed).rejects.toBeInstanceOf(CorpusError);
      await expect(failed).rejects.toThrow(missing);
    } finally {
      rmSync(join(missing, ".."), { recursive: true, force: true });
    }
  });
});
