import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { once } from "node:events";
import { connect } from "node:net";
import {
  type APIButtonComponent,
  type APIEmbed,
  type APIInteraction,
  type APIInteractionResponseCallbackData,
  type APIMessageTopLevelComponent,
  REST,
} from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { createCooldown } from "../src/discord/cooldown.ts";
import { type HttpServer, MAX_BODY_BYTES, startHttpServer } from "../src/discord/http.ts";
import type { BotContext } from "../src/discord/reply.ts";
import { MAX_CLOCK_SKEW_MS, publicKeyFromHex, verifyInteraction } from "../src/discord/verify.ts";
import type { SearchIndex } from "../src/search/index.ts";
import {
  acknowledgeAtDiscord,
  citedParagraphs,
  memoryLogger,
  shippedIndex,
  testContext,
} from "./support/bot.ts";
import { checkAllowedMentions, checkLimits, validateRequestBody } from "./support/discordSpec.ts";
import { type FakeDiscord, startFakeDiscord } from "./support/fakeDiscord.ts";
import {
  autocomplete,
  botMessage,
  buttonPress,
  FAKE_GUILD_ID,
  messageCommand,
  modalSubmit,
  slashCommand,
  userMessage,
} from "./support/interactions.ts";

const MANAGE_GUILD = (1n << 5n).toString();
const RELOAD_REPORT = "Reloaded 1 story, 9 passages in 3 ms (no changes).";

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** What an interaction response body holds, loosely typed for assertions. */
interface Callback {
  type: number;
  data?: APIInteractionResponseCallbackData & { choices?: { name: string; value: string }[] };
}

const discordKeys = generateKeyPairSync("ed25519");
const strangerKeys = generateKeyPairSync("ed25519");

function rawPublicKeyHex(key: KeyObject): string {
  const x = key.export({ format: "jwk" }).x;
  if (x === undefined) throw new Error("an Ed25519 JWK always has x");
  return Buffer.from(x, "base64url").toString("hex");
}

function nowSeconds(offsetMs = 0): string {
  return String(Math.floor((Date.now() + offsetMs) / 1000));
}

/** The headers Discord sends with a body: an Ed25519 signature over timestamp + body. */
function signed(
  body: string | Buffer,
  options: { timestamp?: string; key?: KeyObject } = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? nowSeconds();
  const message = Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]);
  const signature = sign(null, message, options.key ?? discordKeys.privateKey).toString("hex");
  return {
    "content-type": "application/json",
    "x-signature-ed25519": signature,
    "x-signature-timestamp": timestamp,
  };
}

async function request(
  server: HttpServer,
  path: string,
  init: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? "POST",
    headers: init.headers ?? {},
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? undefined : JSON.parse(text),
  };
}

/** Sends an interaction as Discord does: a signed POST to /interactions. */
function deliver(server: HttpServer, payload: APIInteraction): Promise<Answer> {
  const body = JSON.stringify(payload);
  return request(server, "/interactions", { body, headers: signed(body) });
}

/**
 * Sends each interaction on a connection of its own, every request written in one go once all the
 * connections are open, so that the server reads them in one turn; returns each status line and body.
 */
async function deliverAtOnce(
  server: HttpServer,
  payloads: readonly APIInteraction[],
): Promise<{ status: string; body: unknown }[]> {
  const sockets = payloads.map(() => connect(server.port, "127.0.0.1"));
  await Promise.all(sockets.map((socket) => once(socket, "connect")));
  const replies = sockets.map(async (socket) => {
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    await once(socket, "end");
    const raw = Buffer.concat(chunks).toString("utf8");
    const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
    return { status: raw.slice(0, raw.indexOf("\r\n")), body: JSON.parse(body) as unknown };
  });
  // 'connect' fires once the kernel has the connection; the server accepts it in a later turn, and
  // a request written before then would be read in a turn of its own.
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (const [i, socket] of sockets.entries()) {
    const body = JSON.stringify(payloads[i]);
    const headers = Object.entries(signed(body)).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(
      `POST /interactions HTTP/1.1\r\nhost: bot\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headers.join("")}\r\n${body}`,
    );
  }
  return Promise.all(replies);
}

