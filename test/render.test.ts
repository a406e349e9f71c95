import { describe, expect, test } from "vitest";
import type { Answer, Refusal } from "../src/answer/types.ts";
import { renderAnswer, renderNoAnswer } from "../src/discord/renderAnswer.ts";
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

const page = {
  offset: 0,
  more: null,
  weak: false,
  private: false,
  story: null,
  followUp: null,
  suggestions: [],
} as const;

describe("renderAnswer", () => {
  test("GIVEN passages from several stories THEN each is quoted in one format, the best story's title once above, a further story named beside its passage", () => {
    const data = renderAnswer({ ...page, answer }, stories);
    const embed = data.embeds?.[0];
    expect(embed?.author).toEqual({ name: "Story A", url: "https://example.com/a" });
    expect(embed?.title).toBeUndefined();
    expect(embed?.description).toBe("> The team won. — ¶2\n> Who won? — headline, *Story \\*B\\**");
    expect(embed?.fields).toBeUndefined();
    expect(embed?.footer?.text).toBe("¶2 = paragraph 2 · /passage ¶2 shows all of it");
    expect(data.components).toBeUndefined();
  });

  test("GIVEN a question to show THEN it is the title, escaped", () => {
    const data = renderAnswer({ ...page, answer, title: "who *won*" }, stories);
    expect(data.embeds?.[0]?.title).toBe("who \\*won\\*");
  });

  test("GIVEN a confident answer phrase THEN it comes first in bold, and is bold where the quote says it", () => {
    const data = renderAnswer(
      {
        ...page,
        answer,
        phrase: { text: "The team", kind: "span", confidence: 0.8, sentence: "The team won." },
      },
      stories,
    );
    expect(data.embeds?.[0]?.description?.split("\n").slice(0, 2)).toEqual([
      "**The team**",
      "> **The team** won. — ¶2",
    ]);
  });

  test("GIVEN a passage far below the best THEN it is left out", () => {
    const [first, second] = answer.results;
    if (first === undefined || second === undefined)
      throw new Error("the test answer has two results");
    const data = renderAnswer(
      { ...page, answer: { ...answer, results: [first, { ...second, score: 0.59 }] } },
      stories,
    );
    expect(data.embeds?.[0]?.description).toBe("> The team won. — ¶2");
  });

  test("GIVEN the cited story's own headline among further passages THEN it is left out: the title above names it", () => {
    const [first, second] = answer.results;
    if (first === undefined || second === undefined)
      throw new Error("the test answer has two results");
    const headline = { ...second, id: "a#0", citation: { ...first.citation, paragraph: 0 } };
    const data = renderAnswer(
      { ...page, answer: { ...answer, results: [first, headline] } },
      stories,
    );
    expect(data.embeds?.[0]?.description).toBe("> The team won. — ¶2");
  });

  test("GIVEN a later page of weak passages THEN it shows no phrase and no counter, says they are weaker, in grey, with More", () => {
    const data = renderAnswer(
      {
        ...page,
        answer,
        phrase: { text: "The team", kind: "span", confidence: 0.8, sentence: "The team won." },
        offset: 3,
        weak: true,
        more: "more:5:p:a:who won",
        private: true,
        story: "a",
      },
      stories,
    );
    const embed = data.embeds?.[0];
    expect(embed?.description?.split("\n")[0]).toBe(
      "**Weaker matches:** these share only some of the question's words.",
    );
    expect(embed?.color).toBe(0x718096);
    expect(embed?.footer?.text).toBe("¶2 = paragraph 2");
    expect(data.flags).toBe(64);
    const labels = JSON.stringify(data.components);
    expect(labels).toContain('"custom_id":"more:5:p:a:who won"');
    expect(labels).toContain('"custom_id":"share:who won"');
  });

  test("GIVEN a follow-up context THEN a Follow up button carries it", () => {
    const followUp = {
      story: "a",
      paragraph: 2,
      subject: "The team",
      topic: "won",
      stamp: "0abc",
      private: false,
    };
    const data = renderAnswer({ ...page, answer, followUp }, stories);
    expect(JSON.stringify(data.components)).toContain('"custom_id":"fu:-:0abc:2:a:The team|won"');
  });

  test("GIVEN an uncertain answer with suggestions THEN each is a button under it", () => {
    const data = renderAnswer(
      {
        ...page,
        answer: { ...answer, outcome: "uncertain", answered: false },
        suggestions: ["What is the story about?"],
      },
      stories,
    );
    expect(JSON.stringify(data.components)).toContain(
      '"custom_id":"ask:-::What is the story about?"',
    );
  });
});

