import {
  type APIApplicationCommandInteractionDataBasicOption,
  type APIButtonComponent,
  type APIMessage,
  ApplicationCommandOptionType,
  REST,
} from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { createCooldown } from "../src/discord/cooldown.ts";
import type { GatewayBot } from "../src/discord/gateway.ts";
import { registerCommands } from "../src/discord/register.ts";
import type { SearchIndex } from "../src/search/index.ts";
import {
  buttonsOf,
  callbackOf,
  citedParagraphs,
  embedOf,
  memberIds,
  memoryLogger,
  messageFrom,
  shippedIndex,
  startBotOnFakeDiscord,
  testContext,
} from "./support/bot.ts";
import type { FakeDiscord } from "./support/fakeDiscord.ts";
import {
  autocomplete,
  buttonPress,
  FAKE_CHANNEL_ID,
  FAKE_GUILD_ID,
  fakeUser,
  messageCommand,
  slashCommand,
  type UserMessageInput,
  userMessage,
} from "./support/interactions.ts";

const FIND = "Find in story";
const FRIEND_ID = "1300000000000000302";
const NO_TEXT_HINT =
  "so there is nothing to look up in the story. Find in story reads a message's words; to ask in your own, use `/ask question:`.";

let discord: FakeDiscord;
let bot: GatewayBot;
let index: SearchIndex;
const log = memoryLogger();

beforeAll(async () => {
  index = await shippedIndex();
  ({ discord, bot } = await startBotOnFakeDiscord({
    ...testContext(index, log),
    cooldown: createCooldown({ limit: 5, windowMs: 30_000 }),
  }));
});

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
});

afterEach(() => {
  vi.useRealTimers();
});

// Each test asks as a member of its own, so one test's cooldown never reaches another.
const newMember = memberIds("14000000000000");

function customIdOf(button: APIButtonComponent | undefined): string {
  if (button === undefined || !("custom_id" in button)) throw new Error("no such button");
  return button.custom_id;
}

function linkTo(message: APIMessage, guild: string = FAKE_GUILD_ID): string {
  return `https://discord.com/channels/${guild}/${message.channel_id}/${message.id}`;
}

const find = (target: APIMessage, userId: string) =>
  discord.interact(messageCommand({ name: FIND, target, userId }));

function mentionOption(id: string): APIApplicationCommandInteractionDataBasicOption {
  return { name: "mention", type: ApplicationCommandOptionType.User, value: id };
}

function askWith(
  userId: string,
  question: string,
  extra: APIApplicationCommandInteractionDataBasicOption[] = [],
) {
  return slashCommand({
    name: "ask",
    userId,
    options: [
      { name: "question", type: ApplicationCommandOptionType.String, value: question },
      ...extra,
    ],
  });
}

