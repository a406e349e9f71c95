import { beforeAll, describe, expect, test } from "vitest";
import { answer } from "../src/answer/answer.ts";
import {
  answerPhrase,
  extractPhrase,
  readingOrder,
  SHOW_CONFIDENCE,
  shownPhrase,
  spanCandidates,
  stopsBeforeAskedName,
} from "../src/answer/extract.ts";
import { asWritten } from "../src/answer/phraseCandidates.ts";
import { rankSentences } from "../src/answer/rankSentences.ts";
import { uncertainText } from "../src/answer/renderText.ts";
import { leftOpen } from "../src/answer/yesNo.ts";
import { expectedAnswer, phraseKind } from "../src/language/answerType.ts";
import { STOP_WORDS } from "../src/language/text.ts";
import { readWording } from "../src/language/wording.ts";
import type { SearchIndex } from "../src/search/index.ts";
import { f1Score, normalizeAnswer } from "./eval/phrase.ts";
import { shippedIndex } from "./support/bot.ts";
import { newsIndex } from "./support/stories.ts";

describe("phraseKind", () => {
  const cases = [
    { question: "Who issued the directive?", out: "person" },
    { question: "Where did Trump and Zelensky meet?", out: "place" },
    { question: "How many personnel could be affected?", out: "number" },
    { question: "What was the average cost of a commercial?", out: "number" },
    { question: "How long ago did the invasion begin?", out: "time" },
    { question: "How long will the pause last?", out: "duration" },
    { question: "In what year did the war begin?", out: "year" },
    { question: "Which network broadcast the game?", out: "thing" },
    { question: "Why did Trump pause cyber operations?", out: null },
    { question: "How did Democrats react?", out: null },
    { question: "What happened between Trump and Zelensky?", out: null },
    { question: "what went wrong during the flight", out: null },
  ] as const;
  for (const { question, out } of cases) {
    test(`reads "${question}" as asking for ${out ?? "no phrase"}`, () => {
      expect(phraseKind(question, expectedAnswer(question))).toBe(out);
      expect(readWording(question).phraseKind).toBe(out);
    });
  }
});

describe("answerPhrase", () => {
  const sentence =
    "Officials revealed that the directive, issued by Defense Secretary Pete Hegseth, was delivered to US Cyber Command, though no specific reasons were provided for this seemingly unanticipated decision.";

  test("GIVEN who issued the directive THEN the span read is the person named beside 'issued', as the story writes it", () => {
    const phrase = extractPhrase(readWording("Who issued the directive?"), [sentence]);
    expect(phrase?.text).toBe("Defense Secretary Pete Hegseth");
    expect(phrase?.sentence).toBe(sentence);
  });

  test("GIVEN a name the question itself names THEN that name is never the answer", () => {
    const phrase = extractPhrase(readWording("Who did Pete Hegseth send the directive to?"), [
      sentence,
    ]);
    expect(phrase).not.toBeNull();
    expect(phrase?.text).not.toContain("Hegseth");
  });

  test("GIVEN a title the question names THEN the best candidate is the name after it", () => {
    const phrase = extractPhrase(readWording("Who is the National Security Adviser?"), [
      "While National Security Adviser Mike Waltz dismissed suggestions of a significant policy shift, he emphasized the use of varied strategies to achieve an end to hostilities.",
    ]);
    expect(phrase?.text).toBe("Mike Waltz");
  });

  test("GIVEN who is asked and the best sentence opens with a dateline THEN the person in the next sentence is read, not the place", () => {
    const sentences = [
      "BILLINGS, Mont. (Wire) — A federal judge on Thursday temporarily blocked Montana's new voter identification law, ruling that its strict photo ID requirements likely place an unconstitutional burden on thousands of voters less than two months before the Nov. 3 general election.",
      "U.S. District Judge Miriam Achterberg issued a preliminary injunction barring state and county election officials from enforcing the law, which had been set to take effect Oct. 1.",
    ];
    const question = readWording("Who is the judge that blocked Montana's voter ID law?");
    expect(extractPhrase(question, sentences)?.text).toBe("Miriam Achterberg");
  });

  test("GIVEN a question that asks why THEN no phrase is offered", () => {
    expect(extractPhrase(readWording("Why was the directive issued?"), [sentence])).toBeNull();
  });

  test("GIVEN a sentence with nothing of the kind asked for THEN no phrase is offered", () => {
    expect(answerPhrase(readWording("When was the directive issued?"), [sentence])).toBeNull();
  });
});

