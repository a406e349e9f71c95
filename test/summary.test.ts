import { beforeAll, describe, expect, test } from "vitest";
import { answer } from "../src/answer/answer.ts";
import { loadCorpus, parseStory } from "../src/corpus/load.ts";
import { tokenize } from "../src/language/text.ts";
import { asksForGist, asksForSummary, gistNamed, readWording } from "../src/language/wording.ts";
import { SearchIndex } from "../src/search/index.ts";

describe("asksForSummary", () => {
  const cases = [
    { question: "what happened?", out: true },
    { question: "tl;dr", out: true },
    { question: "TLDR", out: true },
    { question: "What's this story about?", out: true },
    { question: "what is the article about", out: true },
    { question: "Can you summarize it for me?", out: true },
    { question: "give me a quick summary", out: true },
    { question: "summary please", out: true },
    { question: "whats the tldr here", out: true },
    { question: "What are the stories about?", out: true },
    { question: "so what's going on?", out: true },
    { question: "key points", out: true },
    { question: "explain like im 5", out: true },
    { question: "eli5 pls", out: true },
    { question: "what's the latest", out: true },
    { question: "can u summarize this", out: true },
    { question: "are you able to give the key points", out: true },
    { question: "whats new?", out: true },
    { question: "fill me in", out: true },
    { question: "hey bot, what's the story about?", out: true },
    { question: "hi! tldr pls", out: true },
    { question: "hey bot, who is hegseth?", out: false },
    { question: "what do i need to know", out: true },
    { question: "short version pls", out: true },
    { question: "what's the deal with the fare hike", out: false },
    { question: "what's new with the recall", out: false },
    { question: "could ya give me the gist pls", out: true },
    { question: "how many points did the team score", out: false },
    { question: "explain the veto", out: false },
    { question: "what's the latest on the talks", out: false },
    { question: "What's the headline?", out: false },
    { question: "Who wrote the story?", out: false },
    { question: "What happened to the talks with Moscow?", out: false },
    { question: "What is Hegseth's directive about?", out: false },
    { question: "summarize Schumer's criticism", out: false },
    { question: "what did he say about it?", out: false },
    { question: "what are they on about", out: false },
  ] as const;
  for (const { question, out } of cases) {
    test(`${out ? "reads" : "does not read"} "${question}" as a request for a summary`, () => {
      expect(asksForSummary(tokenize(question))).toBe(out);
    });
  }
});

describe("asksForGist", () => {
  const cases = [
    { question: "can u summarize this", out: true },
    { question: "can you tell me what happened", out: true },
    { question: "what stories do you have", out: false },
    { question: "what do you know about", out: false },
    { question: "tell me about Hegseth", out: false },
  ] as const;
  for (const { question, out } of cases) {
    test(`${out ? "reads" : "does not read"} "${question}" as asking for the gist in so many words`, () => {
      expect(asksForGist(tokenize(question))).toBe(out);
    });
  }
});

describe("gistNamed", () => {
  const cases = [
    { question: "recap the corvane story pls", out: { words: ["corvane"], called: true } },
    {
      question: "summarize the car recall article",
      out: { words: ["car", "recall"], called: true },
    },
    { question: "tl;dr on the election one", out: { words: ["election"], called: true } },
    { question: "what's the recall story about", out: { words: ["recall"], called: true } },
    { question: "whats going on in reno", out: { words: ["reno"], called: false } },
    {
      question: "tell me about the battery recall",
      out: { words: ["battery", "recall"], called: false },
    },
    { question: "sum up the arena stuff", out: { words: ["arena"], called: false } },
    // Answered as the gist only where a story's title says "fine" (`answer`).
    { question: "what did the story say about the fine", out: { words: ["fine"], called: false } },
    { question: "what's the hospital story", out: { words: ["hospital"], called: true } },
    { question: "give me the rundown on the new coach", out: { words: ["coach"], called: false } },
    { question: "What happened to Apollo 13?", out: { words: ["apollo", "13"], called: false } },
    { question: "whats the deal with the coach", out: { words: ["coach"], called: false } },
    { question: "what was the story the mayor told", out: null },
    { question: "eli5 the reno recall", out: { words: ["reno", "recall"], called: false } },
    {
      question: "break down the corvane recall for me",
      out: { words: ["corvane", "recall"], called: false },
    },
    {
      question: "summarize the mayor article in 2 sentences",
      out: { words: ["mayor"], called: true },
    },
    { question: "what's this recall business about", out: { words: ["recall"], called: false } },
    { question: "explain the pause", out: { words: ["pause"], called: false } },
    { question: "what did he say about the tax article", out: null },
    { question: "how many cars did the recall story count", out: null },
  ] as const;
  for (const { question, out } of cases) {
    test(`GIVEN "${question}" THEN it names ${out === null ? "no story whose gist it asks for" : `"${out.words.join(" ")}"`}`, () => {
      expect(gistNamed(tokenize(question))).toEqual(out);
    });
  }
});