describe("renderAnswer: a passage that does not name whom the question names", () => {
  test("GIVEN a missing name THEN the best answer is called the closest passage, naming it", () => {
    const first = answer.results[0];
    if (first === undefined) throw new Error("the test answer has a first result");
    const data = renderAnswer(
      { ...page, answer: { ...answer, results: [{ ...first, missing: ["putin"] }] } },
      stories,
    );
    expect(data.embeds?.[0]?.description?.split("\n")[0]).toBe(
      "**Closest passage** (its story does not name Putin)",
    );
  });

  test("GIVEN a missing name of two words THEN it is named once, as typed, not word by word", () => {
    const first = answer.results[0];
    if (first === undefined) throw new Error("the test answer has a first result");
    const question = "Is the pause part of a push to end the fighting in eastern Europe?";
    const data = renderAnswer(
      {
        ...page,
        answer: { ...answer, question, results: [{ ...first, missing: ["eastern", "europe"] }] },
      },
      stories,
    );
    expect(data.embeds?.[0]?.description?.split("\n")[0]).toBe(
      "**Closest passage** (its story does not name Eastern Europe)",
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
  const shown = (answer: Answer, suggestions: readonly string[] = []) => ({
    answer,
    private: false,
    story: null,
    suggestions,
  });

  test("GIVEN a refusal for a name of two words no story names THEN it names it once, as typed", () => {
    const question = "Who won the 2022 World Cup?";
    const data = renderNoAnswer(
      shown(refused(question, { kind: "unnamed", names: ["world", "cup"] })),
      stories,
    );
    expect(data.embeds?.[0]?.description?.split("\n")[0]).toBe("No story here mentions World Cup.");
  });

  test("GIVEN no answer THEN it says why and what the stories are about in two lines, escaped", () => {
    const data = renderNoAnswer(shown(refused("why?", { kind: "off-topic" })), stories);
    expect(data.embeds?.[0]?.description).toBe(
      "The stories don't say.\nThey are about: *Story A*; *Story \\*B\\**",
    );
    expect(data.flags).toBeUndefined();
    expect(data.components).toBeUndefined();
  });

  test("GIVEN suggestions THEN the reason's line offers them as buttons, at most five", () => {
    const questions = ["Q1?", "Q2?", "Q3?", "Q4?", "Q5?", "Q6?"];
    const data = renderNoAnswer(
      shown(refused("why?", { kind: "off-topic" }), questions),
      stories.slice(0, 1),
    );
    expect(data.embeds?.[0]?.description).toBe(
      "The story doesn't say. Try one of these:\nIt is about: *Story A*",
    );
    const row = data.components?.[0] as { components: { label: string }[] } | undefined;
    expect(row?.components.map((b) => b.label)).toEqual(["Q1?", "Q2?", "Q3?", "Q4?", "Q5?"]);
  });

  const reasons = [
    {
      question: "Did __China__ pause too?",
      refusal: { kind: "unnamed", names: ["china"] },
      says: "No story here mentions China.",
    },
    {
      question: "Did the UK also pause?",
      refusal: { kind: "unnamed", names: ["uk"] },
      says: "No story here mentions the UK.",
    },
    {
      question: "is china or the NSA in it",
      refusal: { kind: "unnamed", names: ["china", "nsa"] },
      says: "No story here mentions china and the NSA.",
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
    {
      question: "Did Lakemont pay the ransom?",
      refusal: { kind: "left-open" },
      says: "The stories say only that this is still open.",
    },
    {
      question: "How much did Northgate pay for it?",
      refusal: { kind: "no-amount" },
      says: "The stories give no amount for this.",
    },
    {
      question: "Which trade publication reported it?",
      refusal: { kind: "unidentified", words: "trade publication" },
      says: "The stories do not say which trade publication.",
    },
  ] as const;
  for (const { question, refusal, says } of reasons) {
    test(`GIVEN a refusal of kind ${refusal.kind} THEN it begins "${says}"`, () => {
      const data = renderNoAnswer(shown(refused(question, refusal)), stories);
      expect(data.embeds?.[0]?.description?.split("\n")[0]).toBe(says);
    });
  }
});