describe("shownPhrase", () => {
  const span = (text: string, sentence: string, question = "What was it?") => {
    const stopsBeforeAsked = stopsBeforeAskedName(text, sentence, readWording(question));
    const found = { text, sentence, kind: "span", confidence: 0.99, stopsBeforeAsked } as const;
    return shownPhrase(found)?.text ?? null;
  };

  test("GIVEN a confident span of a headline in title case THEN it is not shown", () => {
    expect(
      span(
        "Amid Diplomatic Efforts",
        "Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts",
      ),
    ).toBeNull();
  });

  test("GIVEN a confident span that stops inside a person's name THEN it is not shown", () => {
    expect(
      span(
        "Ukrainian President Volodymyr",
        "The halt comes after a heated exchange between President Trump and Ukrainian President Volodymyr Zelensky during a White House meeting.",
      ),
    ).toBeNull();
  });

  test("GIVEN a span that stops before the surname the question asks about THEN it is not shown", () => {
    const waltz =
      "While National Security Adviser Mike Waltz dismissed suggestions of a significant policy shift, he emphasized the use of varied strategies.";
    expect(span("National Security Adviser Mike", waltz, "who is waltz")).toBeNull();
    const schumer =
      'Senate Minority Leader Chuck Schumer described the pause as a "critical strategic mistake."';
    expect(span("Senate Minority Leader Chuck", schumer, "explain the schumer thing")).toBeNull();
  });

  test("GIVEN a span before the noun the question asks for THEN it is shown", () => {
    const marathon = "Marathon County also has a herd under quarantine, officials said.";
    const question = "Which neighboring county also has a herd under quarantine?";
    expect(span("Marathon", marathon, question)).toBe("Marathon");
    expect(span("Willet", "Crews cleared the banks of the Willet River.", "what river is it")).toBe(
      "Willet",
    );
  });

  test("GIVEN a span before a common noun or before a name it does not start THEN it is shown", () => {
    expect(span("Bexley", "$80 million comes from Bexley County for new roads.")).toBe("Bexley");
    expect(
      span("Trustee", 'Trustee Harold Beckwith said the board was "asking students to pay."'),
    ).toBe("Trustee");
    expect(
      span(
        "Ukrainian President Volodymyr Zelensky",
        "He later met Ukrainian President Volodymyr Zelensky in Kyiv.",
      ),
    ).toBe("Ukrainian President Volodymyr Zelensky");
  });
});

describe("spanCandidates", () => {
  const texts = (question: string, sentence: string) =>
    spanCandidates(readWording(question), [sentence]).map((c) => c.text);

  test("GIVEN a wire dateline THEN its place is no person and the agency's credit is no candidate", () => {
    const found = texts(
      "Who won the election?",
      "PORTO SELVE, Calvessa (Wire) — The opposition Movement for Renewal won Sunday's election.",
    );
    expect(found).not.toContain("Wire");
    const where = spanCandidates(readWording("Who won the election?"), [
      "PORTO SELVE, Calvessa (Wire) — The opposition Movement for Renewal won Sunday's election.",
    ]);
    expect(where.find((c) => c.text === "PORTO SELVE")).toBeDefined();
    expect(found).toContain("Movement for Renewal");
  });

  test("GIVEN a role the question names after a word it does not THEN the name after the role is a candidate", () => {
    const found = texts(
      "Who has been named acting trade minister?",
      "She named Deputy Trade Minister Hanna Borg-Eriksen as acting minister until a permanent replacement is chosen.",
    );
    expect(found).toContain("Hanna Borg-Eriksen");
    expect(found).not.toContain("She");
  });

  test("GIVEN a name the question names in full inside a longer name THEN nothing of it is a candidate", () => {
    const found = texts("What did Schumer say?", "Senate leader Chuck Schumer called it reckless.");
    expect(found.some((t) => t.includes("Chuck"))).toBe(false);
  });

  test("GIVEN a name ending in a word the question asks in lower case THEN the name before it is a candidate", () => {
    expect(
      texts("Which county is paying for the roads?", "Bexley County is paying for the new roads."),
    ).toContain("Bexley");
  });

  test("GIVEN two names joined by an ampersand THEN the whole company name is a candidate", () => {
    expect(
      texts("Which firm filed?", "The suit was filed by Penhallow & Finch on Monday."),
    ).toContain("Penhallow & Finch");
  });

  test("GIVEN two counts joined by 'and' THEN each is its own candidate, not a range", () => {
    const found = texts(
      "How many firefighters are assigned to the blaze?",
      "More than 1,150 firefighters, 14 helicopters and six air tankers were assigned to the blaze.",
    );
    expect(found).toContain("More than 1,150");
    expect(found).not.toContain("14 helicopters and six air");
  });

  test("GIVEN a year then a count joined by 'to' THEN the count stands alone, while a range of years is one", () => {
    expect(
      texts(
        "How many glaciers were lost?",
        "It brought the number declared lost since 2000 to 146.",
      ),
    ).toContain("146");
    expect(texts("When did it run?", "It ran from 2014 to 2018 in three towns.")).toContain(
      "from 2014 to 2018",
    );
  });

  test("GIVEN a time of day THEN it is a candidate for what time", () => {
    const found = spanCandidates(readWording("What time did the train derail?"), [
      "The train derailed at about 11:40 p.m. on Wednesday.",
    ]);
    expect(found.map((c) => c.text)).toContain("about 11:40 p.m");
  });

  test("GIVEN a race time with seconds THEN the whole time is a candidate, as a length of time", () => {
    const found = spanCandidates(readWording("What was her split at halfway?"), [
      "She ran in a lead pack of six women through halfway, which she passed in 1:10:31.",
    ]);
    expect(found.map((c) => c.text)).toContain("1:10:31");
    expect(found.find((c) => c.text === "1:10:31")?.shape).toBe("duration");
  });

  test("GIVEN a length of time given in several units THEN it is one candidate", () => {
    const found = texts(
      "How long did it take her?",
      "She won on Sunday, finishing in 2 hours, 21 minutes and 8 seconds despite a headwind.",
    );
    expect(found).toContain("2 hours, 21 minutes and 8 seconds");
    expect(
      texts("How many were hurt?", "It lasted 3 hours, and 40 people were hurt in the crush."),
    ).not.toContain("3 hours, and 40 people");
  });

  test("GIVEN a number word opening the sentence THEN it is a count, not a name", () => {
    const found = extractPhrase(readWording("How many cars came off the tracks?"), [
      "Twenty-three cars came off the tracks near the crossing.",
    ]);
    expect(found?.text).toBe("Twenty-three");
  });
});

