import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { answer } from "../src/answer/answer.ts";
import {
  botLine,
  documentLine,
  documentStories,
  metaQuestion,
  paragraphMissingLine,
  paragraphShown,
  storiesForDocument,
} from "../src/answer/metaQuestion.ts";
import { loadCorpus, parseStory } from "../src/corpus/load.ts";
import type { GatewayBot } from "../src/discord/gateway.ts";
import { DISCORD_LIMITS } from "../src/discord/limits.ts";
import { SearchIndex } from "../src/search/index.ts";
import type { StoryInfo } from "../src/search/types.ts";
import { loadMetaSets, metaCounts, ownIndex } from "./eval/metaSets.ts";
import { loadNews } from "./eval/newsData.ts";
import {
  buttonsOf,
  callbackOf,
  memberIds,
  memoryLogger,
  messageFrom,
  shippedIndex,
  startBotOnFakeDiscord,
  testContext,
} from "./support/bot.ts";
import type { FakeDiscord } from "./support/fakeDiscord.ts";
import { buttonPress, slashCommand } from "./support/interactions.ts";

// A second story with every detail a story file can give, its title and source written to trip
// Discord's Markdown and mentions.
const WIRE = `---
title: Tulsa voters approve *arena* tax @everyone
source: Example_Wire
url: https://example.com/news/arena_tax
date: 2026-05-06
---
Tulsa voters on Tuesday approved a sales tax for a downtown arena, 54% to 46%, after a campaign led by Mayor Dana Whitcomb.

The tax of 0.4 cents on the dollar runs for 12 years and pays for the arena's construction and upkeep.

Opponents said the stadium deal favoured the team's owners, and the Tulsa Taxpayers League vowed a court challenge.`;

let shipped: SearchIndex;
let two: SearchIndex;

beforeAll(async () => {
  shipped = await shippedIndex();
  two = SearchIndex.build([
    ...(await loadCorpus("corpus")).stories,
    parseStory("arena-tax.md", WIRE),
  ]);
});

describe("metaQuestion: the story as a document", () => {
  test.each([
    ["source?", "source"],
    ["who wrote this article?", "author"],
    ["link pls", "link"],
    ["when was this published", "date"],
    ["when did this come out", "date"],
    ["where is this from", "source"],
    ["date?", "date"],
    ["is this story real", "source"],
    ["can u send me the url", "link"],
    ["sauce?", "source"],
    ["is this article reliable", "source"],
    ["is it paywalled", "link"],
    ["where did u get this story", "source"],
    ["is this an opinion piece or actual news", "source"],
    ["do u have the original article", "source"],
  ])("GIVEN %j THEN it asks for the story's %s", (question, asks) => {
    expect(metaQuestion(shipped, question)).toEqual({ kind: "document", asks, story: null });
  });

  test("GIVEN a question naming a story by its subject and calling it an article THEN that story is the one asked about", () => {
    expect(metaQuestion(two, "when was the arena tax article published?")).toEqual({
      kind: "document",
      asks: "date",
      story: "arena-tax",
    });
    expect(metaQuestion(two, "who wrote the cyber command story")).toEqual({
      kind: "document",
      asks: "author",
      story: "trump-halts-cyber-operations",
    });
  });

  test.each([
    "who wrote the directive",
    "Who issued the directive?",
    "What journal published the study?",
    "did any ppl actually get sick from it",
    "how old is the mayor",
    "how old is she?",
    "is he reliable",
    "first date ideas that aren't dinner?",
    "Who wrote One Hundred Years of Solitude?",
    "whats the source of the leak",
    "Was the move expected, or did it come out of nowhere?",
    "when was the tax approved",
  ])(
    "GIVEN %j, about events or about nothing in the stories, THEN it is no question about a document",
    (question) => {
      expect(metaQuestion(two, question)).toBeNull();
    },
  );
});