describe("GIVEN Find in story used on a member's message", () => {
  test("THEN a plain question is answered privately exactly as /ask answers it, with a link to the message", async () => {
    const member = newMember();
    const target = userMessage({ content: "Who issued the directive?" });
    const found = await find(target, member);
    const asked = await discord.interact(
      askWith(member, "Who issued the directive?", [
        { name: "private", type: ApplicationCommandOptionType.Boolean, value: true },
      ]),
    );
    expect(callbackOf(found).type).toBe(4);
    expect(callbackOf(found).data?.flags).toBe(64);
    expect(callbackOf(found).data?.content).toBe(
      `Searched the story for [this message](${linkTo(target)}).`,
    );
    expect(embedOf(found).title).toBe("Who issued the directive?");
    expect(citedParagraphs(embedOf(found))[0]).toBe("¶3");
    // The same answer as /ask's, with the question as its title: no "used /ask" line shows it.
    const [askedEmbed] = callbackOf(asked).data?.embeds ?? [];
    expect(embedOf(asked).title).toBeUndefined();
    expect(callbackOf(found).data?.embeds).toEqual([
      { ...askedEmbed, title: "Who issued the directive?" },
    ]);
    expect(callbackOf(found).data?.components).toEqual(callbackOf(asked).data?.components);
    // Nothing further to page to: Follow up and Share, never a disabled "More passages".
    expect(buttonsOf(found).map((b) => "label" in b && b.label)).toEqual(["Follow up", "Share"]);
    expect(callbackOf(found).data?.allowed_mentions).toEqual({ parse: [] });
    expect(discord.problems()).toEqual([]);
    expect(discord.mentionProblems()).toEqual([]);
  });

  test("THEN a message with a mention, Markdown and a link is searched for its words only, and pings nobody", async () => {
    const target = userMessage({
      content: `<@${FRIEND_ID}> did **Hegseth** really order the _pause_? ||no way|| https://example.com/story`,
      mentions: [fakeUser({ id: FRIEND_ID, username: "friend" })],
    });
    const found = await find(target, newMember());
    expect(embedOf(found).title).toBe("did Hegseth really order the pause? no way");
    expect(citedParagraphs(embedOf(found))[0]).toBe("¶3");
    expect(callbackOf(found).data?.content).toBe(
      `Searched the story for [this message](${linkTo(target)}).`,
    );
    expect(JSON.stringify(callbackOf(found).data)).not.toContain(FRIEND_ID);
    expect(callbackOf(found).data?.allowed_mentions).toEqual({ parse: [] });
    expect(discord.mentionProblems()).toEqual([]);
  });

  const noText: { name: string; input: UserMessageInput; what: string }[] = [
    { name: "an image only", input: { images: ["chart.png"] }, what: "only an image" },
    { name: "two images", input: { images: ["a.png", "b.png"] }, what: "only images" },
    { name: "a sticker", input: { stickers: ["wave"] }, what: "only a sticker" },
    {
      name: "an embed only",
      input: { embeds: [{ title: "Breaking news", description: "Hegseth" }] },
      what: "only an embed",
    },
    {
      name: "mentions, emoji and a link",
      input: { content: `<@${FRIEND_ID}> <:pepe:1300000000000000999> 🔥 https://example.com` },
      what: "no words, only mentions, emoji or links",
    },
  ];
  for (const { name, input, what } of noText) {
    test(`THEN a message with ${name} gets a short private explanation`, async () => {
      const found = await find(userMessage(input), newMember());
      expect(callbackOf(found).type).toBe(4);
      expect(callbackOf(found).data?.flags).toBe(64);
      expect(embedOf(found).description).toBe(`That message has ${what}, ${NO_TEXT_HINT}`);
      expect(callbackOf(found).data?.components).toBeUndefined();
      expect(discord.problems()).toEqual([]);
    });
  }

  test("THEN a 6,000-character message is searched for what it says most, each sentence once, and says so", async () => {
    const opening = "Who issued the directive? ";
    const filler = "I keep reading about this and none of it makes sense to me at all. ";
    let content = opening;
    while (content.length < 6000) content += filler;
    content = content.slice(0, 6000);
    const target = userMessage({ content });
    const found = await find(target, newMember());
    expect(callbackOf(found).data?.flags).toBe(64);
    // The question, the one sentence it repeats, and the cut-off end: 25 + 1 + 66 + 1 + 11 = 104.
    expect(callbackOf(found).data?.content).toBe(
      `Searched the story for what [this message](${linkTo(target)}) says most: 3 sentences, 104 of its 6,000 characters.`,
    );
    expect(embedOf(found).title).toMatch(/^Who issued the directive\? I keep reading/);
    expect(citedParagraphs(embedOf(found))[0]).toBe("¶3");
    expect(discord.problems()).toEqual([]);
  });

  test("THEN Share posts the answer and the link to the message, and More passages pages on", async () => {
    const member = newMember();
    const target = userMessage({ content: "cyber operations Russia" });
    const found = await find(target, member);
    const [more, , share] = buttonsOf(found);
    const shared = await discord.interact(
      buttonPress({ customId: customIdOf(share), message: messageFrom(found), userId: member }),
    );
    expect(callbackOf(shared).data?.flags).toBeUndefined();
    expect(callbackOf(shared).data?.content).toBe(
      `Shared by <@${member}>\nSearched the story for [this message](${linkTo(target)}).`,
    );
    expect(callbackOf(shared).data?.embeds).toEqual(callbackOf(found).data?.embeds);
    const next = await discord.interact(
      buttonPress({ customId: customIdOf(more), message: messageFrom(found), userId: member }),
    );
    expect(callbackOf(next).type).toBe(7);
    expect(embedOf(next).footer?.text).toMatch(/^¶\d+ = paragraph \d+$/);
    expect(embedOf(next).title).toBe("cyber operations Russia");
    expect(discord.mentionProblems()).toEqual([]);
  });

  test("THEN in a DM the link to the message uses @me", async () => {
    const target = userMessage({ content: "Who is Rubio?", guildId: null });
    const found = await discord.interact(
      messageCommand({ name: FIND, target, dm: true, userId: newMember() }),
    );
    expect(callbackOf(found).data?.content).toBe(
      `Searched the story for [this message](https://discord.com/channels/@me/${target.channel_id}/${target.id}).`,
    );
    expect(citedParagraphs(embedOf(found))[0]).toBe("¶6");
  });
});

