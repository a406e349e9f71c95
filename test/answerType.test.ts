import { describe, expect, test } from "vitest";
import {
  expectedAnswer,
  givesAgeOf,
  givesNameOf,
  holdsAnswerType,
  namedThing,
} from "../src/language/answerType.ts";
import { termsOf } from "../src/language/text.ts";

describe("expectedAnswer", () => {
  const cases = [
    { question: "How many staff could be affected?", out: { type: "number", explicit: true } },
    { question: "how much military aid was sent", out: { type: "number", explicit: true } },
    { question: "What percentage of voters agreed?", out: { type: "number", explicit: true } },
    { question: "What year did the war begin?", out: { type: "year", explicit: true } },
    { question: "on what date was it ordered", out: { type: "date", explicit: true } },
    { question: "What time period does it cover?", out: { type: "time", explicit: true } },
    { question: "how long ago did russia invade", out: { type: "time", explicit: true } },
    { question: "How long will the pause last?", out: { type: "duration", explicit: true } },
    { question: "When was the pause confirmed?", out: { type: "time", explicit: false } },
    { question: "when exactly did hegseth sign it", out: { type: "date", explicit: true } },
    { question: "On what exact date was it issued?", out: { type: "date", explicit: true } },
    { question: "Exactly how many staff are affected?", out: { type: "figure", explicit: true } },
    { question: "how old is the coach anyway", out: { type: "age", explicit: true } },
    { question: "What is Vandrell's age?", out: { type: "age", explicit: true } },
    { question: "at what age did she retire", out: { type: "age", explicit: true } },
    { question: "What stage is the bill at?", out: null },
    {
      question: "What's the name of the ship they sailed on?",
      out: { type: "name", explicit: true },
    },
    { question: "How much was Huddlepost fined?", out: { type: "number", explicit: true } },
    { question: "how much more do the containers cost", out: { type: "number", explicit: true } },
    { question: "How did Democrats react?", out: null },
    { question: "Who issued the directive?", out: null },
  ] as const;
  for (const { question, out } of cases) {
    test(`reads "${question}" as asking for ${out === null ? "no kind of answer" : `a ${out.type}`}`, () => {
      expect(expectedAnswer(question)).toEqual(out);
    });
  }
});

describe("holdsAnswerType", () => {
  const cases = [
    { text: "The invasion began over three years ago.", type: "number", out: true },
    { text: "It could impact numerous personnel.", type: "number", out: true },
    { text: "Prices rose 12% in 1974.", type: "number", out: true },
    { text: "No specific reasons were provided.", type: "number", out: false },
    { text: "It could impact numerous personnel.", type: "figure", out: false },
    { text: "It could impact 300 personnel.", type: "figure", out: true },
    { text: "It could impact three hundred personnel.", type: "figure", out: true },
    { text: "It will be monitored in the coming weeks.", type: "time", out: true },
    { text: "The oil crisis began in October 1973.", type: "time", out: true },
    { text: "Talks resumed on 3 March.", type: "time", out: true },
    { text: "Officials may confirm the pause.", type: "time", out: false },
    { text: "The embargo lasted five months.", type: "duration", out: true },
    { text: "A full-scale invasion began over three years ago.", type: "duration", out: true },
    { text: "Democrats criticised the strategy.", type: "duration", out: false },
    { text: "The oil crisis began in October 1973.", type: "year", out: true },
    { text: "The invasion began over three years ago.", type: "year", out: false },
    { text: "Talks resumed on Monday.", type: "date", out: true },
    { text: "The oil crisis began in October 1973.", type: "date", out: true },
    { text: "The invasion began over three years ago.", type: "date", out: false },
    { text: "The coach, Tomas Brevik, 47, was dismissed.", type: "age", out: true },
    { text: "A 22-year-old was tackled outside the store.", type: "age", out: true },
    { text: "Sculptures dating from the 12th century were returned.", type: "age", out: true },
    { text: "The council voted 6-3 in 2024 to approve 47 homes.", type: "age", out: false },
    { text: "Brevik was dismissed after seven straight defeats.", type: "age", out: false },
  ] as const;
  for (const { text, type, out } of cases) {
    test(`${out ? "finds" : "finds no"} ${type} in "${text}"`, () => {
      expect(holdsAnswerType(text, type)).toBe(out);
    });
  }
});

