import { describe, expect, test } from "vitest";
import { askedWhich, leavesUnidentified } from "../src/language/identified.ts";
import { termsOf } from "../src/language/text.ts";

const termOf = (word: string) => termsOf(word)[0] ?? "";

describe("askedWhich", () => {
  test("GIVEN a which question THEN it asks about the last noun before the verb, with the words that name it", () => {
    expect(askedWhich("Which trade publication reported Lindqvist's work on the film?")).toEqual({
      term: termOf("publication"),
      words: "trade publication",
    });
    expect(askedWhich("Which country sent a team of rescuers to help?")?.words).toBe("country");
    expect(askedWhich("which hospitals took the injured")?.words).toBe("hospitals");
    expect(askedWhich("Which two rival producers called for the award to be withheld?")).toEqual({
      term: termOf("producers"),
      words: "two rival producers",
    });
  });

  test("GIVEN a which question whose noun WordNet sees more often as a verb THEN that noun is still asked about", () => {
    expect(askedWhich("Which judge is handling the case?")?.words).toBe("judge");
  });

  test("GIVEN a possessive after which THEN what is asked about ends at it", () => {
    expect(askedWhich("Which city's convention center expansion lost its funding?")?.words).toBe(
      "city",
    );
  });

  test("GIVEN a question asking the name of something THEN it asks about that thing, up to the clause that tells which", () => {
    expect(askedWhich("What is the name of the 79-year-old widow who is suing?")).toEqual({
      term: termOf("widow"),
      words: "79-year-old widow",
    });
    expect(askedWhich("What's the name of the farm where the first case was found?")?.words).toBe(
      "farm",
    );
  });

  test("GIVEN a question asking no which, or asking whether THEN nothing is asked about", () => {
    expect(askedWhich("Who reported Lindqvist's work?")).toBeNull();
    expect(askedWhich("Was it the union which called the strike?")).toBeNull();
  });
});

describe("leavesUnidentified", () => {
  const publication = termOf("publication");

  test("GIVEN a thing mentioned only with a or a count THEN the sentences leave it unidentified", () => {
    expect(
      leavesUnidentified(
        [
          "Lindqvist stepped down after a trade publication reported that he had worked on the film.",
        ],
        publication,
      ),
    ).toBe(true);
    expect(
      leavesUnidentified(
        ["He rejected calls from two rival producers for the award to be withheld."],
        termOf("producers"),
      ),
    ).toBe(true);
    // A place after the thing says where it is, not which it is.
    expect(
      leavesUnidentified(
        ["Verhoeven remains at a federal prison in Pennsylvania."],
        termOf("prison"),
      ),
    ).toBe(true);
  });

  test("GIVEN a name set beside the thing, after or before it THEN the sentences identify it", () => {
    expect(
      leavesUnidentified(
        [
          "The Legislature paid an outside consulting firm, Prairie Line Analytics, about $380,000.",
        ],
        termOf("firm"),
      ),
    ).toBe(false);
    expect(
      leavesUnidentified(
        [
          "The board approved a contract with Sentinel Optics, a Tennessee company, for 200 cameras.",
        ],
        termOf("company"),
      ),
    ).toBe(false);
    expect(
      leavesUnidentified(
        ["It carries a warning about a side effect known as ARIA."],
        termOf("effect"),
      ),
    ).toBe(false);
  });

  test("GIVEN one mention that identifies the thing among others that do not THEN the sentences identify it", () => {
    expect(
      leavesUnidentified(
        ["A trade publication reported it first.", "The publication said he had been paid."],
        publication,
      ),
    ).toBe(false);
    // "Other countries" are others than one the story names.
    expect(
      leavesUnidentified(
        ["A team of 40 rescuers from Chile arrived, and several other countries offered help."],
        termOf("countries"),
      ),
    ).toBe(false);
  });

  test("GIVEN a year before the thing THEN it is not read as a count", () => {
    expect(
      leavesUnidentified(
        ["The recall covers Vela sedans from the 2024 through 2026 model years."],
        termOf("model"),
      ),
    ).toBe(false);
  });

  test("GIVEN sentences that never mention the thing THEN they do not leave it unidentified", () => {
    expect(leavesUnidentified(["The festival opened on Friday."], publication)).toBe(false);
  });
});
