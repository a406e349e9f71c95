import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { loadCorpus, parseStory } from "../src/corpus/load.ts";
import type { Story } from "../src/corpus/types.ts";
import { readsAsName } from "../src/language/expand.ts";
import { defaultLexicon, EMPTY_LEXICON } from "../src/language/lexicon.ts";
import { editDistance } from "../src/language/termIndex.ts";
import { abbreviationsOf, isTitleCase, namesOf, termFor } from "../src/language/text.ts";
import { WordNet } from "../src/language/wordnet.ts";
import { SearchIndex } from "../src/search/index.ts";
import { decodePayload, encodePayload } from "../src/search/store/codec.ts";
import { splitPayload } from "../src/search/store/payload.ts";

const CORPUS = join(import.meta.dirname, "..", "corpus");
const STORY = "trump-halts-cyber-operations";

const BRIDGE: Story = parseStory(
  "harbour-bridge.md",
  [
    "---",
    "title: Harbour Bridge Reopens After Repairs",
    "---",
    "The harbour bridge reopened on Monday after eight months of repairs.",
    "",
    "Engineers replaced the rusted cables and repainted the steel arches.",
    "",
  ].join("\n"),
);

let stories: readonly Story[];
let index: SearchIndex;

beforeAll(async () => {
  stories = (await loadCorpus(CORPUS)).stories;
  index = SearchIndex.build(stories);
});

function first(question: string, options: { story?: string } = {}): string | undefined {
  return index.search(question, options).hits[0]?.passage.id;
}

/** The question's words that the index searches for, as it read them. */
function searchedWords(question: string): string[] {
  return index.search(question).terms.map((t) => t.word);
}

