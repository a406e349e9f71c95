import type {
  APIButtonComponent,
  APIEmbed,
  APIInteraction,
  APIInteractionResponseCallbackData,
  APIMessage,
  APIMessageTopLevelComponent,
} from "discord.js";
import { loadCorpus } from "../../src/corpus/load.ts";
import { type GatewayBot, startGatewayBot } from "../../src/discord/gateway.ts";
import type { BotContext } from "../../src/discord/reply.ts";
import type { Logger } from "../../src/log.ts";
import { SearchIndex } from "../../src/search/index.ts";
import { type FakeDiscord, type RecordedRequest, startFakeDiscord } from "./fakeDiscord.ts";
import { botMessage } from "./interactions.ts";

/** The index of the shipped corpus, built once per test file. */
export async function shippedIndex(): Promise<SearchIndex> {
  return SearchIndex.build((await loadCorpus("corpus")).stories);
}

/** A gateway bot with this context, logged in to a fake Discord started for it on 127.0.0.1. */
export async function startBotOnFakeDiscord(
  context: BotContext,
): Promise<{ discord: FakeDiscord; bot: GatewayBot }> {
  const discord = await startFakeDiscord();
  const bot = await startGatewayBot({ token: discord.token, apiUrl: discord.apiUrl, context });
  await discord.ready();
  return { discord, bot };
}

/** A logger that keeps its lines for assertions. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string) => {
    lines.push(`${level} ${message}`);
  };
  return {
    lines,
    debug: keep("debug"),
    info: keep("info"),
    warn: keep("warn"),
    error: keep("error"),
  };
}

/** A bot context over a fixed index, whose reload says what it did. */
export function testContext(index: SearchIndex, log: Logger = memoryLogger()): BotContext {
  return { index: () => index, reload: async () => "Reloaded 1 stories (no changes).", log };
}

/** The callback body of a recorded request, typed as an interaction response. */
export function callbackOf(request: RecordedRequest): {
  type: number;
  data?: APIInteractionResponseCallbackData & { choices?: { name: string; value: string }[] };
} {
  return request.body as { type: number; data?: APIInteractionResponseCallbackData };
}

/** The buttons of a callback's rows, in order. */
export function buttonsOf(request: RecordedRequest): APIButtonComponent[] {
  const rows = (callbackOf(request).data?.components ?? []) as {
    components: APIButtonComponent[];
  }[];
  return rows.flatMap((row) => row.components);
}

/**
 * A new member id for each call, so one test's cooldown never reaches another's; `prefix` keeps
 * test files apart (17 digits, then five counted).
 */
export function memberIds(prefix: string): () => string {
  let members = 0;
  return () => {
    members += 1;
    return `${prefix}${String(members).padStart(5, "0")}`;
  };
}

/** The first embed of a callback, failing loudly when there is none. */
export function embedOf(request: RecordedRequest): APIEmbed {
  const embed = callbackOf(request).data?.embeds?.[0];
  if (embed === undefined)
    throw new Error(`no embed in ${JSON.stringify(request.body).slice(0, 300)}`);
  return embed;
}

/** The paragraphs an answer cites, in order: each quoted sentence's ("¶3" from "> … — ¶3"). */
export function citedParagraphs(embed: APIEmbed): string[] {
  return [...(embed.description ?? "").matchAll(/^> .* — (¶\d+|headline)(?:, .*)?$/gmu)].map(
    (m) => m[1] ?? "",
  );
}

/** Rebuilds the message a callback posted, as Discord attaches it to a button press. */
export function messageFrom(request: RecordedRequest): APIMessage {
  const data = callbackOf(request).data ?? {};
  return botMessage({
    ...(data.content === undefined ? {} : { content: data.content }),
    embeds: data.embeds ?? [],
    components: (data.components ?? []) as APIMessageTopLevelComponent[],
    ...(data.flags === undefined ? {} : { flags: data.flags }),
  });
}

/**
 * Sends an HTTP-mode interaction's response to the fake Discord, as Discord would take it from the
 * endpoint, so that a follow-up can edit @original; fails unless Discord accepts it (204).
 */
export async function acknowledgeAtDiscord(
  discord: FakeDiscord,
  payload: APIInteraction,
  callback: unknown,
): Promise<void> {
  const response = await fetch(
    `${discord.apiUrl}/v10/interactions/${payload.id}/${payload.token}/callback`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(callback),
    },
  );
  if (response.status !== 204) {
    throw new Error(`the fake Discord answered the callback with ${response.status}, not 204`);
  }
}
