import { describe, expect, test } from "vitest";
import { extractPhrase, spanCandidates } from "../src/answer/extract.ts";
import committed from "../src/answer/phrase.json" with { type: "json" };
import {
  sureFeatures,
  YES_NO_FEATURES,
  YES_NO_SURE_FEATURES,
  yesNoFeatures,
} from "../src/answer/yesNo.ts";
import { readWording } from "../src/language/wording.ts";
import { fitLexical, fitRanking, fitWeighted } from "./eval/logistic.ts";
import { phraseData } from "./eval/phraseData.ts";
import { fitPhraseModel } from "./eval/phraseFit.ts";

describe("the committed phrase model", () => {
  test("is exactly what npm run fit-phrases fits on SQuAD tune and the news fit stories, with thresholds from the choose stories", async () => {
    const data = await phraseData();
    expect(fitPhraseModel(data.fit, data.choose)).toEqual(committed);
  }, 600_000);
});

describe("fitWeighted", () => {
  test("recovers the weights that generated the labels", () => {
    const samples: { x: number[]; y: 0 | 1; weight: number }[] = [];
    for (let x = -3; x <= 3; x += 0.25) {
      const p = 1 / (1 + Math.exp(-(2 * x - 1)));
      samples.push({ x: [x], y: 1, weight: p }, { x: [x], y: 0, weight: 1 - p });
    }
    const fit = fitWeighted(samples, ["x"], 0);
    expect(fit.weights[0]).toBeCloseTo(2, 2);
    expect(fit.intercept).toBeCloseTo(-1, 2);
  });
});

describe("fitRanking", () => {
  test("recovers the weights whose softmax gave each group's targets", () => {
    const groups = [];
    for (let g = 0; g < 40; g++) {
      const xs = [0, 1, 2].map((k) => [Math.sin(g + k), Math.cos(3 * g + k)]);
      const e = xs.map(([a = 0, b = 0]) => Math.exp(1.5 * a - 2 * b));
      const total = e.reduce((sum, v) => sum + v, 0);
      groups.push({ xs, targets: e.map((v) => v / total), weight: 1 });
    }
    const fit = fitRanking(groups, ["a", "b"], 0);
    expect(fit.weights[0]).toBeCloseTo(1.5, 2);
    expect(fit.weights[1]).toBeCloseTo(-2, 2);
    expect(fit.intercept).toBe(0);
  });
});

describe("fitLexical", () => {
  test("GIVEN groups whose right candidate always holds bucket 3 and never bucket 5 THEN bucket 3 weighs more than bucket 5, and an unseen bucket nothing", () => {
    const groups = [];
    for (let g = 0; g < 30; g++) {
      groups.push({
        offsets: [0, 0.5, 0.2],
        keys: [
          [3, (g % 2) + 10],
          [5, 11],
          [5, 12],
        ],
        targets: [1, 0, 0],
        weight: 1,
      });
    }
    const weights = fitLexical(groups, 16, 2, 1);
    expect(weights[3] ?? 0).toBeGreaterThan(0.5);
    expect(weights[5] ?? 0).toBeLessThan(-0.5);
    expect(weights[7]).toBe(0);
  });
});

describe("the noun a question asks about", () => {
  const cases = [
    { question: "How many tickets had been sold?", out: ["ticket"] },
    { question: "What kind of outlet did the bassist speak to?", out: ["outlet"] },
    { question: "Which gene variant raises the risk?", out: ["gene", "variant"] },
    { question: "What is the policy rate?", out: [] },
    { question: "Who won?", out: [] },
  ] as const;
  for (const { question, out } of cases) {
    test(`reads "${question}" as asking about ${out.length === 0 ? "no noun" : out.join(" ")}`, () => {
      expect([...readWording(question).askedNoun]).toEqual(out);
    });
  }
});