/**
 * Everything Discord's OpenAPI spec and documented limits find wrong with a response body, and
 * any ping but those of the users in `pings`.
 */
function specProblems(payload: APIInteraction, body: unknown, pings: string[] = []): string[] {
  const path = `/interactions/${payload.id}/${payload.token}/callback`;
  return [
    ...validateRequestBody("POST", path, body),
    ...checkLimits("POST", path, body),
    ...checkAllowedMentions("POST", path, body, pings),
  ];
}

/** Delivers an interaction, checks the answer is a valid interaction response, and returns it. */
async function answerTo(
  server: HttpServer,
  payload: APIInteraction,
  pings: string[] = [],
): Promise<Callback> {
  const answer = await deliver(server, payload);
  expect(answer.status).toBe(200);
  expect(answer.headers.get("content-type")).toBe("application/json");
  expect(specProblems(payload, answer.body, pings)).toEqual([]);
  return answer.body as Callback;
}

function embedOf(callback: Callback): APIEmbed {
  const embed = callback.data?.embeds?.[0];
  if (embed === undefined) throw new Error(`no embed in ${JSON.stringify(callback).slice(0, 300)}`);
  return embed;
}

function buttonsOf(callback: Callback): APIButtonComponent[] {
  const rows = (callback.data?.components ?? []) as { components: APIButtonComponent[] }[];
  return rows.flatMap((row) => row.components);
}