describe("SearchIndex.search", () => {
  // Questions written for this test, not taken from test/fixtures/story-questions.json.
  const ranking = [
    { question: "Which official signed the directive sent to Cyber Command?", first: 3 },
    { question: "What did Chuck Schumer call the pause?", first: 7 },
    { question: "Who is Marco Rubio?", first: 6 },
    { question: "Which threats were the cyber operations meant to counter?", first: 5 },
    { question: "Where did Trump and Zelensky argue?", first: 4 },
    { question: "Which nations could feel the implications?", first: 1 },
    { question: "What is the headline?", first: 0 },
  ] as const;
  for (const { question, first: paragraph } of ranking) {
    test(`ranks paragraph ${paragraph} first for "${question}"`, () => {
      expect(first(question)).toBe(`${STORY}#${paragraph}`);
    });
  }

  const typos = [
    { question: "hegsteh ordr", first: 3 },
    { question: "schumr strategic mistake", first: 7 },
    { question: "zelinsky white house", first: 4 },
  ] as const;
  for (const { question, first: paragraph } of typos) {
    test(`finds paragraph ${paragraph} despite the typos in "${question}"`, () => {
      expect(first(question)).toBe(`${STORY}#${paragraph}`);
    });
  }

  test("finds the paragraph that says Moscow for a question that says Kremlin", () => {
    expect(first("Did the Kremlin talks shape the decision?")).toBe(`${STORY}#1`);
  });

  test("finds the paragraph that says softened for a question that says soft", () => {
    expect(first("Has Trump gone soft?")).toBe(`${STORY}#4`);
  });

  test("offers a passage close in meaning that shares no word with the question", () => {
    const paragraphs = (i: SearchIndex): number[] =>
      i.search("Was anybody expecting it?", { limit: 3 }).hits.map((h) => h.passage.paragraph);
    expect(paragraphs(index)).toContain(3);
    expect(paragraphs(SearchIndex.build(stories, { lexicon: EMPTY_LEXICON }))).not.toContain(3);
  });

  test("gives no terms and no hits for a question made of stop words", () => {
    expect(index.search("What is it that they were doing there?")).toEqual({
      terms: [],
      hits: [],
      margins: { passage: 1, story: 1 },
    });
  });

  test("drops chat fillers and contractions typed without the apostrophe", () => {
    expect(searchedWords("whats the title of this article lol")).toEqual(["title"]);
    expect(searchedWords("wait are the ukraine talks heating up rn")).toEqual([
      "wait",
      "ukraine",
      "talks",
      "heating",
    ]);
  });

  test("reads a typo of an everyday word the story lacks as that word, and leaves names alone", () => {
    expect(searchedWords("does the pause afect the staff")).toEqual(["pause", "affect", "staff"]);
    expect(searchedWords("did Biden comment")).toEqual(["biden", "comment"]);
    expect(searchedWords("did shumer comment")).toEqual(["shumer", "comment"]);
  });

  test("returns at most `limit` hits", () => {
    expect(index.search("cyber operations Russia", { limit: 2 }).hits).toHaveLength(2);
  });

  test("searches only the story given in `story`", () => {
    const both = SearchIndex.build([...stories, BRIDGE]);
    const question = "Who repaired the bridge after the cyber pause?";
    const cyber = both.search(question, { story: STORY }).hits.map((h) => h.story.slug);
    const bridge = both.search(question, { story: "harbour-bridge" }).hits.map((h) => h.story.slug);
    expect(new Set(cyber)).toEqual(new Set([STORY]));
    expect(new Set(bridge)).toEqual(new Set(["harbour-bridge"]));
  });

  test("returns no hits for a story that does not exist", () => {
    expect(index.search("cyber pause", { story: "no-such-story" }).hits).toEqual([]);
  });

  test("finds the same passages after a round trip through toData and fromData", () => {
    const copy = SearchIndex.fromData(index.toData());
    const question = "Why do Democrats oppose the pause?";
    expect(copy.search(question).hits.map((h) => h.passage.id)).toEqual(
      index.search(question).hits.map((h) => h.passage.id),
    );
  });

  test("GIVEN an index restored from its saved payload THEN its hits, scores and terms are the same", () => {
    const both = SearchIndex.build([...stories, BRIDGE]);
    const payload = Buffer.concat(encodePayload({ index: both.toData(), problems: [] }));
    const copy = SearchIndex.fromData(decodePayload(splitPayload(payload)).index);
    for (const question of ["What did the Kremlin say?", "shumer", "bridge cables headline"]) {
      const hits = (i: SearchIndex) =>
        i.search(question, { limit: 30 }).hits.map((h) => [h.passage.id, h.score, h.matches]);
      expect(hits(copy)).toEqual(hits(both));
      expect(copy.analyze(question)).toEqual(both.analyze(question));
    }
    expect(copy.termsOf("harbour-bridge#1")).toEqual(both.termsOf("harbour-bridge#1"));
    expect(copy.complete("re", 10)).toEqual(both.complete("re", 10));
  });

  test("GIVEN MiniSearch's own search instead of the typed-array scorer THEN every hit and score is the same", () => {
    const both = [...stories, BRIDGE];
    const fast = SearchIndex.build(both);
    const plain = SearchIndex.build(both);
    // Without the scorer, the index unpacks MiniSearch's maps from its typed arrays and asks
    // MiniSearch's own `search()` (test/packed.test.ts checks the unpacked maps are the built ones).
    (plain as unknown as { candidates: { scorer: null } }).candidates.scorer = null;
    const questions = [
      "Why do Democrats oppose the pause?",
      "What did the Kremlin say about the cyber operations?",
      "When did the bridge reopen after repairs?",
      "shumer cyberatack headline",
      "steel",
    ];
    for (const question of questions) {
      for (const options of [{ limit: 30 }, { limit: 5, story: STORY }]) {
        const hits = (i: SearchIndex) =>
          i.search(question, options).hits.map((h) => [h.passage.id, h.score]);
        expect(hits(fast)).toEqual(hits(plain));
      }
    }
  });

  test("matches a typo only by spelling when built without a lexicon", () => {
    const plain = SearchIndex.build(stories, { lexicon: EMPTY_LEXICON });
    expect(plain.analyze("shumer").map((t) => t.expansions.map((e) => e.term))).toEqual([
      ["schumer"],
    ]);
    expect(plain.search("Kremlin").hits).toEqual([]);
  });
});