describe("spanCandidates", () => {
  const cases = [
    {
      sentence: "The fund will cost about $1.2 million over five years.",
      out: "about $1.2 million",
    },
    {
      sentence: "The clinic saw between 40 and 60 patients a day.",
      out: "between 40 and 60 patients a day",
    },
    { sentence: "Prices have risen since March, officials said.", out: "since March" },
    { sentence: "At least 40 homes were destroyed.", out: "At least 40 homes" },
    { sentence: "The war began over three years ago.", out: "over three years ago" },
    { sentence: "The talks were led by Rep. Renata Dorsey.", out: "Rep. Renata Dorsey" },
    { sentence: "The cameras go live Jan. 1, 2026, officials said.", out: "Jan. 1, 2026" },
    { sentence: "Closing sales begin Sept. 16 at every store.", out: "Sept. 16" },
    { sentence: "It puts the odds at about 1 in 3,000, she said.", out: "about 1 in 3,000" },
    { sentence: "The bar is the 1 in 1 million threshold.", out: "1 in 1 million" },
  ] as const;
  for (const { sentence, out } of cases) {
    test(`GIVEN "${sentence}" THEN "${out}" is a candidate, with its modifiers`, () => {
      const texts = spanCandidates(readWording("What was it?"), [sentence]).map((c) => c.text);
      expect(texts).toContain(out);
    });
  }

  test("GIVEN a date THEN its day is no count of its own", () => {
    const found = spanCandidates(readWording("When does collection begin?"), [
      "Collection begins July 1, 2027, and benefits start Jan. 1, 2028.",
    ]);
    expect(found.map((c) => c.text)).toContain("July 1, 2027");
    expect(found.filter((c) => c.shape === "quantity").map((c) => c.text)).toEqual([]);
  });

  test("GIVEN a role written before a name the question names THEN the role alone is a candidate", () => {
    const texts = spanCandidates(readWording("What is Mike Waltz's job?"), [
      "National Security Adviser Mike Waltz dismissed the suggestion.",
    ]).map((c) => c.text);
    expect(texts).toContain("National Security Adviser");
    expect(texts.some((t) => t.includes("Waltz"))).toBe(false);
  });
});

describe("spanKind", () => {
  const cases = [
    { question: "How big is the budget?", out: "number" },
    { question: "hw many school districts are there", out: "number" },
    { question: "veto deadline", out: "thing" },
    { question: "Who vetoed the fund?", out: "person" },
    { question: "Why was the fund vetoed?", out: null },
  ] as const;
  for (const { question, out } of cases) {
    test(`reads "${question}" as asking for ${out ?? "no phrase"}`, () => {
      expect(readWording(question).spanKind).toBe(out);
    });
  }
});

describe("extractPhrase for a yes/no question", () => {
  test("GIVEN a sentence that says the governor refused THEN the answer is No, with that sentence", () => {
    const sentence = "The governor refused to sign the bill and did not say why.";
    const phrase = extractPhrase(readWording("Did the governor sign the bill?"), [sentence]);
    expect(phrase).toMatchObject({ text: "No", kind: "no", sentence });
  });

  test("GIVEN a sentence that says the governor signed it THEN the answer is Yes", () => {
    const sentence = "The governor signed the bill on Tuesday.";
    const phrase = extractPhrase(readWording("Did the governor sign the bill?"), [sentence]);
    expect(phrase).toMatchObject({ text: "Yes", kind: "yes", sentence });
  });

  test("GIVEN a 'not' in another clause than the one asked about THEN the answer is still Yes", () => {
    const sentence =
      "The company has not yet received a decision on the grants, and executives said the plant opened in June.";
    const phrase = extractPhrase(readWording("Did the plant open in June?"), [sentence]);
    expect(phrase).toMatchObject({ text: "Yes", kind: "yes" });
  });
  test("GIVEN a question that asks whether it was cancelled, and a sentence that says so THEN the answer is Yes", () => {
    const sentence = "The 2020 race was cancelled during the pandemic.";
    const phrase = extractPhrase(readWording("Was the 2020 race cancelled?"), [sentence]);
    expect(phrase).toMatchObject({ text: "Yes", kind: "yes" });
  });
  test("GIVEN a question asking whether a vote was unanimous, and a sentence giving a split tally THEN the answer is No", () => {
    const sentence =
      "The Tallow County Board of Commissioners voted 4-1 on Tuesday to approve a five-year contract with Sentinel Optics.";
    const phrase = extractPhrase(readWording("Was the camera contract approved unanimously?"), [
      sentence,
    ]);
    expect(phrase).toMatchObject({ text: "No", kind: "no" });
  });
});

