import { beforeAll, describe, expect, test } from "vitest";
import { answer } from "../src/answer/answer.ts";
import {
  answersAsItStands,
  asideLine,
  leansOnContext,
  pointsBack,
  remark,
  smallTalk,
  smallTalkLine,
  takenIn,
} from "../src/answer/conversation.ts";
import {
  answerFollowUp,
  type FollowUpContext,
  followUpContext,
  followUpContextAfter,
  isCurrent,
  resolveFollowUp,
  stampOf,
} from "../src/answer/followUp.ts";
import { QuestionError } from "../src/answer/types.ts";
import { parseStory } from "../src/corpus/load.ts";
import {
  decodeFollowUp,
  decodeSuggestion,
  encodeFollowUp,
  encodeSuggestion,
} from "../src/discord/customId.ts";
import { SearchIndex } from "../src/search/index.ts";
import { shippedIndex } from "./support/bot.ts";

let index: SearchIndex;
beforeAll(async () => {
  index = await shippedIndex();
});

function contextOf(question: string): FollowUpContext {
  const context = followUpContext(answer(index, question));
  if (context === null) throw new Error(`no context for "${question}"`);
  return context;
}

describe("followUpContext", () => {
  test("GIVEN an answer naming who did it THEN the context is its story, paragraph and that name", () => {
    expect(contextOf("Who issued the directive?")).toEqual({
      story: "trump-halts-cyber-operations",
      paragraph: 3,
      subject: "Defense Secretary Pete Hegseth",
      topic: "issued directive",
      stamp: stampOf(index.passagesOf("trump-halts-cyber-operations")[3]?.text ?? ""),
    });
  });

  test("GIVEN 'Who is X?' THEN the subject is X as the story writes it, not the question's spelling", () => {
    expect(contextOf("Who is Mike Waltz?").subject).toBe("National Security Adviser Mike Waltz");
  });

  test("GIVEN a yes/no answer THEN its subject is who or what was asked about: neither its Yes or No nor a run of capitals across two sentences ('Ukraine. Officials')", () => {
    const subject = contextOf("Did officials give a reason for the pause?").subject;
    expect(["Yes", "No"]).not.toContain(subject);
    expect(subject.toLowerCase()).toContain("officials");
    expect(subject).not.toContain(". ");
  });

  test("GIVEN a question about a date written 'Nov. 3' THEN the month is no subject: the question's words are", () => {
    const story = parseStory(
      "vote.md",
      "# Judge blocks law\n\nHELENA, Mont. (Wire) — A federal judge on Thursday blocked the voter law before the Nov. 3 election.\n\nThe state will appeal the ruling.\n",
    );
    const own = SearchIndex.build([story]);
    const asked = "why was the law blocked before the Nov. 3 election?";
    expect(followUpContext(answer(own, asked))?.subject).toBe("law blocked nov 3 election");
  });

  test("GIVEN a refusal THEN there is no context to follow up on", () => {
    expect(followUpContext(answer(index, "What is the capital of France?"))).toBeNull();
  });
});

describe("resolveFollowUp", () => {
  const context: FollowUpContext = {
    story: "s",
    paragraph: 4,
    subject: "Renata Dorsey",
    topic: "renata dorsey",
    stamp: "0000",
  };
  const cases = [
    {
      said: "what's she gonna do about it?",
      means: "what's Renata Dorsey gonna do about it? renata dorsey",
    },
    { said: "why?", means: "why? renata dorsey" },
    {
      said: "What did they vote on last year?",
      means: "What did Renata Dorsey vote on last year?",
    },
  ] as const;
  for (const { said, means } of cases) {
    test(`GIVEN "${said}" THEN it is asked as "${means}"`, () => {
      expect(resolveFollowUp(context, said)).toBe(means);
    });
  }
});

describe("answerFollowUp", () => {
  test("GIVEN 'why did he do it?' after 'Who issued the directive?' THEN it answers from ¶3 first", () => {
    const followed = answerFollowUp(
      index,
      contextOf("Who issued the directive?"),
      "why did he do it?",
    );
    expect(followed.question).toBe("why did he do it?");
    expect(followed.results[0]?.citation.paragraph).toBe(3);
    expect(followed.outcome).not.toBe("refused");
  });

  test("GIVEN 'what did he call it?' after Schumer's answer THEN ¶7, where Schumer speaks, comes first", () => {
    const followed = answerFollowUp(
      index,
      contextOf("What did Schumer say?"),
      "what did he call it?",
    );
    expect(followed.results[0]?.citation.paragraph).toBe(7);
  });

  test("GIVEN an empty or over-long follow-up THEN it throws the question check's message", () => {
    const context = contextOf("Who issued the directive?");
    expect(() => answerFollowUp(index, context, "  ")).toThrow(
      new QuestionError("The question is empty: type a question about the story."),
    );
    expect(() => answerFollowUp(index, context, "why ".repeat(60))).toThrow(
      "The question is 239 characters long; the limit is 200. Ask something shorter.",
    );
  });
});