describe("GIVEN /ask with mention", () => {
  test("THEN the public answer addresses that member, and only that member can be pinged", async () => {
    const payload = askWith(newMember(), "Who is Rubio?", [mentionOption(FRIEND_ID)]);
    const callback = await discord.interact(payload, { pings: [FRIEND_ID] });
    const data = callbackOf(callback).data;
    expect(callbackOf(callback).type).toBe(4);
    expect(data?.flags).toBeUndefined();
    expect(data?.content).toBe(`<@${FRIEND_ID}>`);
    expect(data?.allowed_mentions).toEqual({ parse: [], users: [FRIEND_ID] });
    expect(citedParagraphs(embedOf(callback))[0]).toBe("¶6");
    expect(discord.problems()).toEqual([]);
    expect(discord.mentionProblems()).toEqual([]);
    expect(discord.messageFor(payload.id)?.content).toBe(`<@${FRIEND_ID}>`);
  });

  test("THEN mention with private:true is explained privately, pinging nobody", async () => {
    const callback = await discord.interact(
      askWith(newMember(), "Who is Rubio?", [
        mentionOption(FRIEND_ID),
        { name: "private", type: ApplicationCommandOptionType.Boolean, value: true },
      ]),
    );
    expect(callbackOf(callback).data?.flags).toBe(64);
    expect(embedOf(callback).description).toBe(
      "`mention` addresses a public answer to someone, and `private: True` shows it only to you: use one or the other.",
    );
    expect(callbackOf(callback).data?.content).toBeUndefined();
    expect(callbackOf(callback).data?.allowed_mentions).toEqual({ parse: [] });
    expect(discord.mentionProblems()).toEqual([]);
  });

  test("THEN a hostile question with a mention pings the mentioned member and nobody the asker typed", async () => {
    const question = `@everyone @here <@${FAKE_CHANNEL_ID}> <@&${FAKE_GUILD_ID}> who is Rubio`;
    const callback = await discord.interact(
      askWith(newMember(), question, [mentionOption(FRIEND_ID)]),
      { pings: [FRIEND_ID] },
    );
    const data = callbackOf(callback).data;
    expect(data?.content).toBe(`<@${FRIEND_ID}>`);
    expect(data?.allowed_mentions).toEqual({ parse: [], users: [FRIEND_ID] });
    // Discord shows the question above the answer; the answer does not repeat it.
    expect(embedOf(callback).title).toBeUndefined();
    expect(JSON.stringify(data?.embeds)).not.toContain("@everyone");
    expect(discord.problems()).toEqual([]);
    expect(discord.mentionProblems()).toEqual([]);
  });

  test("THEN More passages on a mention's answer keeps the address and pings nobody again", async () => {
    const member = newMember();
    const first = await discord.interact(
      askWith(member, "cyber operations Russia", [mentionOption(FRIEND_ID)]),
      { pings: [FRIEND_ID] },
    );
    const next = await discord.interact(
      buttonPress({
        customId: customIdOf(buttonsOf(first)[0]),
        message: messageFrom(first),
        userId: member,
      }),
    );
    expect(callbackOf(next).type).toBe(7);
    expect(callbackOf(next).data?.content).toBeUndefined();
    expect(callbackOf(next).data?.allowed_mentions).toEqual({ parse: [] });
    expect(discord.mentionProblems()).toEqual([]);
  });
});