describe("yesNoFeatures", () => {
  const question = readWording("Did the senators approve the plan?");
  const at = (name: string) => YES_NO_FEATURES.indexOf(name);

  test("GIVEN a sentence with the opposite of the question's verb THEN it is read as an opposite", () => {
    const x = yesNoFeatures(question, ["The senators disapprove of the plan."]);
    expect(x[at("opposite of a question word in the clause")]).toBe(1);
    expect(
      yesNoFeatures(question, ["The senators approve the plan."])[
        at("opposite of a question word in the clause")
      ],
    ).toBe(0);
  });

  test("GIVEN a negation only in a clause without the question's words THEN it is not in the clause", () => {
    const x = yesNoFeatures(question, [
      "The senators approved the plan, which the mayor did not read.",
    ]);
    expect(x[at("negation in the clause")]).toBe(0);
    expect(x[at("negation elsewhere in the sentence")]).toBe(1);
  });

  test("GIVEN a negation that ends with its clause THEN it reaches no question word after it", () => {
    const talks = readWording("Have talks about a severance payment started?");
    const near = (sentence: string) =>
      yesNoFeatures(talks, [sentence])[at("negation before a question word")];
    expect(
      near(
        'His agent said the coach was "disappointed but not surprised" and that talks over a severance payment had begun.',
      ),
    ).toBe(0);
    expect(near("His agent said that talks over a severance payment had not started.")).toBe(1);
    expect(near("His agent said there were no talks over a severance payment.")).toBe(1);
  });

  test("GIVEN another ordinal than the question's THEN it is read as one", () => {
    const first = readWording("Is this her first film?");
    expect(
      yesNoFeatures(first, ["It is her second film."])[at("other ordinal than the question's")],
    ).toBe(1);
    expect(
      yesNoFeatures(first, ["It is her first film."])[at("other ordinal than the question's")],
    ).toBe(0);
  });
  test("GIVEN a unanimity asked and a tally with votes against THEN it is read as a split vote", () => {
    const unanimous = readWording("Was the board's vote unanimous?");
    const split = (sentence: string) =>
      yesNoFeatures(unanimous, [sentence])[at("split vote for a unanimity asked")];
    expect(split("The board voted 5-2 late Tuesday to close four branches.")).toBe(1);
    expect(split("The council approved it by a vote of 24 to 6.")).toBe(1);
    expect(split("The board voted 7-0 late Tuesday to close four branches.")).toBe(0);
    expect(split("The board voted unanimously, 7-0, to close four branches.")).toBe(0);
    expect(split("The board voted late Tuesday to close four branches.")).toBe(0);
    expect(
      yesNoFeatures(question, ["The senators voted 5-2 to approve the plan."])[
        at("split vote for a unanimity asked")
      ],
    ).toBe(0);
  });

  test("GIVEN a question asking whether it happened and a clause telling it as to come THEN it is read as to come", () => {
    const picked = readWording("Has Veridian picked its construction contractor yet?");
    const toCome = (asked: typeof picked, sentence: string) =>
      yesNoFeatures(asked, [sentence])[at("to come, asked as done")];
    expect(
      toCome(
        picked,
        "The company said it would name its construction contractor by the end of May.",
      ),
    ).toBe(1);
    expect(toCome(picked, "Veridian picked Harlan Builders as its construction contractor.")).toBe(
      0,
    );
    // Asked what is to come, a "would" answers it.
    expect(
      toCome(
        readWording("Will Veridian name its construction contractor by May?"),
        "The company said it would name its construction contractor by the end of May.",
      ),
    ).toBe(0);
  });
});

describe("sureFeatures", () => {
  const question = readWording("Did the senators approve the plan?");
  const at = (name: string) => YES_NO_SURE_FEATURES.indexOf(name);

  test("GIVEN a No read from a sentence that only leaves the question's words out THEN it is a No without a cue", () => {
    const x = yesNoFeatures(question, ["The mayor opened a new library downtown."]);
    expect(sureFeatures(0.28, x)[at("no without a cue")]).toBe(1);
  });

  test("GIVEN a No read from a sentence that says not THEN it is a No with a cue", () => {
    const x = yesNoFeatures(question, ["The senators did not approve the plan."]);
    expect(sureFeatures(0.1, x)[at("no without a cue")]).toBe(0);
  });

  test("GIVEN a Yes THEN it is never a No without a cue, and its lean is how far it reads from even", () => {
    const x = yesNoFeatures(question, ["The senators approved the plan."]);
    const sure = sureFeatures(0.9, x);
    expect(sure[at("no without a cue")]).toBe(0);
    expect(sure[at("lean")]).toBeCloseTo(0.8, 10);
    expect(sure.slice(2)).toEqual(x);
  });
});