describe("followUpContextAfter", () => {
  test("GIVEN a follow-up's answer THEN its own follow-ups still mean whom the first answer named", () => {
    const first = contextOf("Who issued the directive?");
    for (const asked of ["how old is he?", "why did he do it?", "when?"]) {
      const next = followUpContextAfter(answerFollowUp(index, first, asked), first);
      expect({ asked, subject: next?.subject }).toEqual({ asked, subject: first.subject });
    }
  });

  test("GIVEN a follow-up asking about something else by name THEN that is what comes next", () => {
    const first = contextOf("Who issued the directive?");
    const next = followUpContextAfter(answerFollowUp(index, first, "what did Rubio say?"), first);
    expect(next?.subject).toMatch(/rubio/i);
  });
});

describe("isCurrent", () => {
  test("GIVEN the cited paragraph unchanged THEN the context is current, and with another stamp it is stale", () => {
    const context = contextOf("Who issued the directive?");
    expect(isCurrent(index, context)).toBe(true);
    expect(isCurrent(index, { ...context, stamp: "zzzz" })).toBe(false);
    expect(isCurrent(index, { ...context, story: "gone" })).toBe(false);
  });
});

describe("encodeFollowUp and decodeFollowUp", () => {
  const state = {
    story: "trump-halts-cyber-operations",
    paragraph: 3,
    subject: "Defense Secretary Pete Hegseth",
    topic: "issued directive",
    stamp: "ygz3",
    private: true,
  };

  test("GIVEN a context THEN it round-trips through a button's and a modal's custom_id", () => {
    const button = encodeFollowUp(state, "button");
    expect(button).toBe(
      "fu:p:ygz3:3:trump-halts-cyber-operations:Defense Secretary Pete Hegseth|issued directive",
    );
    expect(decodeFollowUp(button ?? "", "button")).toEqual(state);
    expect(decodeFollowUp(encodeFollowUp(state, "modal") ?? "", "modal")).toEqual(state);
  });

  test("GIVEN a long subject and topic THEN they are cut at words to fit 100 characters", () => {
    const long = { ...state, subject: "word ".repeat(30), topic: "other ".repeat(30) };
    const id = encodeFollowUp(long, "button") ?? "";
    expect(id.length).toBeLessThanOrEqual(100);
    expect(decodeFollowUp(id, "button")?.subject).toMatch(/^(?:word ?)+$/u);
  });

  const damaged = [
    "fu:p:ygz3:3:trump-halts-cyber-operations",
    "fu:x:ygz3:3:story:a|b",
    "fu:p:YGZ3:3:story:a|b",
    "fq:p:ygz3:3:story:a|b",
    `fu:p:ygz3:3:story:${"a".repeat(100)}|b`,
  ];
  for (const id of damaged) {
    test(`GIVEN the damaged button custom_id ${JSON.stringify(id.slice(0, 40))} THEN it decodes to null`, () => {
      expect(decodeFollowUp(id, "button")).toBeNull();
    });
  }
});

describe("encodeSuggestion and decodeSuggestion", () => {
  test("GIVEN a suggested question THEN it round-trips, and one too long for a custom_id is not offered", () => {
    const state = { private: false, story: null, question: "What is the story about?" };
    expect(decodeSuggestion(encodeSuggestion(state) ?? "")).toEqual(state);
    expect(encodeSuggestion({ ...state, question: "x".repeat(95) })).toBeNull();
  });
});