describe("STOP_WORDS", () => {
  test("GIVEN the pronouns of either sex THEN both are stop words", () => {
    for (const w of ["he", "she", "him", "her", "himself", "herself", "his", "hers"])
      expect(STOP_WORDS.has(w), w).toBe(true);
  });
});

describe("answer's phrase", () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = await shippedIndex();
  });

  /** The span the extractor reads from the question's first passage, whatever its confidence. */
  function readFromFirst(question: string) {
    const wording = readWording(question);
    const first = answer(index, question).results[0];
    if (first === undefined) return null;
    const sentences = readingOrder(first.bestSentence, rankSentences(wording, first.text));
    return extractPhrase(wording, sentences);
  }

  const read = [
    { question: "Who issued the directive?", out: "Defense Secretary Pete Hegseth" },
    { question: "When did Russia's full-scale invasion begin?", out: "over three years ago" },
    { question: "Who is the National Security Adviser?", out: "Mike Waltz" },
  ] as const;
  for (const { question, out } of read) {
    test(`GIVEN "${question}" of the shipped story THEN it reads "${out}", shown only when confident enough`, () => {
      const found = readFromFirst(question);
      expect(found?.text).toBe(out);
      const shown = answer(index, question).phrase;
      expect(shown?.text ?? null).toBe(
        found !== null && found.confidence >= SHOW_CONFIDENCE ? out : null,
      );
    });
  }

  test("GIVEN who someone named is THEN another name of the sentence is never the bold answer", () => {
    for (const question of ["Who is Pete Hegseth?", "who is hegseth"]) {
      expect(answer(index, question).phrase?.text).not.toBe("US Cyber Command");
    }
  });

  const none = [
    "trump halt cyber operations russia",
    "what happened between trump and zelensky at the white house",
    // Once **President**: an event is told by a sentence, not a phrase of it.
    "what happened between trump and zelensky",
    "Why did Trump pause cyber operations?",
    "What happened?",
    "What did Putin say about the pause?",
  ] as const;
  for (const question of none) {
    test(`GIVEN "${question}" of the shipped story THEN it shows no phrase`, () => {
      expect(answer(index, question).phrase).toBeUndefined();
    });
  }
});