/** A promise with its resolve function, to hold a follow-up until the test lets it go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

let index: SearchIndex;
let discord: FakeDiscord;
let server: HttpServer;
let reloadGate = gate();
const log = memoryLogger();

beforeAll(async () => {
  index = await shippedIndex();
  discord = await startFakeDiscord();
  const context: BotContext = {
    ...testContext(index, log),
    reload: async () => {
      await reloadGate.promise;
      return RELOAD_REPORT;
    },
  };
  server = await startHttpServer({
    port: 0,
    host: "127.0.0.1",
    publicKey: rawPublicKeyHex(discordKeys.publicKey),
    context,
    rest: new REST({ api: discord.apiUrl }),
  });
});

afterAll(async () => {
  await server?.close();
  await discord?.close();
});

describe("startHttpServer", () => {
  test("GIVEN a signed PING THEN it answers PONG", async () => {
    const ping = { ...slashCommand({ name: "ask" }), type: 1, data: undefined };
    const answer = await deliver(server, ping as unknown as APIInteraction);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ type: 1 });
  });

  test("GIVEN a signed /ask THEN it answers in the HTTP response with the passage, cited as ¶3", async () => {
    const callback = await answerTo(
      server,
      slashCommand({ name: "ask", options: { question: "Who issued the directive?" } }),
    );
    expect(callback.type).toBe(4);
    const embed = embedOf(callback);
    expect(embed.title).toBeUndefined();
    expect(embed.description).toContain("Defense Secretary Pete Hegseth");
    expect(embed.description).toContain("unanticipated decision. — ¶3");
    expect(embed.author?.name).toBe(
      "Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts",
    );
    // ¶7 names the directive too, but answers nothing: it is left out.
    expect(embed.fields).toBeUndefined();
    expect(callback.data?.allowed_mentions).toEqual({ parse: [] });
  });

  test("GIVEN an autocomplete THEN it offers what was typed first, then sentences, at most 25", async () => {
    const callback = await answerTo(
      server,
      autocomplete({ name: "ask", focused: { name: "question", value: "who ordered the pause" } }),
    );
    expect(callback.type).toBe(8);
    const choices = callback.data?.choices ?? [];
    expect(choices[0]).toEqual({ name: "who ordered the pause", value: "who ordered the pause" });
    expect(choices.length).toBeGreaterThan(1);
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  test("GIVEN More passages pressed THEN it updates the message in place with the next passages", async () => {
    const first = await answerTo(
      server,
      slashCommand({ name: "ask", options: { question: "cyber operations Russia" } }),
    );
    const more = buttonsOf(first)[0];
    const customId = more !== undefined && "custom_id" in more ? more.custom_id : "";
    expect(customId).toBe("more:3:-::cyber operations Russia");
    const message = botMessage({
      embeds: first.data?.embeds ?? [],
      components: (first.data?.components ?? []) as APIMessageTopLevelComponent[],
    });
    const next = await answerTo(server, buttonPress({ customId, message }));
    expect(next.type).toBe(7);
    expect(embedOf(next).title).toBeUndefined();
    expect(embedOf(next).footer?.text).toMatch(/^¶\d+ = paragraph \d+$/);
  });

  test("GIVEN Follow up pressed THEN the response is a modal valid by Discord's spec, and its submission is answered in context", async () => {
    const first = await answerTo(
      server,
      slashCommand({ name: "ask", options: { question: "Who issued the directive?" } }),
    );
    const followUp = buttonsOf(first).find((b) => "label" in b && b.label === "Follow up");
    const customId = followUp !== undefined && "custom_id" in followUp ? followUp.custom_id : "";
    const message = botMessage({
      embeds: first.data?.embeds ?? [],
      components: (first.data?.components ?? []) as APIMessageTopLevelComponent[],
    });
    const modal = await answerTo(server, buttonPress({ customId, message }));
    expect(modal.type).toBe(9);
    const modalId = (modal.data as unknown as { custom_id: string }).custom_id;
    const answered = await answerTo(
      server,
      modalSubmit({ customId: modalId, values: { question: "why did he do it?" } }),
    );
    expect(answered.type).toBe(4);
    expect(embedOf(answered).title).toBe("why did he do it?");
    expect(citedParagraphs(embedOf(answered))[0]).toBe("¶3");
  });

  test("GIVEN /reload by a manager THEN it defers in the response, then edits @original at Discord through REST", async () => {
    reloadGate = gate();
    const payload = slashCommand({ name: "reload", memberPermissions: MANAGE_GUILD });
    discord.track(payload);
    const callback = await answerTo(server, payload);
    expect(callback).toEqual({ type: 5, data: { flags: 64 } });
    await acknowledgeAtDiscord(discord, payload, callback);
    reloadGate.open();
    const edit = await discord.waitFor(
      (r) => r.method === "PATCH" && r.interactionId === payload.id,
    );
    expect(edit.path).toMatch(
      new RegExp(`^/webhooks/${payload.application_id}/[^/]+/messages/(@|%40)original$`),
    );
    expect(edit.body).toEqual({ content: RELOAD_REPORT, allowed_mentions: { parse: [] } });
    expect(edit.status).toBe(200);
    expect(discord.messageFor(payload.id)?.content).toBe(RELOAD_REPORT);
    expect(discord.messageFor(payload.id)?.flags).toBe(64);
    expect(discord.problems()).toEqual([]);
    expect(discord.mentionProblems()).toEqual([]);
  });

  test("GIVEN Find in story on a member's message THEN it answers privately as /ask does, with a link to the message", async () => {
    const target = userMessage({ content: "What did **Schumer** say? <@1300000000000000302>" });
    const found = await answerTo(server, messageCommand({ name: "Find in story", target }));
    const asked = await answerTo(
      server,
      slashCommand({ name: "ask", options: { question: "What did Schumer say?", private: true } }),
    );
    expect(found.type).toBe(4);
    expect(found.data?.flags).toBe(64);
    expect(found.data?.content).toBe(
      `Searched the story for [this message](https://discord.com/channels/${FAKE_GUILD_ID}/${target.channel_id}/${target.id}).`,
    );
    expect(citedParagraphs(embedOf(found))[0]).toBe("¶7");
    // As /ask answers, with the question as the title: Discord shows it above /ask's answer only.
    const [askedEmbed] = asked.data?.embeds ?? [];
    expect(found.data?.embeds).toEqual([{ ...askedEmbed, title: embedOf(found).title }]);
    expect(embedOf(found).title).toBeDefined();
    expect(found.data?.allowed_mentions).toEqual({ parse: [] });
  });

  test("GIVEN Find in story on an image-only message THEN it explains privately", async () => {
    const found = await answerTo(
      server,
      messageCommand({ name: "Find in story", target: userMessage({ images: ["map.png"] }) }),
    );
    expect(found.data?.flags).toBe(64);
    expect(embedOf(found).description).toMatch(/^That message has only an image, /);
  });

  test("GIVEN /ask with mention THEN the answer addresses that member, the only one who can be pinged", async () => {
    const friend = "1300000000000000302";
    const payload = slashCommand({
      name: "ask",
      options: [
        { name: "question", type: 3, value: "@everyone Who is Rubio?" },
        { name: "mention", type: 6, value: friend },
      ],
    });
    const callback = await answerTo(server, payload, [friend]);
    expect(callback.data?.content).toBe(`<@${friend}>`);
    expect(callback.data?.allowed_mentions).toEqual({ parse: [], users: [friend] });
    expect(JSON.stringify(callback.data?.embeds)).not.toContain("@everyone");
    expect(specProblems(payload, callback)).toEqual([
      `body.data.allowed_mentions.users lets ["${friend}"] be pinged, expected none`,
    ]);
  });

  test("GIVEN twelve /ask with mentions read in one turn THEN each answer addresses its own member", async () => {
    // More than one batch of answers (8), so the second batch follows the first's replies.
    const members = Array.from(
      { length: 12 },
      (_, i) => `13000000000000004${String(i).padStart(2, "0")}`,
    );
    const payloads = members.map((member) =>
      slashCommand({
        name: "ask",
        options: [
          { name: "question", type: 3, value: "Who issued the directive?" },
          { name: "mention", type: 6, value: member },
        ],
      }),
    );
    const answers = await deliverAtOnce(server, payloads);
    expect(answers.map((answer) => answer.status)).toEqual(members.map(() => "HTTP/1.1 200 OK"));
    for (const [i, answer] of answers.entries()) {
      const member = members[i] as string;
      expect(specProblems(payloads[i] as APIInteraction, answer.body, [member])).toEqual([]);
      const callback = answer.body as Callback;
      expect(callback.data?.content).toBe(`<@${member}>`);
      expect(callback.data?.allowed_mentions).toEqual({ parse: [], users: [member] });
    }
  });

  test("GIVEN GET /healthz THEN it reports the stories and passages loaded", async () => {
    const answer = await request(server, "/healthz", { method: "GET" });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: "ok", stories: 1, passages: index.size });
  });
});

describe("GIVEN requests that must be refused", () => {
  const ask = JSON.stringify(slashCommand({ name: "ask", options: { question: "Who is Rubio?" } }));
  const oversized = JSON.stringify({ type: 2, padding: "x".repeat(MAX_BODY_BYTES) });
  const cases: {
    name: string;
    path?: string;
    method?: string;
    body?: string;
    headers?: () => Record<string, string>;
    status: number;
    error: string;
    allow?: string;
  }[] = [
    {
      name: "no signature",
      body: ask,
      headers: () => ({ "content-type": "application/json" }),
      status: 401,
      error: "invalid request signature (missing signature)",
    },
    {
      name: "a forged signature (another key)",
      body: ask,
      headers: () => signed(ask, { key: strangerKeys.privateKey }),
      status: 401,
      error: "invalid request signature (bad signature)",
    },
    {
      name: "a body changed after signing",
      body: ask.replace("Rubio", "Putin"),
      headers: () => signed(ask),
      status: 401,
      error: "invalid request signature (bad signature)",
    },
    {
      name: "a signature that is not hex",
      body: ask,
      headers: () => ({ ...signed(ask), "x-signature-ed25519": "z".repeat(128) }),
      status: 401,
      error: "invalid request signature (bad signature)",
    },
    {
      name: "a replay: correctly signed six minutes ago",
      body: ask,
      headers: () => signed(ask, { timestamp: nowSeconds(-6 * 60_000) }),
      status: 401,
      error: "invalid request signature (stale timestamp)",
    },
    {
      name: "a timestamp six minutes in the future",
      body: ask,
      headers: () => signed(ask, { timestamp: nowSeconds(6 * 60_000) }),
      status: 401,
      error: "invalid request signature (stale timestamp)",
    },
    {
      name: `a signed body over ${MAX_BODY_BYTES} bytes`,
      body: oversized,
      headers: () => signed(oversized),
      status: 413,
      error: `body over ${MAX_BODY_BYTES} bytes`,
    },
    {
      name: "a signed body that is not JSON",
      body: "type=1",
      headers: () => signed("type=1"),
      status: 400,
      error: "the body is not an interaction (JSON with a numeric type)",
    },
    {
      name: "signed JSON that is not an interaction",
      body: '[{"type":1}]',
      headers: () => signed('[{"type":1}]'),
      status: 400,
      error: "the body is not an interaction (JSON with a numeric type)",
    },
    {
      name: "GET /interactions",
      method: "GET",
      status: 405,
      error: "GET is not allowed on /interactions",
      allow: "POST",
    },
    {
      name: "POST /healthz",
      path: "/healthz",
      body: "{}",
      status: 405,
      error: "POST is not allowed on /healthz",
      allow: "GET, HEAD",
    },
    {
      name: "POST to another path",
      path: "/api/interactions",
      body: ask,
      headers: () => signed(ask),
      status: 404,
      error: "not found: Discord sends interactions to POST /interactions",
    },
  ];
  for (const { name, path, method, body, headers, status, error, allow } of cases) {
    test(`THEN ${name} is answered ${status}, and the server keeps serving`, async () => {
      const answer = await request(server, path ?? "/interactions", {
        ...(method === undefined ? {} : { method }),
        ...(body === undefined ? {} : { body }),
        ...(headers === undefined ? {} : { headers: headers() }),
      });
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({ error });
      if (allow !== undefined) expect(answer.headers.get("allow")).toBe(allow);
      const after = await deliver(server, slashCommand({ name: "help" }));
      expect(after.status).toBe(200);
    });
  }

  test("THEN a body of several MiB is refused at once from its Content-Length", async () => {
    const huge = Buffer.alloc(4 * 1024 * 1024, "x");
    const answer = await request(server, "/interactions", { body: huge, headers: signed(huge) });
    expect(answer.status).toBe(413);
    expect((await deliver(server, slashCommand({ name: "help" }))).status).toBe(200);
  });

  test("THEN a client that hangs up halfway through its body leaves the server serving, with no error logged", async () => {
    const socket = connect(server.port, "127.0.0.1");
    await once(socket, "connect");
    socket.write(
      'POST /interactions HTTP/1.1\r\nhost: bot\r\ncontent-length: 1000\r\n\r\n{"type":',
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.destroy();
    await expect
      .poll(() => log.lines.find((line) => line.includes("request body not received")))
      .toMatch(/^debug http: request body not received: Error: aborted/);
    expect(log.lines.filter((line) => line.startsWith("error"))).toEqual([]);
    expect((await deliver(server, slashCommand({ name: "help" }))).status).toBe(200);
  });

  test("THEN a follow-up whose edit Discord rejects is logged, not thrown", async () => {
    reloadGate = gate();
    reloadGate.open();
    const payload = slashCommand({ name: "reload", memberPermissions: MANAGE_GUILD });
    // Not registered at the fake Discord, so the edit of @original gets 404 Unknown Webhook.
    expect((await answerTo(server, payload)).type).toBe(5);
    await discord.waitFor((r) => r.method === "PATCH" && r.path.includes(payload.token));
    const warning = () => log.lines.find((l) => l.startsWith("warn") && l.includes(payload.id));
    await expect
      .poll(warning)
      .toMatch(
        /^warn http: could not edit the reply to command \/reload \(\d+\): DiscordAPIError\[10015\]: Unknown Webhook/,
      );
    expect((await deliver(server, slashCommand({ name: "help" }))).status).toBe(200);
  });
});

describe("GIVEN a replica with a cooldown of 2 asks per 10 s", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test("THEN a member's third ask is refused privately until the window ends, and autocomplete is not counted", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const own = await startHttpServer({
      port: 0,
      host: "127.0.0.1",
      publicKey: rawPublicKeyHex(discordKeys.publicKey),
      context: {
        ...testContext(index, memoryLogger()),
        cooldown: createCooldown({ limit: 2, windowMs: 10_000 }),
      },
      rest: new REST({ api: discord.apiUrl }),
    });
    try {
      const ask = () =>
        answerTo(own, slashCommand({ name: "ask", options: { question: "Who is Rubio?" } }));
      await ask();
      await answerTo(
        own,
        autocomplete({ name: "ask", focused: { name: "question", value: "who is" } }),
      );
      const found = await answerTo(own, messageCommand({ name: "Find in story" }));
      expect(citedParagraphs(embedOf(found))[0]).toBe("¶3");
      const third = await ask();
      expect(third.data?.flags).toBe(64);
      expect(third.data?.content).toBe(
        "You can ask 2 times every 10 s. You can ask again in 10 s.",
      );
      vi.setSystemTime(start + 7_500);
      expect((await ask()).data?.content).toBe(
        "You can ask 2 times every 10 s. You can ask again in 3 s.",
      );
      vi.setSystemTime(start + 10_000);
      expect(citedParagraphs(embedOf(await ask()))[0]).toBe("¶6");
    } finally {
      await own.close();
    }
  });
});

/** A server of its own whose /reload waits for `held` to open, editing replies at `apiUrl`. */
function serverWithHeldReload(held: ReturnType<typeof gate>, apiUrl: string): Promise<HttpServer> {
  return startHttpServer({
    port: 0,
    host: "127.0.0.1",
    publicKey: rawPublicKeyHex(discordKeys.publicKey),
    context: {
      ...testContext(index, memoryLogger()),
      reload: async () => {
        await held.promise;
        return RELOAD_REPORT;
      },
    },
    rest: new REST({ api: apiUrl }),
  });
}