describe("smallTalk", () => {
  const cases = [
    { text: "thanks bot", kind: "thanks" },
    { text: "hi", kind: "greeting" },
    { text: "good bot", kind: "praise" },
    { text: "lol", kind: "laugh" },
    { text: "ok", kind: "ok" },
    { text: "Who issued the directive?", kind: null },
    { text: "thanks, who is Rubio", kind: null },
    { text: "help", kind: "help" },
    { text: "help?", kind: "help" },
    { text: "i need help pls", kind: "help" },
    { text: "what commands does this bot have", kind: "help" },
    { text: "thanks! help", kind: "help" },
    { text: "what commands did Hegseth give", kind: null },
    { text: "can you help me understand the pause", kind: null },
    { text: "ok?", kind: null },
    { text: "gn yall", kind: "bye" },
    { text: "good night folks", kind: "bye" },
    { text: "good morning everyone ☀️", kind: "greeting" },
    { text: "hey guys", kind: "greeting" },
    { text: "thanks y'all", kind: "thanks" },
    { text: "hey guys, who is the mayor", kind: null },
    { text: "that's wrong", kind: "doubt" },
    { text: "no thats not right lol", kind: "doubt" },
    { text: "you're wrong bot", kind: "doubt" },
    { text: "not helpful", kind: "doubt" },
    { text: "is that wrong?", kind: null },
    { text: "what was wrong with the map", kind: null },
    { text: "thats right", kind: "ok" },
    { text: "makes sense", kind: "ok" },
    { text: "fair enough", kind: "ok" },
    { text: "exactly", kind: "ok" },
    { text: "is that right", kind: null },
    { text: "was it true", kind: null },
    { text: "interesting", kind: "reaction" },
    { text: "wow crazy story", kind: "reaction" },
    { text: "damn", kind: "reaction" },
    { text: "good point", kind: "praise" },
    { text: "crazy how fast the dam failed", kind: null },
    { text: "what was the right call", kind: null },
    { text: "👍", kind: "ok" },
    { text: "🔥🔥", kind: "praise" },
    { text: "how do i use this", kind: "help" },
    { text: "how do you work", kind: null },
    { text: "testing 123", kind: "ok" },
    { text: "bad bot", kind: "doubt" },
    { text: "no thats not what i asked", kind: "doubt" },
    { text: "ok that makes sense now thank you", kind: "thanks" },
    { text: "how do i use the new fare cards", kind: null },
    { text: "how do i ask it something", kind: "help" },
    { text: "what can i ask you", kind: "help" },
    { text: "what can i ask about the budget", kind: null },
    { text: "sounds good", kind: "ok" },
    { text: "that makes no sense", kind: "doubt" },
    { text: "makes sense", kind: "ok" },
    { text: "ur the best", kind: "praise" },
    { text: "ok but thats wrong", kind: "doubt" },
    { text: "try again", kind: "doubt" },
    { text: "hello?", kind: "greeting" },
    { text: "brb", kind: "bye" },
    { text: "rip", kind: "reaction" },
    { text: "rip current warnings", kind: null },
  ] as const;
  for (const { text, kind } of cases) {
    test(`GIVEN "${text}" THEN it is ${kind ?? "not small talk"}`, () => {
      expect(smallTalk(text)).toBe(kind);
    });
  }
});

describe("leansOnContext", () => {
  const cases = [
    { text: "what did he say about it?", word: "he" },
    { text: "and what about the UK?", word: "and what about" },
    { text: "why did it happen?", word: "it" },
    { text: "What did Schumer say about his plan?", word: null },
    { text: "What is it about?", word: null },
    { text: "Who issued the directive?", word: null },
    { text: "Where did the students hold their rally?", word: null },
    { text: "How many days does he have to lodge an appeal?", word: null },
    { text: "What else was the train hauling besides the chemicals?", word: null },
    { text: "who even sings for them", word: "them" },
    { text: "why?", word: "why" },
    { text: "how much?", word: "how much" },
    { text: "What happened?", word: null },
  ] as const;
  for (const { text, word } of cases) {
    test(`GIVEN "${text}" THEN it leans on ${word === null ? "nothing" : `"${word}"`}`, () => {
      expect(leansOnContext(text)).toBe(word);
    });
  }
});

describe("pointsBack", () => {
  test("GIVEN a question naming someone only by a pronoun THEN it points back with that pronoun", () => {
    expect(pointsBack("how far off the record was he?")).toBe("he");
    expect(pointsBack("what reasons did she give for the pause")).toBe("she");
    expect(pointsBack("did they ever reach a deal with the union")).toBe("they");
  });

  test("GIVEN a name given, or no pronoun THEN it points back to no one", () => {
    expect(pointsBack("what did Schumer say about him")).toBeNull();
    expect(pointsBack("what did the governor veto")).toBeNull();
    expect(pointsBack("thanks bot")).toBeNull();
  });
});

describe("answersAsItStands", () => {
  test("GIVEN 'where did they meet' THEN the shipped story answers it as it stands (the White House meeting)", () => {
    expect(answersAsItStands(index, "where did they meet")).toBe(true);
  });

  test("GIVEN 'what did he say about it?' THEN nothing answers it as it stands", () => {
    expect(answersAsItStands(index, "what did he say about it?")).toBe(false);
  });
});