describe("GIVEN a cooldown of 5 asks per 30 s", () => {
  test("THEN the sixth ask within the window is refused privately, counting /ask, Find in story and More, and released when the window ends", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const member = newMember();
    const ask = (question: string) => discord.interact(askWith(member, question));
    const first = await ask("cyber operations Russia");
    await ask("Who is Rubio?");
    await ask("Who is Schumer?");
    await find(userMessage({ content: "Who is Waltz?" }), member);
    const more = await discord.interact(
      buttonPress({
        customId: customIdOf(buttonsOf(first)[0]),
        message: messageFrom(first),
        userId: member,
      }),
    );
    expect(callbackOf(more).type).toBe(7);

    const sixth = await ask("Who issued the directive?");
    expect(callbackOf(sixth).data?.flags).toBe(64);
    // The limit and when to ask again, as news rather than an error: no embed, no red stripe.
    expect(callbackOf(sixth).data?.embeds).toBeUndefined();
    expect(callbackOf(sixth).data?.content).toBe(
      "You can ask 5 times every 30 s. You can ask again in 30 s.",
    );
    const pressed = await discord.interact(
      buttonPress({
        customId: customIdOf(buttonsOf(first)[0]),
        message: messageFrom(first),
        userId: member,
      }),
    );
    expect(callbackOf(pressed).type).toBe(4);
    expect(callbackOf(pressed).data?.content).toBe(
      "You can ask 5 times every 30 s. You can ask again in 30 s.",
    );

    const suggestions = await discord.interact(
      autocomplete({ name: "ask", userId: member, focused: { name: "question", value: "who" } }),
    );
    expect(callbackOf(suggestions).type).toBe(8);
    expect(callbackOf(suggestions).data?.choices?.[0]?.value).toBe("who");
    const other = await discord.interact(askWith(newMember(), "Who is Rubio?"));
    expect(citedParagraphs(embedOf(other))[0]).toBe("¶6");

    vi.setSystemTime(start + 18_000);
    const later = await find(userMessage({ content: "Who is Waltz?" }), member);
    expect(callbackOf(later).data?.content).toBe(
      "You can ask 5 times every 30 s. You can ask again in 12 s.",
    );

    vi.setSystemTime(start + 30_000);
    const released = await ask("Who issued the directive?");
    expect(callbackOf(released).data?.flags).toBeUndefined();
    expect(citedParagraphs(embedOf(released))[0]).toBe("¶3");
    expect(discord.problems()).toEqual([]);
  });

  test("THEN /help says how often a member can ask, and describes mention and Find in story", async () => {
    const help = embedOf(await discord.interact(slashCommand({ name: "help" })));
    expect(help.description).toContain("Each member can ask 5 times every 30 s");
    expect(help.description).toContain("`mention:` addresses it to a member");
    expect(help.description).toContain(
      "right-click or long-press a message → **Apps** → **Find in story**",
    );
  });

  test("THEN help typed to /ask gets the /help reply, privately, with the same cooldown line", async () => {
    const help = embedOf(await discord.interact(slashCommand({ name: "help" })));
    const typed = await discord.interact(askWith(newMember(), "help"));
    expect(callbackOf(typed).data?.flags).toBe(64);
    expect(embedOf(typed).description).toBe(help.description);
    expect(embedOf(typed).description).toContain("Each member can ask 5 times every 30 s");
  });
});

describe("GIVEN npm run register", () => {
  test("THEN the PUT carries Find in story as a message command with no description, valid by the spec", async () => {
    const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
    const since = discord.requests.length;
    const done = await registerCommands(rest, discord.applicationId, FAKE_GUILD_ID);
    expect(done.names).toContain(FIND);
    const put = await discord.waitFor((r) => r.method === "PUT", undefined, since);
    const sent = (put.body as { name: string; type: number; description?: string }[]).find(
      (command) => command.name === FIND,
    );
    expect(sent).toEqual({
      name: FIND,
      type: 3,
      contexts: [0, 1, 2],
      integration_types: [0],
    });
    const ask = (put.body as { name: string; options?: { name: string; type: number }[] }[]).find(
      (command) => command.name === "ask",
    );
    expect(ask?.options?.find((o) => o.name === "mention")).toMatchObject({ type: 6 });
    expect(discord.commands.guilds.get(FAKE_GUILD_ID)?.find((c) => c.name === FIND)?.type).toBe(3);
    expect(discord.problems()).toEqual([]);
  });

  test("THEN the log holds no error", () => {
    expect(log.lines.filter((line) => line.startsWith("error"))).toEqual([]);
  });
});