describe("SearchIndex.complete", () => {
  // Every "ste" word in passages of its own, so each word's term is in a known number of passages:
  // steel 3, steam 2, steps 1, stern 1.
  const WORKS: Story = parseStory(
    "works.md",
    [
      "---",
      "title: Works on the Pier",
      "---",
      "Steel beams held the steam pipes.",
      "",
      "Steel cables and new steps.",
      "",
      "Steel plates; steam rose from the stern.",
      "",
    ].join("\n"),
  );

  test('completes "direc" with the word of the story, "directive", not its stem "direct"', () => {
    expect(index.complete("who issued the direc", 5)).toEqual(["directive", "directly"]);
  });

  test("GIVEN words of one beginning THEN those whose term is in more passages come first, ties alphabetically", () => {
    const works = SearchIndex.build([WORKS], { lexicon: EMPTY_LEXICON });
    expect(works.complete("ste", 10)).toEqual(["steel", "steam", "steps", "stern"]);
    expect(works.complete("Steel and ste", 2)).toEqual(["steel", "steam"]);
  });

  test("offers no stop words, and nothing for a word no corpus word begins", () => {
    expect(index.complete("the", 5)).toEqual([]);
    expect(index.complete("xylo", 5)).toEqual([]);
    expect(index.complete("", 5)).toEqual([]);
  });
});

describe("SearchIndex.analyze", () => {
  test("marks terms the corpus lacks as unknown and expands them to corpus terms", () => {
    const [, kremlin] = index.analyze("Ask the Kremlin");
    expect(kremlin?.known).toBe(false);
    expect(kremlin?.name).toBe(true);
    expect(kremlin?.expansions).toContainEqual(
      expect.objectContaining({ term: "moscow", source: "whole", name: true }),
    );
  });

  test("expands a well-known name to the words it stands for that the corpus writes", () => {
    const [, pentagon] = index.analyze("Ask the Pentagon");
    expect(pentagon?.expansions).toContainEqual(
      expect.objectContaining({ term: "defens", source: "synonym", strength: 0.8 }),
    );
  });

  test("weighs an everyday word the corpus lacks far below a rare one", () => {
    const [see, bitcoin] = index.analyze("see bitcoin");
    expect(see?.weight).toBe(0);
    expect(bitcoin?.weight).toBe(index.idf(0));
  });

  test("reads a word everyday English lists as no typo of a corpus term", () => {
    const [sent, shumer] = index.analyze("sent shumer");
    expect(sent?.expansions.filter((e) => e.source === "spelling")).toEqual([]);
    expect(shumer?.expansions[0]).toMatchObject({ term: "schumer", source: "spelling" });
  });

  test("reads a number as no typo of another number", () => {
    const cup = SearchIndex.build([
      parseStory("cup.md", "# Cup Final\n\nThe 2019 final drew 3,140 fans to Lyon.\n"),
    ]);
    const [year, fans] = cup.analyze("2018 final 3,100 fans").filter((t) => !t.known);
    expect(year?.word).toBe("2018");
    expect(year?.expansions).toEqual([]);
    expect(fans?.expansions).toEqual([]);
  });

  test("reads an abbreviation of a common noun as no name, typed in capitals or not", () => {
    for (const question of ["Who is the CEO?", "whos the cfo lol", "gdp forecast"]) {
      expect(
        index.analyze(question).filter((t) => t.name),
        question,
      ).toEqual([]);
    }
  });

  test("still reads an abbreviation that names an agency or a place as a name", () => {
    const names = index.analyze("Did the FBI brief the US?").filter((t) => t.name);
    expect(names.map((t) => t.word)).toEqual(["fbi", "us"]);
  });

  test("corrects a typo to an everyday word, never to a name", () => {
    const words = index.analyze("is there a hotline or smth");
    expect(words.map((t) => t.word)).toContain("smth");
    expect(words.map((t) => t.word)).not.toContain("smith");
    expect(words.filter((t) => t.name)).toEqual([]);
  });

  test("does not let one word of a question stand for another of the same question", () => {
    const [eu] = index.analyze("Did the EU pause talks with Russia?");
    expect(eu?.expansions.map((e) => e.term)).not.toContain("russia");
  });
});