describe("close", () => {
  test("GIVEN a follow-up in flight THEN close waits for its edit, then stops listening", async () => {
    const held = gate();
    const own = await serverWithHeldReload(held, discord.apiUrl);
    const payload = slashCommand({ name: "reload", memberPermissions: MANAGE_GUILD });
    discord.track(payload);
    const callback = await answerTo(own, payload);
    await acknowledgeAtDiscord(discord, payload, callback);
    let closed = false;
    const closing = own.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    held.open();
    await closing;
    expect(discord.messageFor(payload.id)?.content).toBe(RELOAD_REPORT);
    await expect(fetch(`${own.url}/healthz`)).rejects.toThrow();
  });
});

describe("a follow-up's edit", () => {
  test("GIVEN the edit reaches Discord before the deferral it edits THEN it is sent once more and lands", async () => {
    // A fake Discord of its own: the first edit's 404 is a problem it records.
    const own = await startFakeDiscord();
    const held = gate();
    const server = await serverWithHeldReload(held, own.apiUrl);
    try {
      const payload = slashCommand({ name: "reload", memberPermissions: MANAGE_GUILD });
      own.track(payload);
      const callback = await answerTo(server, payload);
      held.open();
      const early = await own.waitFor(
        (r) => r.method === "PATCH" && r.interactionId === payload.id,
      );
      expect(early.status).toBe(404);
      await acknowledgeAtDiscord(own, payload, callback);
      const edit = await own.waitFor(
        (r) => r.method === "PATCH" && r.interactionId === payload.id && r.status === 200,
      );
      expect(edit.body).toEqual({ content: RELOAD_REPORT, allowed_mentions: { parse: [] } });
      expect(own.messageFor(payload.id)?.content).toBe(RELOAD_REPORT);
    } finally {
      await server.close();
      await own.close();
    }
  });
});

describe("verifyInteraction", () => {
  const key = publicKeyFromHex(rawPublicKeyHex(discordKeys.publicKey));
  const body = Buffer.from('{"type":1}');
  const cases = [
    { name: "a fresh signature", offsetMs: 0, ok: true },
    { name: "a signature just inside the window", offsetMs: -(MAX_CLOCK_SKEW_MS - 2000), ok: true },
    {
      name: "a signature just outside the window",
      offsetMs: -(MAX_CLOCK_SKEW_MS + 2000),
      ok: false,
    },
  ] as const;
  for (const { name, offsetMs, ok } of cases) {
    test(`GIVEN ${name} THEN ok is ${ok}`, () => {
      const headers = signed(body, { timestamp: nowSeconds(offsetMs) });
      const result = verifyInteraction(
        key,
        headers["x-signature-ed25519"],
        headers["x-signature-timestamp"],
        body,
      );
      expect(result.ok).toBe(ok);
    });
  }

  test("GIVEN a public key that is not 64 hex characters THEN it says so", () => {
    expect(() => publicKeyFromHex("abc")).toThrow(
      "verify: the public key must be 64 hexadecimal characters, got 3 characters",
    );
  });
});
