import { describe, expect, test } from "vitest";
import { splitSentences } from "../src/corpus/sentences.ts";

describe("splitSentences", () => {
  test("splits at sentence ends and trims", () => {
    expect(splitSentences(" Smith came.  He saw! Did he?\nYes ")).toEqual([
      "Smith came.",
      "He saw!",
      "Did he?",
      "Yes",
    ]);
  });

  test("does not end a sentence after a title's or a month's abbreviation", () => {
    expect(
      splitSentences(
        "The talks were led by Chief Executive Dr. Lena Ortiz. Sales begin Sept. 16. Rep. Dorsey agreed.",
      ),
    ).toEqual([
      "The talks were led by Chief Executive Dr. Lena Ortiz.",
      "Sales begin Sept. 16.",
      "Rep. Dorsey agreed.",
    ]);
  });

  test("does not end a sentence after an initialism inside a name, but does before a sentence's opening word", () => {
    expect(
      splitSentences(
        "The suit was filed in U.S. District Court in Spokane. It must be approved by U.S. District Judge Harold Brisbane. Trade with the U.S. The talks resumed.",
      ),
    ).toEqual([
      "The suit was filed in U.S. District Court in Spokane.",
      "It must be approved by U.S. District Judge Harold Brisbane.",
      "Trade with the U.S.",
      "The talks resumed.",
    ]);
  });

  test("keeps a wire dateline's abbreviated state with the sentence it opens, which no bracket or dash starts", () => {
    expect(
      splitSentences(
        "JEFFERSON CITY, Mo. (Wire) — Gov. Daniel Harrigan signed the budget. BILLINGS, Mont. — A judge ruled.",
      ),
    ).toEqual([
      "JEFFERSON CITY, Mo. (Wire) — Gov. Daniel Harrigan signed the budget.",
      "BILLINGS, Mont. — A judge ruled.",
    ]);
  });

  test("still ends a sentence after a word that only ends like an abbreviation", () => {
    expect(splitSentences("They met the CEO. Then they left.")).toEqual([
      "They met the CEO.",
      "Then they left.",
    ]);
  });

  // Regression: Intl.Segmenter over the whole text took 24.6 s for this 184 kB paragraph.
  test("splits a paragraph of 8,000 sentences at once", () => {
    const sentences = splitSentences("The pause was ordered. ".repeat(8000));
    expect(sentences).toHaveLength(8000);
    expect(new Set(sentences)).toEqual(new Set(["The pause was ordered."]));
  });

  test("keeps a sentence whole across the 2,000-character windows it is segmented in", () => {
    const long = `Then ${"word ".repeat(3000)}end.`;
    expect(splitSentences(`First. ${long} Last.`)).toEqual(["First.", long, "Last."]);
  });
});