describe("editDistance", () => {
  const cases = [
    { a: "confrim", b: "confirm", out: 1 },
    { a: "shumer", b: "schumer", out: 1 },
    { a: "putn", b: "putin", out: 1 },
    { a: "kremlin", b: "remain", out: 2 },
    { a: "bread", b: "cyber", out: 3 },
  ] as const;
  for (const { a, b, out } of cases) {
    test(`is ${out} from "${a}" to "${b}" (at most 2, or 3 beyond)`, () => {
      expect(editDistance(a, b, 2)).toBe(out);
    });
  }
});

describe("namesOf", () => {
  test("finds words capitalised inside a sentence and words in capitals", () => {
    expect(namesOf("Did the CIA brief the Kremlin? Ask the UK.")).toEqual(
      new Set(["cia", "kremlin", "uk"]),
    );
  });

  test("finds no names in a headline written in title case", () => {
    expect(namesOf("Trump Administration Halts Cyber Operations Against Russia")).toEqual(
      new Set(),
    );
  });
});

describe("isTitleCase", () => {
  const cases = [
    {
      text: "Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts",
      out: true,
    },
    {
      text: "Opposition sweeps to victory in Calvessa election but falls short of majority",
      out: false,
    },
    { text: "Senate Minority Leader Chuck Schumer described the pause as a mistake.", out: false },
    { text: "Pete Hegseth", out: false },
  ] as const;
  for (const { text, out } of cases) {
    test(`is ${out} for "${text}"`, () => {
      expect(isTitleCase(text)).toBe(out);
    });
  }
});

describe("abbreviationsOf", () => {
  test("finds the words written in capitals, in lower case", () => {
    expect(abbreviationsOf("Did the CEO of Acme talk to the FBI? I think so.")).toEqual(
      new Set(["ceo", "fbi"]),
    );
  });
});

describe("WordNet", () => {
  const wordnet = new WordNet();

  test("relates the Kremlin to Moscow, the whole it belongs to", () => {
    expect(wordnet.related("kremlin")).toContainEqual({ word: "moscow", relation: "whole" });
  });

  test("relates affected to impact through its base form affect", () => {
    expect(wordnet.related("affected")).toContainEqual({ word: "impact", relation: "synonym" });
  });

  test("tells two countries apart, and a body from its part", () => {
    expect(wordnet.distinct("china", "russia")).toBe(true);
    expect(wordnet.distinct("congress", "senate")).toBe(true);
    expect(wordnet.distinct("staff", "personnel")).toBe(false);
  });

  test("does not tell a common noun from its part: a war is fought in conflicts", () => {
    expect(wordnet.distinct("war", "conflict")).toBe(false);
  });

  test("relates a place to the place it lies in, but an agency to no department", () => {
    expect(wordnet.related("kiev")).toContainEqual({ word: "ukraine", relation: "whole" });
    expect(wordnet.related("nsa").filter((r) => r.relation === "whole")).toEqual([]);
  });

  test("finds the opposites of a verb through its base form, and of an adjective through its head", () => {
    expect(wordnet.antonyms("approved")).toContain("disapprove");
    expect(wordnet.antonyms("increase")).toContain("decrease");
    expect(wordnet.antonyms("higher")).toContain("low");
    expect(wordnet.antonyms("budget")).toEqual([]);
  });

  test("finds the base form of a word with a doubled consonant", () => {
    expect(wordnet.related("stopping")).toContainEqual({ word: "halt", relation: "synonym" });
  });

  const kinds = [
    { word: "ceo", out: true, why: "a role" },
    { word: "tv", out: true, why: "a thing" },
    { word: "gdp", out: true, why: "an amount" },
    { word: "sus", out: true, why: "a genus" },
    { word: "dip", out: true, why: "a common noun only" },
    { word: "china", out: false, why: "one country" },
    { word: "nsa", out: false, why: "one agency" },
    { word: "eu", out: false, why: "the European Union, beside europium" },
    { word: "smith", out: false, why: "particular Smiths" },
    { word: "xyzzy", out: null, why: "no noun WordNet lists" },
  ] as const;
  for (const { word, out, why } of kinds) {
    test(`reads "${word}" as ${out === null ? "unknown" : out ? "naming only kinds" : "naming a particular one"} (${why})`, () => {
      expect(wordnet.namesOnlyKinds(word)).toBe(out);
    });
  }

  const names = [
    { word: "china", out: true },
    { word: "nsa", out: true },
    { word: "republican", out: true },
    { word: "turkey", out: false },
    { word: "begin", out: false },
    { word: "march", out: false },
    { word: "bread", out: false },
  ] as const;
  for (const { word, out } of names) {
    test(`reads "${word}" as ${out ? "a name" : "no name"} by its commonest sense`, () => {
      expect(wordnet.isName(word)).toBe(out);
    });
  }
});

