import { beforeAll, describe, expect, test } from "vitest";
import { answer } from "../src/answer/answer.ts";
import { readQuestion } from "../src/answer/question.ts";
import { answerTalkedAbout } from "../src/answer/talkedAbout.ts";
import type { AnswerOptions } from "../src/answer/types.ts";
import type { Story } from "../src/corpus/types.ts";
import { SearchIndex } from "../src/search/index.ts";
import { loadNews } from "./eval/newsData.ts";

// Four stories of the news test bed's fit split: two on one state budget, two on one chipmaker.
const BUDGET = "01-state-budget-teacher-pay";
const VETO = "02-governor-veto-school-funding";
const FACTORY = "11-chipmaker-new-factory";
const CUTS = "12-chipmaker-job-cuts";

let stories: Story[];
let index: SearchIndex;

beforeAll(async () => {
  const bed = await loadNews();
  stories = bed
    .filter((n) => [BUDGET, VETO, FACTORY, CUTS].includes(n.story.slug))
    .map((n) => n.story);
  index = SearchIndex.build(stories);
});

const inChannel = (
  question: string,
  story: string | null,
  options: AnswerOptions = { top: 3 },
  asked: SearchIndex = index,
) => answerTalkedAbout(asked, readQuestion(asked, question), options, story);

describe("answerTalkedAbout, with four stories in one corpus", () => {
  test("a question the corpus answers only uncertainly is answered from the story the channel talks about", () => {
    const question = "What did the mayor say about the announcement?";
    expect(answer(index, question).outcome).toBe("uncertain");
    for (const story of [FACTORY, CUTS]) {
      const { answer: kept, keptTo } = inChannel(question, story);
      expect(keptTo).toBe(story);
      expect(kept.outcome).toBe("answered");
      expect(kept.results.every((r) => r.citation.story === story)).toBe(true);
    }
  });

  test("a story that does not hold the answer more surely leaves the corpus's answer", () => {
    const question = "Who chairs the House Budget Committee?";
    const wide = answer(index, question);
    const { answer: same, keptTo } = inChannel(question, FACTORY);
    expect(keptTo).toBeNull();
    expect(same.results.map((r) => r.id)).toEqual(wide.results.map((r) => r.id));
    expect(inChannel(question, VETO).keptTo).toBe(VETO);
  });

  test("an answered question stands whatever the channel talks about", () => {
    const question = "How many jobs will the new chip plant create?";
    const wide = answer(index, question);
    expect(wide.outcome).toBe("answered");
    const { answer: same, keptTo } = inChannel(question, FACTORY);
    expect(keptTo).toBeNull();
    expect(same.results[0]?.citation.story).toBe(wide.results[0]?.citation.story);
  });

  test("a refused question stays refused", () => {
    const { answer: refused, keptTo } = inChannel(
      "What did Vladimir Putin say about the budget?",
      BUDGET,
    );
    expect(keptTo).toBeNull();
    expect(refused.outcome).toBe("refused");
  });

  test("no talked-about story, an unknown one, a story option or a later page answer as answer() does", () => {
    const question = "What did the mayor say about the announcement?";
    expect(inChannel(question, null).keptTo).toBeNull();
    expect(inChannel(question, "no-such-story").keptTo).toBeNull();
    const chosen = answerTalkedAbout(
      index,
      readQuestion(index, question),
      { top: 3, story: BUDGET },
      FACTORY,
    );
    expect(chosen.keptTo).toBeNull();
    expect(chosen.answer.results.every((r) => r.citation.story === BUDGET)).toBe(true);
    expect(inChannel(question, FACTORY, { top: 3, offset: 3 }).keptTo).toBeNull();
  });

  test("a request for the gist is answered with the talked-about story's opening, unless it asks for every story's", () => {
    const { answer: gist, keptTo } = inChannel("tl;dr?", CUTS);
    expect(keptTo).toBe(CUTS);
    expect(gist.results.map((r) => r.citation.story)).toEqual([CUTS, CUTS, CUTS]);
    expect(gist.results.map((r) => r.citation.paragraph)).toEqual([1, 2, 3]);
    const every = inChannel("what are the stories about?", CUTS);
    expect(every.keptTo).toBeNull();
    expect(new Set(every.answer.results.map((r) => r.citation.story)).size).toBe(3);
    expect(inChannel("tl;dr?", null).keptTo).toBeNull();
  });

  test("a corpus of one story keeps nothing to it", () => {
    const single = SearchIndex.build(stories.filter((s) => s.slug === FACTORY));
    const question = "What did the mayor say about the announcement?";
    expect(inChannel(question, FACTORY, { top: 3 }, single).keptTo).toBeNull();
  });
});