describe("metaQuestion: a question put to the bot", () => {
  test.each([
    "who are you",
    "what can u do",
    "are you a bot",
    "how old r u",
    "are you sure?",
    "whats ur name lol",
    "who made you",
    "who built u",
    "are you real",
    "are you biased",
    "what stories do you have",
    "what news do u have loaded",
    "whats your opinion on all this",
    "are you a real person",
    "who owns this bot",
  ])("GIVEN %j THEN it is put to the bot", (question) => {
    expect(metaQuestion(shipped, question)).toEqual({ kind: "bot" });
  });

  test.each([
    "can you tell me who issued the directive",
    "do you know what Schumer said",
    "how much do they fine u the 2nd time",
    "what happens if you vote against the tax",
    "is it bad for you",
    "can you summarize this",
    "could u give me the gist",
  ])(
    "GIVEN %j, where 'you' asks about the stories, for their gist, or about anyone, THEN it is a question",
    (question) => {
      expect(metaQuestion(two, question)).toBeNull();
    },
  );
});

const full: StoryInfo = {
  slug: "a",
  title: "Arena tax passes",
  source: "Example Wire",
  url: "https://example.com/a",
  date: "2026-05-06",
  paragraphs: 3,
};
const bare: StoryInfo = {
  slug: "b",
  title: "Cyber pause",
  source: "delivered as 000_4edb1f5872c65624.txt",
  url: null,
  date: null,
  paragraphs: 9,
};

describe("metaQuestion: a paragraph asked for by number", () => {
  test.each([
    ["what does ¶3 say", 3],
    ["para 5?", 5],
    ["show me paragraph #4 pls", 4],
    ["whats in the third graf", 3],
    ["can u paste the full text of paragraph 2", 2],
    ["what does the last paragraph say exactly", "last"],
    // Words no story holds ask nothing the stories could answer.
    ["what does para 2 say lol", 2],
    ["full paragraph?", "cited"],
  ])("GIVEN %j THEN it asks for paragraph %j of no story named", (question, paragraph) => {
    expect(metaQuestion(shipped, question)).toEqual({
      kind: "paragraph",
      paragraph,
      through: null,
      story: null,
    });
  });

  test("GIVEN a paragraph of a story it calls one by its subject THEN that story is the one asked of", () => {
    expect(metaQuestion(two, "para 2 of the arena tax story")).toEqual({
      kind: "paragraph",
      paragraph: 2,
      through: null,
      story: "arena-tax",
    });
  });

  test.each([
    "what does ¶3 say about Hegseth",
    "who won the 3rd round",
    "what does the third paragraph of the cyber directive say",
    "show me the paragraph where the zorblax is named",
  ])(
    "GIVEN %j, asking about something the stories hold or citing no paragraph, THEN no paragraph is asked for",
    (question) => {
      expect(metaQuestion(shipped, question)?.kind).not.toBe("paragraph");
    },
  );
});

