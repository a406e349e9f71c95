import { describe, expect, test } from "vitest";
import { askedWhich, leavesUnidentified, namesNoOther } from "../src/language/identified.ts";
import { termsOf } from "../src/language/text.ts";
import { readWording } from "../src/language/wording.ts";

const termOf = (word: string) => termsOf(word)[0] ?? "";

describe("askedWhich", () => {
  test("GIVEN a which question THEN it asks about the last noun before the verb, with the words that name it", () => {
    expect(
      askedWhich(readWording("Which trade publication reported Lindqvist's work on the film?")),
    ).toEqual({
      term: termOf("publication"),
      words: "trade publication",
      form: "which",
    });
    expect(askedWhich(readWording("Which country sent a team of rescuers to help?"))?.words).toBe(
      "country",
    );
    expect(askedWhich(readWording("which hospitals took the injured"))?.words).toBe("hospitals");
    expect(
      askedWhich(readWording("Which two rival producers called for the award to be withheld?")),
    ).toEqual({
      term: termOf("producers"),
      words: "two rival producers",
      form: "which",
    });
  });

  test("GIVEN a which question whose noun WordNet sees more often as a verb THEN that noun is still asked about", () => {
    expect(askedWhich(readWording("Which judge is handling the case?"))?.words).toBe("judge");
  });

  test("GIVEN a possessive after which THEN what is asked about ends at it", () => {
    expect(
      askedWhich(readWording("Which city's convention center expansion lost its funding?"))?.words,
    ).toBe("city");
  });

  test("GIVEN a question asking the name of something THEN it asks about that thing, up to the clause that tells which", () => {
    expect(
      askedWhich(readWording("What is the name of the 79-year-old widow who is suing?")),
    ).toEqual({
      term: termOf("widow"),
      words: "79-year-old widow",
      form: "name",
    });
    expect(
      askedWhich(readWording("What's the name of the farm where the first case was found?"))?.words,
    ).toBe("farm");
  });

  test("GIVEN a possessive in what a name is asked of THEN the name asked is of what follows it", () => {
    expect(askedWhich(readWording("What's the name of Lucía Mamani's husband?"))?.words).toBe(
      "husband",
    );
  });

  test("GIVEN who is the something THEN it asks about that thing", () => {
    expect(
      askedWhich(readWording("Who was the second commissioner who voted against the buyouts?")),
    ).toEqual({
      term: termOf("commissioner"),
      words: "second commissioner",
      form: "who",
    });
  });

  test("GIVEN a question asking no which, or asking whether THEN nothing is asked about", () => {
    expect(askedWhich(readWording("Who reported Lindqvist's work?"))).toBeNull();
    expect(askedWhich(readWording("Was it the union which called the strike?"))).toBeNull();
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
    // "Both", "each" and "either" count what they speak of, not name it.
    expect(
      leavesUnidentified(
        ["It drew sharp criticism from lawmakers of both parties, who vowed to restore it."],
        termOf("party"),
      ),
    ).toBe(true);
    // "The" before a number counts them, naming none.
    expect(
      leavesUnidentified(
        [
          "Okafor said the six owners who voted against the move had raised concerns, but she declined to name them.",
        ],
        termOf("owners"),
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

  test("GIVEN the number of things named right after it THEN the sentences identify them", () => {
    expect(
      leavesUnidentified(
        ["The two trustees, Dana Ostrowski and Harold Beckwith, voted no."],
        termOf("trustees"),
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

  test("GIVEN the thing asked described THEN mentions without its description are of others", () => {
    const sentences = [
      "The prize is shared between the director and the film's producers.",
      "He rejected calls from two rival producers for the award to be withheld.",
    ];
    const producers = termOf("producers");
    expect(leavesUnidentified(sentences, producers, "two rival producers")).toBe(true);
    // Asked with no description, the film's producers are the ones the story identifies.
    expect(leavesUnidentified(sentences, producers, "producers")).toBe(false);
    // A count is no description, though its stem be a word ("several" → "sever").
    expect(
      leavesUnidentified(
        [
          "Several producers, Ana Ruiz among them, backed the film.",
          "He rejected calls from two rival producers.",
        ],
        producers,
        "several rival producers",
      ),
    ).toBe(true);
    // Described with words no mention holds, every mention counts.
    expect(leavesUnidentified(sentences, producers, "foreign producers")).toBe(false);
  });

  test("GIVEN sentences that never mention the thing THEN they do not leave it unidentified", () => {
    expect(leavesUnidentified(["The festival opened on Friday."], publication)).toBe(false);
  });
});

describe("namesNoOther", () => {
  const ask = (question: string) => {
    const asked = askedWhich(readWording(question));
    if (asked === null) throw new Error(`no which in ${question}`);
    return asked;
  };

  test("GIVEN a question asking another of what the story names one of THEN the sentences name no other", () => {
    const question = "Which other company bid on the camera contract?";
    const sentences = [
      "The board approved a contract with Sentinel Optics, a Tennessee company, for 200 cameras.",
    ];
    expect(namesNoOther(question, ask(question), sentences, new Set())).toBe(true);
  });

  test("GIVEN the story names a second one THEN it may name the other asked for", () => {
    const question = "Which other company bid on the camera contract?";
    const sentences = [
      "The board chose Sentinel Optics, a Tennessee company, over a rival company, Larkspur Systems.",
    ];
    expect(namesNoOther(question, ask(question), sentences, new Set())).toBe(false);
  });

  test("GIVEN besides someone the question names THEN a name the question gives is no other", () => {
    const question = "Besides Joan Pettibone, which board member voted against the plan?";
    const sentences = [
      "Board member Joan Pettibone, one of the two votes against the plan, warned.",
    ];
    const named = new Set(termsOf(question));
    expect(namesNoOther(question, ask(question), sentences, named)).toBe(true);
    const another = [...sentences, "Board member Ray Dunn also voted no."];
    expect(namesNoOther(question, ask(question), another, named)).toBe(false);
  });

  test("GIVEN a question asking for no other THEN it says nothing of others", () => {
    const question = "Which company bid on the camera contract?";
    const sentences = ["The board approved a contract with Sentinel Optics, a Tennessee company."];
    expect(namesNoOther(question, ask(question), sentences, new Set())).toBe(false);
  });
});