describe("takenIn", () => {
  const channel = (last: FollowUpContext | null, story: string | null = null) => ({
    story,
    talked: last?.story ?? null,
    last,
  });

  test("GIVEN a question leaning on the channel's last answer THEN it follows that answer up", () => {
    const last = contextOf("Who issued the directive?");
    expect(takenIn(index, "why did he do it?", channel(last))).toEqual({
      kind: "follow-up",
      context: last,
    });
  });

  test("GIVEN the same question asked of another story THEN it follows nothing up and asks who is meant", () => {
    const last = contextOf("Who issued the directive?");
    const taken = takenIn(index, "why did he do it?", channel(last, "another-story"));
    expect(taken).toEqual({ kind: "aside", aside: { kind: "leans", on: "he" } });
  });

  test("GIVEN a question leaning on nothing the channel answered THEN it asks who is meant", () => {
    expect(takenIn(index, "why did he do it?", channel(null))).toEqual({
      kind: "aside",
      aside: { kind: "leans", on: "he" },
    });
  });

  test("GIVEN 'full paragraph?' THEN it shows the paragraph the channel's last answer cited", () => {
    const last = contextOf("Who issued the directive?");
    const taken = takenIn(index, "full paragraph?", channel(last));
    expect(taken.kind === "aside" && taken.aside.kind === "paragraph").toBe(true);
    if (taken.kind !== "aside" || taken.aside.kind !== "paragraph") return;
    expect(taken.aside.parts.map((p) => p.paragraph)).toEqual([last.paragraph]);
  });

  test("GIVEN a question naming someone only as 'he', with words of its own, right after an answer THEN it follows that answer up; with nothing answered, it is a question", () => {
    const last = contextOf("Who issued the directive?");
    const text = "what reasons did he give for the cyber pause";
    expect(takenIn(index, text, channel(last))).toEqual({ kind: "follow-up", context: last });
    expect(takenIn(index, text, channel(null))).toEqual({ kind: "question" });
  });

  test("GIVEN a question standing on its own THEN it is a question for the stories, whatever the channel answered", () => {
    const last = contextOf("Who issued the directive?");
    expect(takenIn(index, "What did Zelensky say?", channel(last))).toEqual({ kind: "question" });
  });
});

describe("smallTalkLine", () => {
  test("GIVEN a doubt about the answer before THEN it says sorry and where to check, quoting no story", () => {
    expect(smallTalkLine("doubt")).toBe(
      "Sorry if I got that wrong. I quote the story word for word and cite the paragraph, so you can check it there, or ask again in other words.",
    );
  });
});

describe("asideLine", () => {
  test("GIVEN small talk THEN it gives the one friendly line", () => {
    expect(asideLine(index, "thanks bot")).toBe(
      "You're welcome! Ask me anything else about the story.",
    );
  });

  test("GIVEN a question leaning on an earlier one THEN it asks who or what is meant", () => {
    expect(asideLine(index, "what did he say about it?")).toBe(
      "I answer each question on its own, so I can't tell what “he” means here: say who or what you mean.",
    );
  });

  test("GIVEN a question leaning on an earlier one that the stories answer as it stands THEN it gives no line", () => {
    expect(asideLine(index, "where did they meet", { outcome: () => "answered" })).toBeNull();
    expect(asideLine(index, "where did they meet", { outcome: () => "uncertain" })).toMatch(
      /can't tell what “they”/,
    );
  });

  test("GIVEN small talk THEN whether the stories answer it is not asked", () => {
    expect(asideLine(index, "thanks bot", { outcome: () => "answered" })).toBe(
      "You're welcome! Ask me anything else about the story.",
    );
  });

  test("GIVEN a question that stands alone THEN it gives no line, so the question is answered", () => {
    expect(asideLine(index, "Who issued the directive?")).toBeNull();
  });

  test("GIVEN a remark the stories refuse THEN it says what the bot answers, and one they do not refuse gets no line", () => {
    const line =
      "I can only answer questions about the story: ask me one, and I'll quote where it says so.";
    expect(
      asideLine(index, "ngl this whole thing is kinda scary", { outcome: () => "refused" }),
    ).toBe(line);
    expect(
      asideLine(index, "ngl this whole thing is kinda scary", { outcome: () => "uncertain" }),
    ).toBeNull();
    expect(asideLine(index, "interim ceo", { outcome: () => "refused" })).toBeNull();
  });
});

describe("remark", () => {
  test.each([
    ["glad nobody died at least", true],
    ["reno politics always a mess smh", true],
    ["i think the pause was a mistake", true],
    ["interim ceo", false],
    ["who issued the directive", false],
    ["i wonder who won", false],
    ["bought my tix lol am i screwed", false],
    ["my boss texts me after 10pm is that even legal lol", false],
    ["should i buy the stock", false],
    ["voters lacking ID", false],
    ["ngl this is scary?", false],
  ] as const)("GIVEN %j THEN it is %s a remark", (text, out) => {
    expect(remark(text)).toBe(out);
  });
});