describe("paragraphShown and paragraphMissingLine", () => {
  const asked = (
    paragraph: number | "last" | "cited",
    story: string | null = null,
    through: number | null = null,
  ) => ({ kind: "paragraph", paragraph, through, story }) as const;

  test("GIVEN the story asked of THEN its paragraph's passages are shown, the last one for 'last'", () => {
    const second = paragraphShown(two, asked(2), { asked: "arena-tax" });
    expect(second.story?.slug).toBe("arena-tax");
    expect(second.parts.map((p) => p.text)).toEqual([
      "The tax of 0.4 cents on the dollar runs for 12 years and pays for the arena's construction and upkeep.",
    ]);
    const last = paragraphShown(two, asked("last"), { asked: "arena-tax" });
    expect(last.paragraph).toBe(3);
    expect(last.parts[0]?.text).toMatch(/^Opponents said the stadium deal/u);
  });

  test("GIVEN no story asked of, named or talked about, among two THEN none is picked, and the line asks which", () => {
    const shown = paragraphShown(two, asked(2), {});
    expect(shown).toEqual({ paragraph: 2, through: null, story: null, parts: [] });
    expect(paragraphMissingLine(shown, "Name it.")).toBe("Which story's ¶2? Name it.");
  });

  test("GIVEN the channel's story THEN its paragraph is shown; GIVEN a story named THEN that one, whatever the channel's", () => {
    expect(paragraphShown(two, asked(1), { talked: "arena-tax" }).story?.slug).toBe("arena-tax");
    const named = paragraphShown(two, asked(1, "trump-halts-cyber-operations"), {
      talked: "arena-tax",
    });
    expect(named.parts[0]?.text).toMatch(/^The decision, reportedly influenced/u);
  });

  test("GIVEN the paragraph a reply cited THEN 'the full paragraph' is that one, and its story is the one a number is read in", () => {
    const cited = { story: "arena-tax", paragraph: 2 };
    const full = paragraphShown(two, asked("cited"), { cited });
    expect(full.paragraph).toBe(2);
    expect(full.parts[0]?.text).toMatch(/^The tax of 0.4 cents/u);
    expect(paragraphShown(two, asked(3), { cited }).parts[0]?.text).toMatch(/^Opponents said/u);
    // The channel's story, from a confident answer, comes before the one an earlier reply cited.
    const talked = paragraphShown(two, asked(1), { talked: "trump-halts-cyber-operations", cited });
    expect(talked.story?.slug).toBe("trump-halts-cyber-operations");
  });

  test("GIVEN a run of paragraphs THEN those the story has are shown, five at most, and a run past its last gets its paragraphs", () => {
    const run = paragraphShown(two, asked(2, null, 9), { asked: "arena-tax" });
    expect(run.through).toBe(6);
    expect(run.parts.map((p) => p.paragraph)).toEqual([2, 3]);
    const long = paragraphShown(shipped, asked(1, null, 8), {});
    expect(long.parts.map((p) => p.paragraph)).toEqual([1, 2, 3, 4, 5]);
    const past = paragraphShown(two, asked(7, null, 8), { asked: "arena-tax" });
    expect(paragraphMissingLine(past, "")).toBe(
      "“Tulsa voters approve *arena* tax @everyone” has no ¶7–¶8: its paragraphs are ¶1 to ¶3.",
    );
  });

  test("GIVEN no reply cited a paragraph THEN 'the full paragraph' gets a line asking for its number", () => {
    const shown = paragraphShown(shipped, asked("cited"), {});
    expect(shown.parts).toEqual([]);
    expect(paragraphMissingLine(shown, "")).toBe(
      "Which paragraph? Ask for it by the number an answer cites: “what does ¶3 say”.",
    );
  });

  test("GIVEN a paragraph past the story's last THEN the line gives the paragraphs it has", () => {
    const shown = paragraphShown(two, asked(9), { asked: "arena-tax" });
    expect(shown.parts).toEqual([]);
    expect(paragraphMissingLine(shown, "")).toBe(
      "“Tulsa voters approve *arena* tax @everyone” has no ¶9: its paragraphs are ¶1 to ¶3.",
    );
  });
});

describe("documentLine", () => {
  test("GIVEN a story with the detail asked THEN it gives the title, source, date and link", () => {
    expect(documentLine([full], "link")).toBe(
      "“Arena tax passes”: from Example Wire, dated 2026-05-06, https://example.com/a.",
    );
  });

  test("GIVEN a story without the detail asked THEN it says so, with what the file does give", () => {
    expect(documentLine([{ ...full, url: null }], "link")).toBe(
      "“Arena tax passes” gives no link (from Example Wire, dated 2026-05-06).",
    );
  });

  test("GIVEN a question about the author THEN it says a story file names none, and gives the source", () => {
    expect(documentLine([full], "author")).toBe(
      "“Arena tax passes” gives no author (from Example Wire, dated 2026-05-06, https://example.com/a).",
    );
  });

  test("GIVEN a source that only names the file the story came in THEN no source is given", () => {
    expect(documentLine([bare], "source")).toBe("“Cyber pause” gives no source.");
  });

  test("GIVEN more stories than fit THEN it lists what fits within the limit and counts the rest", () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      ...full,
      slug: `s${i}`,
      title: `Story ${i} ${"x".repeat(150)}`,
    }));
    const line = documentLine(many, "source", undefined, 2000);
    expect(line.length).toBeLessThanOrEqual(2000);
    expect(line).toMatch(/\n…and (\d+) more: \/story lists them all\.$/u);
    const listed = line.split("\n").length - 1;
    expect(Number(/…and (\d+) more/u.exec(line)?.[1])).toBe(30 - listed);
  });
});

