import { beforeAll, describe, expect, test } from "vitest";
import { type Question, readQuestion } from "../src/answer/question.ts";
import { asksYesNo } from "../src/language/answerType.ts";
import { readWording } from "../src/language/wording.ts";
import type { SearchIndex } from "../src/search/index.ts";
import { shippedIndex } from "./support/bot.ts";
import { newsIndex } from "./support/stories.ts";

describe("readWording", () => {
  const cases = [
    {
      text: "Who issued the directive?",
      out: { phraseKind: "person", expected: null, yesNo: false, summary: false },
    },
    {
      text: "How many personnel could be affected?",
      out: {
        phraseKind: "number",
        expected: { type: "number", explicit: true },
        yesNo: false,
        summary: false,
      },
    },
    {
      text: "Did the talks with Moscow affect the decision?",
      out: { phraseKind: null, expected: null, yesNo: true, summary: false },
    },
    {
      text: "tl;dr",
      out: { phraseKind: null, expected: null, yesNo: false, summary: true },
    },
  ] as const;
  for (const { text, out } of cases) {
    test(`reads "${text}" once: ${JSON.stringify(out)}`, () => {
      const wording = readWording(text);
      expect({
        phraseKind: wording.phraseKind,
        expected: wording.expected,
        yesNo: wording.yesNo,
        summary: wording.summary,
      }).toEqual(out);
    });
  }

  test("GIVEN a question THEN its words are tokenized once, and its terms are their stems", () => {
    const wording = readWording("Who issued the directive?");
    expect(wording.words).toEqual(["who", "issued", "the", "directive"]);
    expect([...wording.termSet]).toEqual(["issu", "direct"]);
  });
});

describe("asksYesNo", () => {
  const cases = [
    { words: ["is", "china", "included"], out: true },
    { words: ["was", "the", "kremlin", "negotiation", "a", "factor"], out: true },
    { words: ["who", "is", "rubio"], out: false },
    { words: [], out: false },
    // A request to tell something asks for what the question word asks, not "Yes".
    { words: ["do", "you", "know", "what", "schumer", "said"], out: false },
    { words: ["can", "u", "tell", "me", "who", "issued", "it"], out: false },
    { words: ["do", "you", "know", "if", "schumer", "objected"], out: true },
  ] as const;
  for (const { words, out } of cases) {
    test(`"${words.join(" ")}" ${out ? "asks" : "does not ask"} yes or no`, () => {
      expect(asksYesNo(words)).toBe(out);
    });
  }
});

describe("readQuestion", () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = await shippedIndex();
  });

  test("GIVEN what someone said THEN the speaker is read with the index's stand-ins for a typo", () => {
    const question: Question = readQuestion(index, "What did Shumer say about the pause?");
    expect(question.speaker?.words).toEqual(["shumer"]);
    expect(question.speaker?.terms.has("schumer")).toBe(true);
    expect(question.terms.map((t) => t.word)).toEqual(["shumer", "pause"]);
  });

  test("GIVEN a question THEN its terms are the ones the index's own analysis gives", () => {
    const text = "When was the pause confirmed?";
    const question = readQuestion(index, text);
    expect(question.terms).toEqual(index.analyze(text));
    expect(question.answerType).toBe("time");
    expect(index.search(question).hits.map((h) => h.passage.id)).toEqual(
      index.search(text).hits.map((h) => h.passage.id),
    );
  });

  test("GIVEN a long question with context first THEN the words only its context holds weigh less than the index gives them", () => {
    const text =
      "my cousin is in the army and keeps talking about Russia and sanctions all the time, so who issued the directive?";
    const given = new Map(index.analyze(text).map((t) => [t.term, t.weight]));
    const read = new Map(readQuestion(index, text).terms.map((t) => [t.term, t.weight]));
    expect([...given.keys()]).toEqual(expect.arrayContaining(["direct", "russia"]));
    expect(read.get("direct")).toBe(given.get("direct"));
    expect(read.get("russia") ?? 0).toBeLessThan((given.get("russia") ?? 0) / 2);
  });

  test("GIVEN chat shortenings THEN the question asks what their words ask, and is still shown as typed", () => {
    const text = "hw long did the pause last";
    const question = readQuestion(index, text);
    expect(question.text).toBe(text);
    expect(question.answerType).toBe("duration");
    const said = readQuestion(index, "wat did ppl say abt it");
    expect(said.words).toEqual(["what", "did", "people", "say", "about", "it"]);
    expect(said.terms.map((t) => t.word)).not.toContain("ppl");
  });

  test("GIVEN an acronym the story spells out THEN the question asks what its words ask, however typed", () => {
    const story = newsIndex("11-chipmaker-new-factory");
    for (const text of ["whos the cfo lol", "Who is the CFO?"]) {
      expect(readQuestion(story, text).words).toEqual(
        expect.arrayContaining(["chief", "financial", "officer"]),
      );
    }
    // The shipped story writes no "financial": the acronym stays as typed.
    expect(readQuestion(index, "whos the cfo lol").words).toContain("cfo");
  });

  test("GIVEN a name, capitals, or a word WordNet knows THEN it is not read as a shortening", () => {
    const question = readQuestion(index, "did the gop or the NSC back Hegseth");
    expect(question.words).toEqual(expect.arrayContaining(["gop", "nsc", "hegseth"]));
  });
});