describe("readsAsName", () => {
  const cases = [
    { word: "china", out: true },
    { word: "nsa", out: true },
    { word: "nato", out: true },
    // A Roman goddess in WordNet, but "ops" in everyday speech.
    { word: "ops", out: false },
    // Capitalised in speech only because sentences start with it.
    { word: "according", out: false },
    { word: "bill", out: false },
    // WordNet writes these capitalised, but for a role and a genus, not for one of them.
    { word: "cfo", out: false },
    { word: "sus", out: false },
  ] as const;
  for (const { word, out } of cases) {
    test(`reads "${word}" typed in lower case as ${out ? "a name" : "no name"}`, () => {
      expect(readsAsName(word, defaultLexicon())).toBe(out);
    });
  }
});

describe("termFor", () => {
  test("keeps the country US apart from the verb use", () => {
    expect(termFor("us")).toBe("us");
    expect(["use", "used", "using", "uses"].map(termFor)).toEqual(["use", "use", "use", "use"]);
  });
});

describe("SearchIndex.prepareExpansion", () => {
  test("GIVEN expansion prepared ahead THEN typos and words the story lacks get the stand-ins an unprepared index gives", () => {
    const prepared = SearchIndex.build(stories);
    prepared.prepareExpansion();
    const onDemand = SearchIndex.build(stories);
    for (const question of [
      "who orderd the cyber pauze?",
      "did the hackers get stopped",
      "why did the defence chief halt offensives",
    ]) {
      const expected = onDemand.analyze(question);
      expect(expected.some((t) => t.expansions.length > 0)).toBe(true);
      expect(prepared.analyze(question)).toEqual(expected);
    }
  });
});

describe("SearchIndex.passagePreparation", () => {
  // Over 5,000 passages, which an index does not read whole when it is made.
  const PASSAGES = 5_200;
  const ROTA = ["harbour", "bridge", "cables", "ferry", "council", "budget", "engineers", "tolls"];
  const many: Story[] = Array.from({ length: PASSAGES / 100 }, (_, s) =>
    parseStory(
      `district-${s}.md`,
      [
        "---",
        `title: District ${s} Works`,
        "---",
        ...Array.from({ length: 100 }, (_, p) => {
          const [a, b] = [ROTA[(s + p) % ROTA.length], ROTA[(s * 3 + p * 5) % ROTA.length]];
          return `The ${a} of district ${s} met the ${b} on day ${p}.\n`;
        }),
      ].join("\n"),
    ),
  );

  test("GIVEN 5,200 passages THEN it yields after each passage it reads", () => {
    expect([...SearchIndex.build(many).passagePreparation()]).toHaveLength(PASSAGES);
  });

  test("GIVEN passages read ahead THEN searches find what an index that reads them on demand finds", () => {
    const prepared = SearchIndex.build(many);
    for (const _ of prepared.passagePreparation());
    const onDemand = SearchIndex.build(many);
    for (const question of ["when did the ferry meet the council?", "district 7 tolls budget"]) {
      const expected = onDemand.search(question).hits.map((h) => [h.passage.id, h.score]);
      expect(expected.length).toBeGreaterThan(0);
      expect(prepared.search(question).hits.map((h) => [h.passage.id, h.score])).toEqual(expected);
    }
  });
});