describe("storiesForDocument", () => {
  test("GIVEN the headline asked of a story whose file gives its title only in front matter THEN the title is the answer", () => {
    const wire = SearchIndex.build([parseStory("arena-tax.md", WIRE)]);
    const meta = metaQuestion(wire, "whats the headline");
    expect(meta).toEqual({ kind: "document", asks: "title", story: null });
    const stories = meta?.kind === "document" ? storiesForDocument(wire, meta, {}) : null;
    expect(stories !== null && documentLine(stories, "title")).toBe(
      "“Tulsa voters approve *arena* tax @everyone” (from Example_Wire, dated 2026-05-06, https://example.com/news/arena_tax).",
    );
  });

  test('GIVEN the headline asked of a story with a headline passage THEN the search answers it, cited "headline"', () => {
    const meta = metaQuestion(shipped, "title?");
    expect(meta?.kind === "document" && storiesForDocument(shipped, meta, {})).toBeNull();
    const found = answer(shipped, "title?");
    expect(found.results[0]?.citation.paragraph).toBe(0);
  });

  test("GIVEN the title of something in a story THEN it is a question about its events", () => {
    expect(metaQuestion(two, "What is the title of the unpublished novel?")).toBeNull();
  });
});

describe("documentStories", () => {
  test("GIVEN a story the question names THEN that story comes before the one asked of and the channel's", () => {
    expect(
      documentStories(two, {
        named: "arena-tax",
        asked: "trump-halts-cyber-operations",
        talked: "trump-halts-cyber-operations",
      }).map((s) => s.slug),
    ).toEqual(["arena-tax"]);
  });

  test("GIVEN no story named or asked of THEN the channel's story is the one, and without it every story", () => {
    expect(documentStories(two, { named: null, talked: "arena-tax" }).map((s) => s.slug)).toEqual([
      "arena-tax",
    ]);
    expect(documentStories(two, { named: null }).length).toBe(2);
  });
});

describe("botLine", () => {
  test("GIVEN one story or several THEN it says what the bot answers from, and how to ask", () => {
    expect(botLine(1)).toMatch(
      /^I'm a bot that answers questions about the story loaded here.*\/ask\.$/u,
    );
    expect(botLine(2)).toMatch(/about the stories loaded here/u);
  });
});