describe("a yes or no from a sentence that leaves the question open", () => {
  const SENTENCE =
    "Asher declined to say whether Lakemont would pay the ransom, citing the investigation.";
  const cases = [
    { question: "Did Lakemont end up paying the ransom?", open: true },
    { question: "Did Asher say whether Lakemont would pay the ransom?", open: false },
    { question: "Has Asher commented on the ransom?", open: false },
    { question: "Did the attack disrupt the emergency rooms?", open: false },
  ] as const;
  for (const { question, open } of cases) {
    test(`GIVEN "${question}" THEN the sentence ${open ? "leaves it open" : "does not leave it open"}`, () => {
      expect(leftOpen(readWording(question), SENTENCE)).toBe(open);
    });
  }

  // The names a question gives say whom it asks about, and stand outside the "whether" clause.
  const GROUP =
    "Harbor Street Growers Council president Ana Ruiz said the group would fight the bill but declined to say whether it would sue if the measure became law.";
  const named = [
    { question: "Did the Harbor Street Growers Council sue over the law?", open: true },
    { question: "Did Ana Ruiz attend the hearing?", open: false },
  ] as const;
  for (const { question, open } of named) {
    test(`GIVEN "${question}" of a sentence naming the group before "whether" THEN it ${open ? "is left open" : "is not left open"}`, () => {
      expect(leftOpen(readWording(question), GROUP)).toBe(open);
    });
  }

  // Asked whether something was granted, a sentence telling only that it was asked for.
  const sought = [
    {
      question: "Was the $450,000 grant approved?",
      sentence: "Quintero said her team has applied for a $450,000 grant to extend the study.",
      open: true,
    },
    {
      question: "Did the federal government approve the disaster declaration?",
      sentence: "The state had asked Washington for a federal disaster declaration on Monday.",
      open: true,
    },
    {
      question: "Was the $450,000 grant approved?",
      sentence: "Her team applied for a $450,000 grant, which the board approved in May.",
      open: false,
    },
    {
      question: "Did the team apply for a $450,000 grant?",
      sentence: "Quintero said her team has applied for a $450,000 grant to extend the study.",
      open: false,
    },
    {
      question: "Was the $450,000 grant approved?",
      sentence: "Quintero asked reporters to wait for the study, funded by a $450,000 grant.",
      open: false,
    },
  ] as const;
  for (const { question, sentence, open } of sought) {
    test(`GIVEN "${question}" THEN "${sentence}" ${open ? "leaves it open" : "does not leave it open"}`, () => {
      expect(leftOpen(readWording(question), sentence)).toBe(open);
    });
  }

  test("GIVEN a question the story reports as open THEN no yes or no is shown, though the passage is", () => {
    const index = newsIndex("19-hospital-ransomware-attack");
    const open = answer(index, "Did Lakemont end up paying the ransom?");
    expect(open.results[0]?.bestSentence).toContain("declined to say whether Lakemont would pay");
    expect(open.phrase).toBeUndefined();
    expect(open.outcome).toBe("uncertain");
    expect(open.refusal).toEqual({ kind: "left-open" });
    expect(uncertainText(open, 1)).toBe(
      "The story may not answer this (it says only that this is still open); the closest passages:",
    );
    const said = answer(index, "Did Asher say whether Lakemont would pay the ransom?");
    expect(said.phrase?.text).toBe("No");
    expect(said.refusal).toBeUndefined();
  });
});

describe("SQuAD's answer scoring, as npm run eval computes it", () => {
  test("GIVEN answers that differ in case, articles and punctuation THEN they normalise alike", () => {
    expect(normalizeAnswer("The  Denver Broncos!")).toBe("denver broncos");
  });

  test("GIVEN a partial answer THEN F1 counts the shared words", () => {
    expect(f1Score("the Denver Broncos", "Denver Broncos")).toBe(1);
    expect(f1Score("Broncos", "Denver Broncos")).toBeCloseTo(2 / 3, 10);
    expect(f1Score("Carolina Panthers", "Denver Broncos")).toBe(0);
  });
});

describe("asWritten", () => {
  const cases = [
    { sentence: "The plant will cost $1.2 million.", phrase: "1.2 million", out: "$1.2 million" },
    { sentence: "Saarinen owns 40% of Nordvik.", phrase: "40", out: "40%" },
    { sentence: "Fines rose to €12 million in 2023.", phrase: "12 million", out: "€12 million" },
    { sentence: "About 40 people came, 5% of them late.", phrase: "About 40", out: "About 40" },
    { sentence: "The fund, $5 million, was cut.", phrase: "fund", out: "fund" },
  ] as const;
  for (const { sentence, phrase, out } of cases) {
    test(`writes "${phrase}" of "${sentence}" as "${out}"`, () => {
      expect(asWritten(sentence, phrase)).toBe(out);
    });
  }
});
