import { describe, expect, test } from "vitest";
import { pendingOutcome } from "../src/answer/pending.ts";
import { readWording } from "../src/language/wording.ts";

describe("pendingOutcome", () => {
  const scheduled =
    "A judge is scheduled to hear Lumenfold's motion to dismiss the case on Nov. 19.";
  const cases = [
    {
      question: "What did the judge decide on the motion to dismiss?",
      sentence: scheduled,
      out: true,
    },
    {
      question: "What was decided at the April 14 hearing on Friday child care?",
      sentence:
        "The board will hold a public hearing on the Friday child-care program on Tuesday, April 14, and is expected to vote in May.",
      out: true,
    },
    // Put on a calendar without "is": "scheduled … for", "the next scheduled meeting".
    {
      question: "What did Judge Osterhout decide at the July 21 hearing?",
      sentence:
        "U.S. District Judge Raymond Osterhout scheduled a hearing on the bureau's request for a preliminary injunction for July 21.",
      out: true,
    },
    {
      question: "What did the bank decide at its May 21 meeting?",
      sentence:
        "The board's next scheduled meeting is on May 21, and Dravicek said he did not rule out another increase.",
      out: true,
    },
    // A record set for something is no date set.
    {
      question: "What did Texas set a new record for?",
      sentence:
        "Texas set a new record for electricity demand on Tuesday as a heat wave drove temperatures above 110 degrees.",
      out: false,
    },
    // Told as done, it is answered.
    {
      question: "What did the judge decide on the motion to dismiss?",
      sentence: "A judge denied Lumenfold's motion to dismiss the case on Nov. 19.",
      out: false,
    },
    // Asked when, or yes or no, a future in the story answers it ("not yet").
    {
      question: "When will the judge hear the motion to dismiss?",
      sentence: scheduled,
      out: false,
    },
    // Asked yes or no in the past of something still to come, when the question's words follow
    // the word telling it as to come.
    {
      question: "Did Judge Prewitt approve the financing at the Wednesday hearing?",
      sentence:
        "A first-day hearing is scheduled for Wednesday before U.S. Bankruptcy Judge Eleanor Prewitt, who is expected to rule on access to the new financing.",
      out: true,
    },
    // Any clause holding half the question's words, not only the one holding most: here the
    // group's name holds as many.
    {
      question: "Did Bexley Water Watch get the public hearing it asked for?",
      sentence:
        "A residents' group, Bexley Water Watch, warned that the plant could draw down the local aquifer and said it would ask the county for a public hearing.",
      out: true,
    },
    {
      question: "Did Keresi concede defeat?",
      sentence:
        "Keresi conceded defeat in a brief televised address early Monday and said he would stay on as party leader.",
      out: false,
    },
    {
      question: "Has Veridian picked its general construction contractor yet?",
      sentence:
        "The company said it would name its general construction contractor by the end of May.",
      out: false,
    },
    // What someone said may well be a "would".
    {
      question: "What did Lanford say about severance for the closing stores?",
      sentence:
        "Lanford said the company would offer severance to full-time employees at closing stores.",
      out: false,
    },
    // The future is in a clause of the sentence the question's words are not in.
    {
      question: "What did the judge decide on the motion to dismiss?",
      sentence: "The judge denied the motion to dismiss, and the trial will begin in March.",
      out: false,
    },
    // Asked what was done, any clause holding one of its words and telling it as to come or under
    // way leaves it open.
    {
      question: "What did the 2nd Circuit end up ruling?",
      sentence:
        "A three-judge panel of the 2nd U.S. Circuit Court of Appeals in Manhattan questioned both sides for about 50 minutes but gave no indication of when it would rule.",
      out: true,
    },
    {
      question: "What did the investigation find caused the gas plants to fail?",
      sentence:
        "She declined to say whether the plants had failed because of the heat or because of maintenance problems, saying an investigation had begun.",
      out: true,
    },
    // The verb telling it as to come may follow an aside, its subject holding the question's words.
    {
      question: "What did the independent review of the late cellphone alert conclude?",
      sentence:
        "An independent review of the late cellphone alert, which the mayor requested in July, is expected by the end of October.",
      out: true,
    },
    {
      question: "What did the independent review of the late cellphone alert conclude?",
      sentence:
        "An independent review of the late cellphone alert, which the mayor requested in July, found that the county had sent it 40 minutes late.",
      out: false,
    },
    // "Ongoing" before a noun tells of no outcome under way.
    {
      question: "What did the Trump administration order?",
      sentence:
        "In a surprising move, the Trump administration has ordered a pause in its offensive cyber operations against Russia as part of an overarching diplomatic effort to resolve the ongoing conflict in Ukraine.",
      out: false,
    },
  ] as const;
  for (const { question, sentence, out } of cases) {
    test(`${out ? "reads" : "does not read"} "${question}" as left open by "${sentence}"`, () => {
      expect(pendingOutcome(readWording(question), sentence)).toBe(out);
    });
  }
});