describe("GIVEN /ask in Discord with a question about the story as a document or put to the bot", () => {
  let discord: FakeDiscord;
  let bot: GatewayBot;
  const newMember = memberIds("17000000000000");

  beforeAll(async () => {
    ({ discord, bot } = await startBotOnFakeDiscord(testContext(two, memoryLogger())));
  });

  afterAll(async () => {
    await bot?.stop();
    await discord?.close();
  });

  function ask(question: string, story?: string) {
    return discord.interact(
      slashCommand({
        name: "ask",
        userId: newMember(),
        options: story === undefined ? { question } : { question, story },
      }),
    );
  }

  test("THEN /help says how to ask for one story's gist and where the stories come from", async () => {
    const help = callbackOf(await discord.interact(slashCommand({ name: "help" }))).data;
    const description = help?.embeds?.[0]?.description ?? "";
    expect(description).toContain("*tl;dr on the … story* one story's opening");
    expect(description).toContain("*source?* where it comes from");
    expect(description).toContain("*what does ¶3 say?* asked with `/ask` shows that of the story");
  });

  test("THEN 'recap the arena tax story pls' gets that story's opening, and nothing of the other", async () => {
    const reply = await ask("recap the arena tax story pls");
    const description = callbackOf(reply).data?.embeds?.[0]?.description ?? "";
    expect(description).toMatch(/Tulsa voters on Tuesday approved a sales tax/u);
    expect(description).toMatch(/runs for 12 years/u);
    // The opening as it reads, not the passages sharing the question's words: ¶3 shares none.
    expect(description).toMatch(/Opponents said the stadium deal/u);
    expect(description).not.toMatch(/may not answer|Cyber|Hegseth/u);
    expect(discord.problems()).toEqual([]);
  });

  test("THEN 'source?' asked of a story gets its details privately, Markdown escaped, the link not unfurled, no one pinged", async () => {
    const reply = await ask("source?", "arena-tax");
    const data = callbackOf(reply).data;
    expect(data?.content).toBe(
      "**Tulsa voters approve \\*arena\\* tax @\u200beveryone**: from Example\\_Wire, dated 2026-05-06, <https://example.com/news/arena_tax>.",
    );
    expect(data?.embeds).toBeUndefined();
    expect(data?.flags).toBe(64);
    expect(data?.allowed_mentions).toEqual({ parse: [] });
    expect(discord.problems()).toEqual([]);
  });

  test("THEN 'who wrote this' asked of every story lists each story's details within Discord's limit", async () => {
    const data = callbackOf(await ask("who wrote this")).data;
    const lines = data?.content?.split("\n") ?? [];
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\*\*Trump Administration Halts .*\*\* gives no author\.$/u);
    expect(lines[1]).toMatch(/^\*\*Tulsa voters .*\*\* gives no author \(from Example\\_Wire/u);
    expect(data?.content?.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  });

  test("THEN 'whats the headline' gets the title its file gives, or the headline passage where the story has one", async () => {
    const title = callbackOf(await ask("whats the headline", "arena-tax")).data;
    expect(title?.content).toMatch(
      /^\*\*Tulsa voters approve \\\*arena\\\* tax @\u200beveryone\*\* \(from /u,
    );
    const headline = callbackOf(
      await ask("whats the headline", "trump-halts-cyber-operations"),
    ).data;
    expect(headline?.embeds?.[0]?.description).toMatch(
      /Trump Administration Halts Cyber Operations/u,
    );
    expect(discord.problems()).toEqual([]);
  });

  test("THEN 'what does ¶2 say' asked of a story shows that whole paragraph in public, as /passage does", async () => {
    const data = callbackOf(await ask("what does ¶2 say", "arena-tax")).data;
    expect(data?.embeds?.[0]?.title).toMatch(/^¶2 · Tulsa voters approve/u);
    expect(data?.embeds?.[0]?.description).toBe(
      "The tax of 0.4 cents on the dollar runs for 12 years and pays for the arena's construction and upkeep.",
    );
    expect(data?.flags).toBeUndefined();
    expect(data?.allowed_mentions).toEqual({ parse: [] });
    expect(discord.problems()).toEqual([]);
  });

  test("THEN 'paragraphs 1 to 2' shows both, each under its ¶, in one embed", async () => {
    const embed = callbackOf(await ask("paragraphs 1 to 2", "arena-tax")).data?.embeds?.[0];
    expect(embed?.title).toMatch(/^¶1–¶2 · Tulsa voters approve/u);
    expect(embed?.description).toMatch(
      /^\*\*¶1\*\* Tulsa voters on Tuesday approved .*\n\n\*\*¶2\*\* The tax of 0\.4 cents/su,
    );
    expect(embed?.footer?.text).toBe("¶1–¶2 = paragraphs 1 to 2");
    expect(discord.problems()).toEqual([]);
  });

  test("THEN 'show me the last paragraph' asked privately is shown only to the asker", async () => {
    const reply = await discord.interact(
      slashCommand({
        name: "ask",
        userId: newMember(),
        options: { question: "show me the last paragraph", story: "arena-tax", private: true },
      }),
    );
    const data = callbackOf(reply).data;
    expect(data?.embeds?.[0]?.title).toMatch(/^¶3 · /u);
    expect(data?.flags).toBe(64);
    expect(discord.problems()).toEqual([]);
  });

  test("THEN a paragraph asked of every story gets a private line with a button per story; pressed, one shows that story's paragraph", async () => {
    const reply = await ask("para 2?");
    const which = callbackOf(reply).data;
    expect(which?.content).toBe("Which story's ¶2? Pick it below, or ask again with `story:`.");
    expect(which?.flags).toBe(64);
    const choices = buttonsOf(reply);
    expect(choices.map((b) => ("label" in b ? b.label : ""))).toEqual([
      // Cut to Discord's 80 characters a label holds.
      "¶2 · Trump Administration Halts Cyber Operations Against Russia Amid…",
      "¶2 · Tulsa voters approve *arena* tax @everyone",
    ]);
    const arena = choices[1];
    if (arena === undefined || !("custom_id" in arena)) throw new Error("no story button");
    const pressed = callbackOf(
      await discord.interact(
        buttonPress({ customId: arena.custom_id, message: messageFrom(reply) }),
      ),
    ).data;
    expect(pressed?.embeds?.[0]?.title).toMatch(/^¶2 · Tulsa voters approve/u);
    expect(pressed?.flags).toBeUndefined();
    expect(discord.problems()).toEqual([]);
  });

  test("THEN a paragraph past a story's last gets a private line with the paragraphs it has", async () => {
    const past = callbackOf(await ask("para 9?", "arena-tax")).data;
    expect(past?.content).toBe(
      "**Tulsa voters approve \\*arena\\* tax @\u200beveryone** has no ¶9: its paragraphs are ¶1 to ¶3.",
    );
    expect(discord.problems()).toEqual([]);
  });

  test("THEN 'who are you' gets what the bot is, not 'I can't tell what who are you means'", async () => {
    const reply = await ask("who are you");
    const data = callbackOf(reply).data;
    expect(data?.content).toBe(botLine(2));
    expect(data?.embeds).toBeUndefined();
    expect(buttonsOf(reply).map((b) => ("label" in b ? b.label : ""))).toEqual([
      "What are the stories about?",
    ]);
    expect(discord.problems()).toEqual([]);
  });
});

// Floors for the two sets written blind about three fit stories each (test/fixtures/news/meta/),
// asked of their three stories in one corpus: a little under what the code reached on 2026-12-07
// (A: details for 38 of 52, 39 of 43 put to the bot shown no passage, none of 49 about events
// taken for either; B: 37 of 54, 36 of 41, 1 of 48, "what kind of publication broke the
// lindqvist news" asking which outlet reported an event).
describe("GIVEN the document and bot question sets asked of their own stories", () => {
  const floors = {
    A: { given: 36, quiet: 37, taken: 0 },
    B: { given: 35, quiet: 34, taken: 1 },
  } as const;
  let news: Awaited<ReturnType<typeof loadNews>>;

  beforeAll(async () => {
    news = await loadNews();
  });

  for (const set of loadMetaSets()) {
    const floor = floors[set.set as keyof typeof floors];
    test(`THEN set ${set.set} gets the story's details for at least ${floor.given} questions about the story as a document, shows no passage for ${floor.quiet} put to the bot, and takes at most ${floor.taken} about events for either`, () => {
      const counts = metaCounts(set, ownIndex(set, news));
      expect(counts.given).toBeGreaterThanOrEqual(floor.given);
      expect(counts.quiet).toBeGreaterThanOrEqual(floor.quiet);
      expect(counts.taken).toBeLessThanOrEqual(floor.taken);
    });
  }
});
