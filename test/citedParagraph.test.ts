import { describe, expect, test } from "vitest";
import { citedParagraph } from "../src/language/citedParagraph.ts";

describe("citedParagraph", () => {
  test.each([
    ["what does ¶3 say", 3, ["what", "does", "say"]],
    ["¶ 12", 12, []],
    ["para 5?", 5, []],
    ["show me paragraph #4", 4, ["show", "me"]],
    ["Paragraph No. 7", 7, []],
    ["the 3rd paragraph pls", 3, ["the", "pls"]],
    ["whats in the third graf", 3, ["whats", "in", "the"]],
    ["paragraph three", 3, []],
    ["opening para", 1, []],
    ["read me the last paragraph", "last", ["read", "me", "the"]],
    ["the final paragraph of the reno story", "last", ["the", "of", "the", "reno", "story"]],
    // The paragraph a reply just cited.
    ["full paragraph?", "cited", []],
    ["what does the paragraph say", "cited", ["what", "does", "say"]],
    ["can i see the whole para", "cited", ["can", "i", "see"]],
  ])("GIVEN %j THEN it cites paragraph %j, with the other words", (text, paragraph, rest) => {
    expect(citedParagraph(text)).toEqual({ paragraph, through: null, rest });
  });

  test.each([
    ["¶3 and ¶4", 3, 4, []],
    ["what do paragraphs 1 to 3 say", 1, 3, ["what", "do", "say"]],
    ["paras 2-4 pls", 2, 4, ["pls"]],
    ["¶5–3", 3, 5, []],
  ])("GIVEN %j THEN it cites the run of paragraphs %j to %j", (text, paragraph, through, rest) => {
    expect(citedParagraph(text)).toEqual({ paragraph, through, rest });
  });

  test("GIVEN a number after 'and' that is no paragraph THEN only the first is cited", () => {
    expect(citedParagraph("paragraph 3 and 2024 budget")).toEqual({
      paragraph: 3,
      through: null,
      rest: ["and", "2024", "budget"],
    });
  });

  test.each([
    "who won the 3rd round",
    "what paragraphs are there",
    "how did he play the par 3",
    "paragraph 0",
    "paragraph 20250301",
    "is it comparable 4 years on",
    "separate 2 bills",
  ])("GIVEN %j THEN it cites no paragraph", (text) => {
    expect(citedParagraph(text)).toBeNull();
  });
});
