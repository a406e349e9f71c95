import { describe, expect, test } from "vitest";
import { reportedTerms, speakerWords } from "../src/language/attribution.ts";
import { termFor, tokenize, wordsOf } from "../src/language/text.ts";
import { askedSpeaker } from "../src/search/speaker.ts";
import type { QueryTerm } from "../src/search/types.ts";

/** Question terms as the index gives them, with the names marked and the stand-ins given. */
function termsOf(
  question: string,
  names: readonly string[],
  standIns: Readonly<Record<string, string>> = {},
): QueryTerm[] {
  return tokenize(question).flatMap((word) => {
    const term = termFor(word);
    if (term === null) return [];
    const standIn = standIns[word];
    return [
      {
        word,
        term,
        known: standIn === undefined,
        weight: 1,
        informativeness: 1,
        name: names.includes(word),
        expansions:
          standIn === undefined
            ? []
            : [{ term: standIn, strength: 0.8, source: "spelling", name: true }],
      },
    ];
  });
}

function speakerOf(question: string, names: readonly string[], standIns = {}): string[] | null {
  const speaker = askedSpeaker(
    speakerWords(tokenize(question)),
    termsOf(question, names, standIns),
  );
  return speaker === null ? null : [...speaker.terms].sort();
}

describe("askedSpeaker", () => {
  test("GIVEN a speaker of two names THEN it gives the words as asked", () => {
    const question = "what did chuck schumer say";
    expect(
      askedSpeaker(speakerWords(tokenize(question)), termsOf(question, ["chuck", "schumer"]))
        ?.words,
    ).toEqual(["chuck", "schumer"]);
  });

  const cases = [
    { question: "What did Putin say about the pause?", names: ["putin"], out: ["putin"] },
    { question: "what does the kremlin think", names: ["kremlin"], out: ["kremlin"] },
    { question: "Did Schumer comment on it?", names: ["schumer"], out: ["schumer"] },
    {
      question: "What did the top Senate Democrat call the move?",
      names: ["senate", "democrat"],
      out: ["democrat", "senat"],
    },
    // A role named after a place is the role, not the place.
    { question: "What did the top US diplomat say?", names: ["us"], out: null },
    // A name asked for, not words.
    { question: "What was the campaign called?", names: [], out: null },
    { question: "What do cybersecurity experts think?", names: [], out: null },
    // A reaction can be a deed.
    { question: "How did Russia respond?", names: ["russia"], out: null },
    { question: "Who issued the directive?", names: [], out: null },
  ];
  for (const { question, names, out } of cases) {
    test(`reads "${question}" as asking the words of ${out === null ? "no one named" : out.join(" and ")}`, () => {
      expect(speakerOf(question, names)).toEqual(out);
    });
  }

  test("GIVEN a misspelt name THEN its correction is the speaker too", () => {
    expect(speakerOf("what did shumer say", [], { shumer: "schumer" })).toEqual([
      "schumer",
      "shumer",
    ]);
  });
});

describe("reportedTerms", () => {
  const cases = [
    { text: "Senate Minority Leader Chuck Schumer described the pause as a mistake.", out: true },
    { text: "Officials, including Chuck Schumer, warned against it.", out: true },
    { text: "The pause was denounced as a blunder by Chuck Schumer.", out: true },
    { text: "According to Schumer, the pause is a mistake.", out: true },
    { text: "Schumer met the president. He said the pause was a mistake.", out: true },
    { text: "Trump announced talks with Senator Chuck Schumer.", out: false },
    { text: "The pause was discussed in a meeting with Schumer.", out: false },
    { text: "Schumer's office sits regarding the Capitol.", out: false },
    { text: "Officials revealed that the order, issued by Chuck Schumer, was sent.", out: false },
    { text: "Trump said the pause would last. Schumer was not there.", out: false },
    { text: '"It is a mistake," said Senate Minority Leader Chuck Schumer.', out: true },
    { text: '"It is a mistake," said Schumer, who leads the minority.', out: true },
    { text: "Trump said that Schumer had left.", out: false },
    { text: "Democrats criticized Senator Chuck Schumer for the deal.", out: false },
  ];
  for (const { text, out } of cases) {
    test(`${out ? "hears" : "does not hear"} Schumer in "${text}"`, () => {
      const sentences = text.split(/(?<=\.) /u).map((sentence) => wordsOf(sentence));
      expect(reportedTerms(sentences).has("schumer")).toBe(out);
    });
  }
});
