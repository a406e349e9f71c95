import { type APIButtonComponent, REST } from "discord.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { GatewayBot } from "../src/discord/gateway.ts";
import { registerCommands } from "../src/discord/register.ts";
import type { SearchIndex } from "../src/search/index.ts";
import {
  callbackOf,
  citedParagraphs,
  embedOf,
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
  dmSlashCommand,
  FAKE_GUILD_ID,
  FAKE_USER_ID,
  slashCommand,
} from "./support/interactions.ts";
import { newsIndex } from "./support/stories.ts";

const STORY = "trump-halts-cyber-operations";
const MANAGE_GUILD = (1n << 5n).toString();

let discord: FakeDiscord;
let bot: GatewayBot;
let index: SearchIndex;
const log = memoryLogger();

beforeAll(async () => {
  index = await shippedIndex();
  ({ discord, bot } = await startBotOnFakeDiscord(testContext(index, log)));
});

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
});

const ask = (question: string, extra: Record<string, boolean | string> = {}) =>
  discord.interact(slashCommand({ name: "ask", options: { question, ...extra } }));

function buttons(request: Parameters<typeof callbackOf>[0]): APIButtonComponent[] {
  const rows = (callbackOf(request).data?.components ?? []) as {
    components: APIButtonComponent[];
  }[];
  return rows.flatMap((row) => row.components);
}

function customIdOf(button: APIButtonComponent | undefined): string {
  if (button === undefined || !("custom_id" in button))
    throw new Error("no button with a custom_id");
  return button.custom_id;
}