describe("givesAgeOf", () => {
  const marathon = [
    "Ethiopia's Hirut Woldemariam broke the women's course record on Sunday.",
    "The 27-year-old cut 74 seconds off the previous mark of 2:22:22, set by Britain's Annabel Crewe-Holt in 2019.",
  ];
  const cases = [
    { sentences: ["Vandrell, 58, denied any wrongdoing."], name: "Vandrell", out: true },
    {
      sentences: ["Deputies detained Darius Kemp, a 22-year-old landscaper, outside a station."],
      name: "Kemp",
      out: true,
    },
    { sentences: ["It promoted 19-year-old striker Owen Pascoe."], name: "Pascoe", out: true },
    { sentences: ["She retired at age 61, Dana Ruiz said."], name: "Ruiz", out: true },
    {
      sentences: [
        "Her daughter, 12, was unhurt, said neighbour Tom Reyes, who called firefighters.",
      ],
      name: "Reyes",
      out: false,
    },
    { sentences: marathon, name: "Woldemariam", out: true },
    { sentences: marathon, name: "Crewe-Holt", out: false },
    {
      sentences: ["The 12th-century bridge was closed, Mayor Ann Lutz said."],
      name: "Lutz",
      out: false,
    },
  ] as const;
  for (const { sentences, name, out } of cases) {
    test(`${out ? "finds" : "does not find"} ${name}'s age in "${sentences.at(-1)}"`, () => {
      expect(givesAgeOf(sentences, new Set(termsOf(name)))).toBe(out);
    });
  }
});

describe("namedThing", () => {
  const cases = [
    { question: "What is the name of the deckhand who was seriously hurt?", out: ["deckhand"] },
    { question: "What was the name of the research vessel used?", out: ["research", "vessel"] },
    { question: "wat was the name of the tugboat pushing the barge", out: ["tugboat", "push"] },
    { question: "What's the name of Lucía Mamani's husband?", out: ["husband"] },
    { question: "What is the name of the Liberty Star's captain?", out: ["captain"] },
    { question: "Who owns the port?", out: [] },
  ] as const;
  for (const { question, out } of cases) {
    test(`reads "${question}" as asking the name of ${out.length === 0 ? "nothing" : out.join(" ")}`, () => {
      expect(namedThing(question)).toEqual(out);
    });
  }
});

describe("givesNameOf", () => {
  const cases = [
    {
      sentences: ["The crew boarded the research vessel Halcyon Reach in Lisbon."],
      thing: "research vessel",
      out: true,
    },
    {
      sentences: ["A deckhand was seriously hurt, the Coast Guard said."],
      thing: "deckhand",
      out: false,
    },
    // Its words apart, in sentences of their own, say nothing of it.
    {
      sentences: ["The vessel docked.", "Research resumed in May."],
      thing: "research vessel",
      out: null,
    },
    { sentences: ["The Harbour Ledger reported it first."], thing: "deckhand", out: null },
    // A place after "in" says where they are, not what they are called.
    {
      sentences: ["The owner of two cafes in the Old Mill district agreed."],
      thing: "cafes",
      out: false,
    },
    { sentences: ["The farm, Brekke Dairy, is in Marathon County."], thing: "farm", out: true },
  ] as const;
  for (const { sentences, thing, out } of cases) {
    test(`says ${out} for the name of the ${thing} in "${sentences.join(" ")}"`, () => {
      expect(givesNameOf(sentences, new Set(termsOf(thing)))).toBe(out);
    });
  }

  test("GIVEN a name the question gives itself THEN it is not the name asked", () => {
    const sentences = [
      "The chief executive, Alan Pruitt, whose grandfather opened the first store, spoke.",
    ];
    const grandfather = new Set(termsOf("grandfather"));
    expect(givesNameOf(sentences, grandfather)).toBe(true);
    expect(givesNameOf(sentences, grandfather, new Set(termsOf("Alan Pruitt")))).toBe(false);
  });
});
