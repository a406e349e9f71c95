import { describe, expect, test } from "vitest";
import type { Answer, Refusal } from "../src/answer/types.ts";
import { renderAnswer, renderNoAnswer } from "../src/discord/render.ts";
import type { StoryInfo } from "../src/search/types.ts";

const stories: StoryInfo[] = [
  {
    slug: "a",
    title: "Story A",
    url: "https://example.com/a",
    source: "Wire",
    date: null,
    paragraphs: 3,
  },
  { slug: "b", title: "Story *B*", url: null, source: null, date: null, paragraphs: 2 },
];

const answer: Answer = {
  question: "who won",
  outcome: "answered",
  answered: true,
  confidence: 0.9,
  results: [
    {
      id: "a#2",
      score: 1,
      text: "The team won. It was close.",
      bestSentence: "The team won.",
      terms: ["won"],
      missing: [],
      citation: { story: "a", title: "Story A", paragraph: 2, url: "https://example.com/a" },
    },
    {
      id: "b#0",
      score: 0.8,
      text: "Who won?",
      bestSentence: "Who won?",
      terms: ["won"],
      missing: [],
      citation: { story: "b", title: "Story *B*", paragraph: 0, url: null },
    },
  ],
};

describe("renderAnswer", () => {
  test("GIVEN passages from several stories THEN the best is quoted and cited, and each further one names its story", () => {
    const data = renderAnswer(
      { answer, offset: 0, hasMore: false, private: false, story: null, words: ["won"] },
      stories,
    );
    const embed = data.embeds?.[0];
    expect(embed?.description).toBe("> The team won.\n— ¶2, [Story A](https://example.com/a)");
    expect(embed?.fields).toEqual([{ name: "headline · Story *B*", value: "Who won?" }]);
    expect(embed?.footer?.text).toBe("¶2 = paragraph 2");
    expect(data.components).toBeUndefined();
  });

  test("GIVEN a confident answer phrase THEN it comes first in bold, and is bold where the quote says it", () => {
    const data = renderAnswer(
      {
        answer,
        phrase: { text: "The team", kind: "span", confidence: 0.8, sentence: "The team won." },
        offset: 0,
        hasMore: false,
        private: false,
        story: null,
        words: ["won"],
      },
      stories,
    );
    expect(data.embeds?.[0]?.description?.split("\n").slice(0, 2)).toEqual([
      "**The team**",
      "> **The team** won.",
    ]);
  });

  test("GIVEN a passage far below the best THEN it is left out", () => {
    const [first, second] = answer.results;
    if (first === undefined || second === undefined)
      throw new Error("the test answer has two results");
    const data = renderAnswer(
      {
        answer: { ...answer, results: [first, { ...second, score: 0.59 }] },
        offset: 0,
        hasMore: false,
        private: false,
        story: null,
        words: ["won"],
      },
      stories,
    );
    expect(data.embeds?.[0]?.fields).toBeUndefined();
  });

  test("GIVEN the cited story's own headline among further passages THEN it is left out: the citation names it", () => {
    const [first, second] = answer.results;
    if (first === undefined || second === undefined)
      throw new Error("the test answer has two results");
    const headline = {
      ...second,
      id: "a#0",
      citation: { ...first.citation, paragraph: 0 },
    };
    const data = renderAnswer(
      {
        answer: { ...answer, results: [first, headline] },
        offset: 0,
        hasMore: false,
        private: false,
        story: null,
        words: ["won"],
      },
      stories,
    );
    expect(data.embeds?.[0]?.fields).toBeUndefined();
  });

  test("GIVEN a later page THEN it shows no answer phrase, and the footer counts on", () => {
    const data = renderAnswer(
      {
        answer,
        phrase: { text: "The team", kind: "span", confidence: 0.8, sentence: "The team won." },
        offset: 3,
        hasMore: true,
        private: true,
        story: "a",
        words: ["won"],
      },
      stories,
    );
    expect(data.embeds?.[0]?.description?.startsWith("> The team won.")).toBe(true);
    expect(data.embeds?.[0]?.footer?.text).toBe("Passages 4–5 · ¶2 = paragraph 2");
    expect(data.flags).toBe(64);
    expect(JSON.stringify(data.components)).toContain('"custom_id":"more:5:p:a:who won"');
    expect(JSON.stringify(data.components)).not.toContain('"disabled"');
  });
});

describe("renderAnswer: a passage that does not name whom the question names", () => {
  test("GIVEN a missing name THEN the best answer is called the closest passage, naming it", () => {
    const first = answer.results[0];
    if (first === undefined) throw new Error("the test answer has a first result");
    const data = renderAnswer(
      {
        answer: { ...answer, results: [{ ...first, missing: ["putin"] }] },
        offset: 0,
        hasMore: false,
        private: false,
        story: null,
        words: ["won"],
      },
      stories,
    );
    expect(data.embeds?.[0]?.description?.split("\n")[0]).toBe(
      "**Closest passage** (it does not name Putin)",
    );
  });
});

describe("renderNoAnswer", () => {
  const refused = (question: string, refusal: Refusal): Answer => ({
    question,
    outcome: "refused",
    answered: false,
    confidence: 0.05,
    results: [],
    refusal,
  });

  test("GIVEN no answer THEN it says so once and lists the stories, escaped", () => {
    const data = renderNoAnswer(refused("why?", { kind: "off-topic" }), stories, false);
    expect(data.embeds?.[0]?.description).toBe(
      "The stories don't say. I only quote the stories I have.\n\n**What the stories are about:**\n• Story A\n• Story \\*B\\*",
    );
    expect(data.flags).toBeUndefined();
  });

  test("GIVEN no answer from one story THEN it speaks of the story, in the singular", () => {
    const data = renderNoAnswer(refused("why?", { kind: "off-topic" }), stories.slice(0, 1), false);
    expect(data.embeds?.[0]?.description).toBe(
      "The story doesn't say. I only quote the story I have.\n\n**What the story is about:**\n• Story A",
    );
  });

  const reasons = [
    {
      question: "Did __China__ pause too?",
      refusal: { kind: "unnamed", names: ["china"] },
      says: "No story here mentions China.",
    },
    {
      question: "is china or the NSA in it",
      refusal: { kind: "unnamed", names: ["china", "nsa"] },
      says: "No story here mentions china and NSA.",
    },
    {
      question: "On what date was it issued?",
      refusal: { kind: "no-answer-type", type: "date" },
      says: "The stories give no date for this.",
    },
    {
      question: "What did Vladimir Putin say?",
      refusal: { kind: "unreported", names: ["vladimir", "putin"] },
      says: "The stories do not report anything Vladimir Putin said.",
    },
  ] as const;
  for (const { question, refusal, says } of reasons) {
    test(`GIVEN a refusal of kind ${refusal.kind} THEN it begins "${says}"`, () => {
      const data = renderNoAnswer(refused(question, refusal), stories, false);
      expect(data.embeds?.[0]?.description?.split(" I only quote")[0]).toBe(says);
    });
  }
});