describe("GIVEN the gateway bot logged in to a fake Discord", () => {
  test("THEN /ask answers with the passage that names Hegseth, cited as ¶3", async () => {
    const callback = await ask("Who issued the directive?");
    expect(callbackOf(callback).type).toBe(4);
    const embed = embedOf(callback);
    // Discord shows the question above the reply ("used /ask question: …"): the embed does not repeat it.
    expect(embed.title).toBeUndefined();
    expect(embed.author?.name).toBe(
      "Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts",
    );
    // The phrase in bold, then the sentence that says it (the phrase bold there too), and its ¶.
    expect(embed.description).toBe(
      "**Defense Secretary Pete Hegseth**\n> Officials revealed that the directive, issued by **Defense Secretary Pete Hegseth**, was delivered to US Cyber Command, though no specific reasons were provided for this seemingly unanticipated decision. — ¶3",
    );
    // ¶7 shares only "directive" and answers nothing; ¶3 is not repeated in full.
    expect(embed.fields).toBeUndefined();
    expect(embed.footer?.text).toBe("¶3 = paragraph 3 · /passage ¶3 shows all of it");
    expect(callbackOf(callback).data?.flags).toBeUndefined();
    // Nothing more to page to, so no More button (never a disabled one): only Follow up.
    expect(buttons(callback).map((b) => "label" in b && b.label)).toEqual(["Follow up"]);
    expect(discord.problems()).toEqual([]);
    expect(discord.mentionProblems()).toEqual([]);
  });

  test("THEN a confident yes or no comes first, in bold, above the sentence that settles it", async () => {
    const callback = await ask("Were any reasons given for the pause?");
    const lines = (embedOf(callback).description ?? "").split("\n");
    expect(lines[0]).toBe("**No**");
    expect(lines[1]).toMatch(
      /^> Officials revealed that .*no specific reasons were provided.* — ¶3$/,
    );
    expect(discord.problems()).toEqual([]);
  });

  test("THEN /ask private:true answers ephemerally with a Share button", async () => {
    const callback = await ask("What did Schumer say?", { private: true });
    expect(callbackOf(callback).data?.flags).toBe(64);
    expect(citedParagraphs(embedOf(callback))).toEqual(["¶7"]);
    expect(buttons(callback).map((b) => "label" in b && b.label)).toEqual(["Follow up", "Share"]);
  });

  test("THEN a question the story does not answer gets an honest no, and no passages", async () => {
    const callback = await ask("What is the capital of France?");
    const embed = embedOf(callback);
    // Two lines above the buttons: why, with questions to press, and what the story is about.
    expect(embed.description).toBe(
      [
        "The story does not mention France. Try one of these:",
        "It is about: *Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts*",
      ].join("\n"),
    );
    expect(embed.fields).toBeUndefined();
    expect(buttons(callback).map((b) => "label" in b && b.label)).toEqual([
      "What is the story about?",
      "What does the story say about Defense Secretary Pete Hegseth?",
      "What does the story say about US Cyber Command?",
    ]);
    expect(discord.problems()).toEqual([]);
  });

  test("THEN a question the story may not answer shows the closest passages, labelled uncertain with the reason", async () => {
    const callback = await ask("When exactly was the directive delivered to Cyber Command?");
    const embed = embedOf(callback);
    // One passage is shown (the others score far below it), so the label speaks of one.
    expect(embed.description).toMatch(
      /^\*\*The story may not answer this \(it gives no date for this\); the closest passage:\*\*\n/,
    );
    expect(embed.color).not.toBe(embedOf(await ask("Who issued the directive?")).color);
    expect(citedParagraphs(embed)).toEqual(["¶3"]);
    expect(buttons(callback).map((b) => "label" in b && b.label)).toEqual([
      "Follow up",
      "What is the story about?",
      "What does the story say about Defense Secretary Pete Hegseth?",
      "What does the story say about US Cyber Command?",
    ]);
    expect(discord.problems()).toEqual([]);
  });

  test("THEN a question the story more likely answers than not is labelled uncertain, and probably answered", async () => {
    const callback = await ask("Why did Trump pause cyber operations?");
    const embed = embedOf(callback);
    expect(embed.description).toMatch(
      /^\*\*The story probably answers this, though not for certain:\*\*\n/,
    );
    // Amber as every uncertain answer: the label, not the colour, says how likely.
    expect(embed.color).toBe(
      embedOf(await ask("When exactly was the directive delivered to Cyber Command?")).color,
    );
    expect(citedParagraphs(embed)[0]).toBe("¶3");
    // No questions to ask instead under an answer that is likely right.
    expect(buttons(callback).map((b) => "label" in b && b.label)).toEqual([
      "More passages",
      "Follow up",
    ]);
    expect(discord.problems()).toEqual([]);
  });

  test("THEN More passages pages on in place from the state in its custom_id", async () => {
    const first = await ask("cyber operations Russia");
    const more = buttons(first)[0];
    expect(customIdOf(more)).toBe("more:3:-::cyber operations Russia");
    const next = await discord.interact(
      buttonPress({ customId: customIdOf(more), message: messageFrom(first) }),
    );
    expect(callbackOf(next).type).toBe(7);
    const embed = embedOf(next);
    expect(embed.title).toBeUndefined();
    // No running counter: the ¶ numbers say which passages these are.
    expect(embed.footer?.text).toMatch(/^¶\d+ = paragraph \d+$/);
    const before = citedParagraphs(embedOf(first));
    const after = citedParagraphs(embed);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((p) => before.includes(p))).toEqual([]);
  });

  test("THEN 'what happened?' answers with the story's opening, and More passages reads on", async () => {
    const first = await ask("what happened?");
    expect(citedParagraphs(embedOf(first))).toEqual(["headline", "¶1", "¶2"]);
    // The headline quoted is cited as "headline", not as a paragraph.
    expect(embedOf(first).description?.split("\n")[0]).toMatch(/ — headline$/u);
    const next = await discord.interact(
      buttonPress({ customId: customIdOf(buttons(first)[0]), message: messageFrom(first) }),
    );
    expect(citedParagraphs(embedOf(next))).toEqual(["¶3", "¶4", "¶5"]);
  });

  test("THEN 'can u summarize this', asked of the bot, gets the story's opening, not what the bot is", async () => {
    const reply = await ask("can u summarize this");
    expect(callbackOf(reply).data?.content).toBeUndefined();
    expect(citedParagraphs(embedOf(reply))).toEqual(["headline", "¶1", "¶2"]);
    expect(discord.problems()).toEqual([]);
  });

  test("THEN a remark the story does not answer gets what the bot answers, not 'The story doesn't say'", async () => {
    const reply = await ask("ngl this whole thing is kinda scary");
    expect(callbackOf(reply).data?.content).toBe(
      "I can only answer questions about the story: ask me one, and I'll quote where it says so.",
    );
    expect(callbackOf(reply).data?.embeds).toBeUndefined();
    expect(discord.problems()).toEqual([]);
  });

  test("THEN an emoji alone gets the friendly line its emoji says, quoting no story", async () => {
    const reply = await ask("👍");
    expect(callbackOf(reply).data?.content).toBe("Alright. Ask me anything else about the story.");
    expect(callbackOf(reply).data?.embeds).toBeUndefined();
    expect(callbackOf(reply).data?.allowed_mentions).toEqual({ parse: [] });
    expect(discord.problems()).toEqual([]);
  });

  test("THEN 'thats right' after an answer gets a friendly line, not 'The story doesn't say'", async () => {
    const reply = await ask("thats right");
    expect(callbackOf(reply).data?.content).toBe("Alright. Ask me anything else about the story.");
    expect(callbackOf(reply).data?.embeds).toBeUndefined();
    expect(discord.problems()).toEqual([]);
  });

  test("THEN Share posts a private answer publicly, crediting who shared it without pinging", async () => {
    const original = await ask("Who is Mike Waltz?", { private: true });
    const share = buttons(original).find((b) => "label" in b && b.label === "Share");
    const shared = await discord.interact(
      buttonPress({ customId: customIdOf(share), message: messageFrom(original) }),
    );
    expect(callbackOf(shared).type).toBe(4);
    expect(callbackOf(shared).data?.flags).toBeUndefined();
    expect(callbackOf(shared).data?.content).toBe(`Shared by <@${FAKE_USER_ID}>`);
    expect(callbackOf(shared).data?.allowed_mentions).toEqual({ parse: [] });
    expect(embedOf(shared).description).toEqual(embedOf(original).description);
    // The shared copy shows the question, which no "used /ask" line shows the channel.
    expect(embedOf(shared).title).toBe("Who is Mike Waltz?");
  });

  test("THEN autocomplete offers what was typed first, then sentences from the story, at most 25", async () => {
    const callback = await discord.interact(
      autocomplete({ name: "ask", focused: { name: "question", value: "who ordered the pause" } }),
    );
    const data = callbackOf(callback).data;
    expect(callbackOf(callback).type).toBe(8);
    expect(data?.choices?.[0]).toEqual({
      name: "who ordered the pause",
      value: "who ordered the pause",
    });
    expect(data?.choices?.length).toBeGreaterThan(1);
    expect(data?.choices?.length).toBeLessThanOrEqual(25);
    expect(data?.choices?.slice(1).some((c) => c.value.startsWith("In a surprising move"))).toBe(
      true,
    );
  });

  test("THEN autocomplete completes the word being typed with a word of the story, and a finished word not at all", async () => {
    const values = async (value: string) =>
      callbackOf(
        await discord.interact(autocomplete({ name: "ask", focused: { name: "question", value } })),
      ).data?.choices?.map((c) => c.value) ?? [];
    expect(await values("who issued the direc")).toContain("who issued the directive");
    expect(await values("russian cyber")).toContain("russian cybersecurity");
    expect(await values("russian cyber ")).not.toContain("russian cybersecurity");
  });

  test("THEN autocomplete on an empty question offers the stories", async () => {
    const callback = await discord.interact(
      autocomplete({ name: "ask", focused: { name: "question", value: "" } }),
    );
    expect(callbackOf(callback).data?.choices?.map((c) => c.name)).toEqual([
      "Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts",
    ]);
  });

  test("THEN /ask story: limits the answer to that story, offers stories as you type, and explains an unknown one", async () => {
    const limited = await ask("Who is Schumer?", { story: STORY });
    expect(citedParagraphs(embedOf(limited))[0]).toBe("¶7");
    const choices = await discord.interact(
      autocomplete({
        name: "ask",
        focused: { name: "story", value: "trump" },
        options: { question: "x" },
      }),
    );
    expect(callbackOf(choices).data?.choices).toEqual([
      {
        name: "Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts",
        value: STORY,
      },
    ]);
    const unknown = await ask("Who is Schumer?", { story: "sports" });
    expect(embedOf(unknown).description).toBe(
      'There is no story "sports". Pick one from the list, or see /story.',
    );
  });

  test("THEN /passage shows one whole paragraph with its citation", async () => {
    const callback = await discord.interact(
      slashCommand({ name: "passage", options: { id: `${STORY}#7` } }),
    );
    const embed = embedOf(callback);
    expect(embed.title).toBe(
      "¶7 · Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts",
    );
    expect(embed.description).toBe(index.passage(`${STORY}#7`)?.text.replace(/"/g, '"'));
    // Members read what ¶ means, never the internal id or the line of the file.
    expect(embed.footer?.text).toBe("¶7 = paragraph 7");
    expect(JSON.stringify(embed)).not.toContain(STORY);
  });

  test("THEN /passage accepts ¶N when there is one story, and explains an unknown id", async () => {
    const short = await discord.interact(slashCommand({ name: "passage", options: { id: "¶3" } }));
    expect(embedOf(short).title).toMatch(/^¶3 · /);
    const unknown = await discord.interact(
      slashCommand({ name: "passage", options: { id: "nope#99" } }),
    );
    expect(embedOf(unknown).description).toBe(
      'There is no passage "nope#99". Pick one from the list as you type, or type a citation like ¶3.',
    );
    expect(callbackOf(unknown).data?.flags).toBe(64);
  });

  test("THEN /passage autocomplete lists citations matching what was typed", async () => {
    const callback = await discord.interact(
      autocomplete({ name: "passage", focused: { name: "id", value: "schumer" } }),
    );
    expect(callbackOf(callback).data?.choices).toEqual([
      { name: expect.stringMatching(/^¶7 · However, Democrats/), value: `${STORY}#7` },
    ]);
  });

  test("THEN /story lists the story with its paragraphs, and /help explains how to ask", async () => {
    const story = embedOf(await discord.interact(slashCommand({ name: "story" })));
    expect(story.title).toBe("1 story I can answer from");
    // No id, and no source that only names the file the story was delivered as.
    // ¶1–¶8: the headline is not counted among the paragraphs.
    expect(story.fields?.[0]?.value).toBe("8 paragraphs");
    const help = embedOf(await discord.interact(slashCommand({ name: "help" })));
    expect(help.title).toBe("How to ask");
    const lines = help.description?.split("\n") ?? [];
    // One line per command, each with an example of it.
    for (const command of ["/ask question:", "/passage id:", "/story", "/reload"]) {
      expect(lines.filter((l) => l.startsWith(`• \`${command}`))).toHaveLength(1);
    }
    expect(help.description).toContain("`/ask question: Who issued the directive?`");
    // This bot runs without a cooldown, so /help promises none.
    expect(help.description).not.toContain("Each member can ask");
  });

  test("THEN /reload refuses members without Manage Server", async () => {
    const callback = await discord.interact(
      slashCommand({ name: "reload", memberPermissions: "0" }),
    );
    expect(embedOf(callback).description).toBe(
      "Only members with the Manage Server permission can reload the stories.",
    );
  });

  test("THEN /reload by a manager defers, then edits the original message with the report", async () => {
    const payload = slashCommand({ name: "reload", memberPermissions: MANAGE_GUILD });
    const callback = await discord.interact(payload);
    expect(callbackOf(callback)).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await discord.waitFor(
      (r) => r.method === "PATCH" && r.path.includes(payload.token),
    );
    expect(edit.path).toBe(
      `/webhooks/${payload.application_id}/${payload.token}/messages/@original`,
    );
    expect(edit.body).toMatchObject({
      content: "Reloaded 1 stories (no changes).",
      allowed_mentions: { parse: [] },
    });
  });

  test("THEN a DM (user, not member) is answered too", async () => {
    const callback = await discord.interact(
      dmSlashCommand({ name: "ask", options: { question: "Who is Rubio?" } }),
    );
    expect(citedParagraphs(embedOf(callback))[0]).toBe("¶6");
  });

  test("THEN an unknown command and a missing option get a short ephemeral explanation", async () => {
    const unknown = await discord.interact(slashCommand({ name: "weather" }));
    expect(embedOf(unknown).description).toBe("I don't know the command /weather. Try /help.");
    expect(callbackOf(unknown).data?.flags).toBe(64);
    const missing = await discord.interact(slashCommand({ name: "ask" }));
    expect(embedOf(missing).description).toBe(
      "The question is missing: type `/ask question:` and then your question.",
    );
  });
});

describe("GIVEN hostile or odd questions", () => {
  const cases = [
    {
      name: "@everyone",
      question: "@everyone who issued the directive?",
      // Mentions and links carry no words of the question: they are dropped before it is read.
      expectTitle: "who issued the directive?",
    },
    { name: "@here", question: "@here schumer", expectTitle: "schumer" },
    {
      name: "a user mention",
      question: "<@123456789012345678> who is Rubio",
      expectTitle: "who is Rubio",
    },
    {
      name: "a masked link",
      question: "[click me](https://evil.example) Hegseth",
      expectTitle: "click me Hegseth",
    },
    {
      name: "Markdown",
      question: "**bold** `code` # heading Waltz",
      expectTitle: "\\*\\*bold\\*\\* \\`code\\` # heading Waltz",
    },
    { name: "emoji", question: "🔥🔥🔥 Hegseth", expectTitle: "🔥🔥🔥 Hegseth" },
    {
      name: "zero-width and control characters",
      question: "Who\u200b is\u0000 Schu\u200dmer?",
      expectTitle: "Who is Schumer?",
    },
  ] as const;
  for (const { name, question, expectTitle } of cases) {
    test(`THEN ${name} is shown inert and nobody is pinged`, async () => {
      const callback = await ask(question, { private: true });
      expect(callbackOf(callback).data?.allowed_mentions).toEqual({ parse: [] });
      // /ask does not repeat the question; where it is shown (a shared answer) it is inert.
      expect(JSON.stringify(callbackOf(callback).data?.embeds)).not.toContain(question);
      const share = buttons(callback).find((b) => "label" in b && b.label === "Share");
      if (share !== undefined) {
        const shared = await discord.interact(
          buttonPress({ customId: customIdOf(share), message: messageFrom(callback) }),
        );
        expect(embedOf(shared).title).toBe(expectTitle);
      }
      expect(discord.problems()).toEqual([]);
      expect(discord.mentionProblems()).toEqual([]);
    });
  }

  test("THEN a link or an animated emoji beside a question changes nothing of its answer", async () => {
    const plain = embedOf(await ask("who ordered the pause"));
    for (const question of [
      "who ordered the pause (https://www.nytimes.com/2025/03/02/us/politics/cyber.html)",
      "<a:wave:1300000000000000998> who ordered the pause",
    ]) {
      const linked = embedOf(await ask(question));
      expect(linked.color).toBe(plain.color);
      expect(linked.description).toBe(plain.description);
    }
    expect(discord.problems()).toEqual([]);
  });

  test("THEN a question of only a link gets a private line asking for words", async () => {
    const callback = await ask("https://apnews.com/article/cyber-pause-0123");
    expect(embedOf(callback).description).toBe(
      "That question has no words, only links, mentions or emoji: ask in words what you want to know about the story.",
    );
    expect(callbackOf(callback).data?.flags).toBe(64);
  });

  const refused = [
    {
      name: "6000 characters",
      question: "a".repeat(6000),
      message: "The question is 6000 characters long; the limit is 500. Ask something shorter.",
    },
    {
      name: "an empty string",
      question: "",
      message: "The question is empty: type a question about the story.",
    },
    {
      name: "white space",
      question: " \t\n ",
      message: "The question is empty: type a question about the story.",
    },
  ] as const;
  for (const { name, question, message } of refused) {
    test(`THEN ${name} gets a clear ephemeral message`, async () => {
      const callback = await ask(question);
      expect(embedOf(callback).description).toBe(message);
      expect(callbackOf(callback).data?.flags).toBe(64);
    });
  }

  test("THEN a burst of 50 interactions at once is answered, each within Discord's 3 seconds", async () => {
    const started = Date.now();
    const questions = Array.from({ length: 50 }, (_, i) => `Who is Schumer? ${i}`);
    const answers = await Promise.all(questions.map((q) => ask(q)));
    expect(answers.map((a) => callbackOf(a).type)).toEqual(questions.map(() => 4));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(discord.problems()).toEqual([]);
  });

  test("THEN the log holds no error and never the token", () => {
    expect(log.lines.filter((line) => line.startsWith("error"))).toEqual([]);
    expect(log.lines.join("\n")).not.toContain(discord.token);
  });
});

describe("registerCommands", () => {
  test("GIVEN a guild id THEN it PUTs every command to that guild in one request", async () => {
    const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
    const done = await registerCommands(rest, null, FAKE_GUILD_ID);
    expect(done).toEqual({
      scope: "guild",
      applicationId: discord.applicationId,
      guildId: FAKE_GUILD_ID,
      names: ["ask", "passage", "story", "help", "reload", "Find in story"],
    });
    expect(discord.commands.guilds.get(FAKE_GUILD_ID)?.map((c) => c.name)).toEqual(done.names);
    expect(discord.problems()).toEqual([]);
  });

  test("GIVEN no guild id THEN it registers the commands globally", async () => {
    const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
    const done = await registerCommands(rest, discord.applicationId, null);
    expect(done.scope).toBe("global");
    expect(discord.commands.global.map((c) => c.name)).toEqual([
      "ask",
      "passage",
      "story",
      "help",
      "reload",
      "Find in story",
    ]);
    expect(discord.problems()).toEqual([]);
  });
});

describe("GIVEN the bot on a story whose passages holding a year rank past the first page", () => {
  let newsDiscord: FakeDiscord;
  let newsBot: GatewayBot;

  beforeAll(async () => {
    ({ discord: newsDiscord, bot: newsBot } = await startBotOnFakeDiscord(
      testContext(newsIndex("10-sheriff-body-camera-policy")),
    ));
  });

  afterAll(async () => {
    await newsBot?.stop();
    await newsDiscord?.close();
  });

  test("THEN More passages shows none of the first page's passages again", async () => {
    const first = await newsDiscord.interact(
      slashCommand({
        name: "ask",
        options: { question: "What year was Maddox first elected sheriff?" },
      }),
    );
    const more = buttons(first).find((b) => "label" in b && b.label === "More passages");
    const next = await newsDiscord.interact(
      buttonPress({ customId: customIdOf(more), message: messageFrom(first) }),
    );
    const before = citedParagraphs(embedOf(first));
    const after = citedParagraphs(embedOf(next));
    expect(before).toHaveLength(3);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((p) => before.includes(p))).toEqual([]);
    expect(newsDiscord.problems()).toEqual([]);
  });
});