// Two stories on one subject, and one on another: "the recall story" names two.
const CARS = `---
title: Corvane Motors recalls 87,400 electric cars over battery fire risk
---
Corvane Motors is recalling 87,400 electric cars because their batteries can catch fire.

Owners should park outside until dealers replace the battery modules.`;
const MAYOR = `---
title: Reno mayor faces recall vote over arena deal
---
Voters in Reno will decide in November whether to recall Mayor Celeste Varga over an arena deal.

The recall campaign gathered 21,000 signatures.`;

describe("answer: a request for the gist of a story it names", () => {
  let index: SearchIndex;

  beforeAll(async () => {
    index = SearchIndex.build([
      ...(await loadCorpus("corpus")).stories,
      parseStory("cars.md", CARS),
      parseStory("mayor.md", MAYOR),
    ]);
  });

  const storiesOf = (question: string) => [
    ...new Set(answer(index, question).results.map((r) => r.citation.story)),
  ];

  test("GIVEN a story named by a word of its own THEN its opening is the answer, cited from it alone", () => {
    const reply = answer(index, "recap the corvane story pls");
    expect(reply.outcome).toBe("answered");
    expect(reply.results.map((r) => r.citation.paragraph)).toEqual([1, 2]);
    expect(storiesOf("recap the corvane story pls")).toEqual(["cars"]);
  });

  test("GIVEN a story named by words telling little THEN they name it: 'can i get a summary of the car one'", () => {
    expect(storiesOf("can i get a summary of the car one")).toEqual(["cars"]);
  });

  test("GIVEN words both recall stories' titles hold THEN each of the two is given, and the third story not", () => {
    expect(storiesOf("what's the recall story about").sort()).toEqual(["cars", "mayor"]);
  });

  test("GIVEN words a title holds only some of, not calling it a story, THEN it is searched: 'what happened to corvane stock'", () => {
    const reply = answer(index, "what happened to corvane stock");
    expect(reply.results.every((r) => r.score > 0)).toBe(true);
  });

  test("GIVEN words no story is named by THEN the question is searched as any other", () => {
    const reply = answer(index, "whats going on in tulsa");
    expect(reply.results.every((r) => r.score > 0)).toBe(true);
  });

  test("GIVEN a thing its title does not name THEN it is searched: 'explain the schumer thing' asks what Schumer said", () => {
    const reply = answer(index, "explain the schumer thing");
    expect(reply.results[0]?.citation.story).toBe("trump-halts-cyber-operations");
    expect(reply.results[0]?.score).toBeGreaterThan(0);
  });
});

describe("readWording: a request for the gist in a clause of its own", () => {
  test.each([
    ["my teacher asked us to summarize this article for class, whats the main point", true],
    ["i missed the start, can someone give me a quick summary", true],
    ["tell me in one line what this story is about", true],
    ["What did Dr. Ruth Calder say about whether the outbreak has peaked?", false],
    ["free tuition if u work there?? whats the catch", false],
    ["explain camber like im new to this", false],
    ["i read it, but what did schumer say", false],
  ] as const)("GIVEN %j THEN it asks for the gist: %s", (question, out) => {
    expect(readWording(question).summary).toBe(out);
  });
});
