import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { answer } from "../src/answer/answer.ts";
import { examine } from "../src/answer/examine.ts";
import { judge } from "../src/answer/outcome.ts";
import { readQuestion } from "../src/answer/question.ts";
import { SHOWN_FIRST, shownOrder } from "../src/answer/reorder.ts";
import { loadCorpus } from "../src/corpus/load.ts";
import { SearchIndex } from "../src/search/index.ts";
import { newsIndex } from "./support/stories.ts";

/** The paragraphs of the passages the search ranks first, and of those an answer shows, in order. */
function orders(index: SearchIndex, question: string): { searched: number[]; shown: number[] } {
  const searched = examine(index, readQuestion(index, question), { top: 3 })
    .ranked.filter((r) => r.coverage > 0)
    .map((r) => r.hit.passage.paragraph);
  const shown = answer(index, question, { top: 3 }).results.map((r) => r.citation.paragraph);
  return { searched, shown };
}

describe("shownOrder", () => {
  test.each([
    {
      why: "the passage naming the attorney asked about",
      story: "10-sheriff-body-camera-policy",
      question: "Who is Darius Kemp's attorney?",
      paragraph: 7,
    },
    {
      why: "a reworded question's answer, a name the extractor finds beside the union",
      story: "01-state-budget-teacher-pay",
      question: "Who's the head of the main instructors' union there?",
      paragraph: 7,
    },
    {
      why: "for a why question no phrase answers, the passage closest in meaning word by word",
      story: "18-central-bank-rate-hike",
      question: "Why did Holtz want a smaller increase?",
      paragraph: 4,
    },
  ])("shows first $why, which the search ranks lower", ({ story, question, paragraph }) => {
    const { searched, shown } = orders(newsIndex(story), question);
    expect(searched[0]).not.toBe(paragraph);
    expect(shown[0]).toBe(paragraph);
  });

  test("keeps first the search's first passage when it offers a phrase confident enough to show", () => {
    const given = answer(
      newsIndex("02-governor-veto-school-funding"),
      "How big was the school repair fund that got vetoed?",
      { top: 3 },
    );
    expect(given.results[0]?.citation.paragraph).toBe(1);
    expect(given.phrase?.text).toBe("$310 million");
  });

  test("shows no phrase from a passage only the extractor's confidence put first", () => {
    const index = newsIndex("51-bank-fined-over-overdraft-fees");
    const question = "how much was each overdraft fee lol";
    const { searched, shown } = orders(index, question);
    expect(shown[0]).not.toBe(searched[0]);
    const given = answer(index, question, { top: 3 });
    const order = shownOrder(readQuestion(index, question), index.search(question, { limit: 3 }));
    expect(order.readFirst?.paragraph).toBe(shown[0]);
    expect(given.phrase).toBeUndefined();
  });

  test("does not read a headline for a phrase: its capitals look like names", async () => {
    const { stories } = await loadCorpus(join(import.meta.dirname, "..", "corpus"));
    const index = SearchIndex.build(stories);
    const { shown } = orders(index, "Who gave the order to stop cyber operations against Russia?");
    expect(shown[0]).toBe(3);
  });

  test("shows the passages the search's order shows, with the confidence weighed on that order", () => {
    const index = newsIndex("17-retail-chain-bankruptcy");
    const questions = [
      "Which states are the closing stores in?",
      "By how much did holiday sales fall?",
      "Who's the boss of the apparel firm that got stiffed?",
      "wait how much do they owe",
      "Did the company close stores?",
    ];
    let reordered = 0;
    for (const question of questions) {
      const found = examine(index, readQuestion(index, question), { top: 3 });
      const given = answer(index, question, { top: 3 });
      const searched = found.ranked.filter((r) => r.coverage > 0).map((r) => r.hit.passage.id);
      const shown = given.results.map((r) => r.id);
      expect([...shown].sort()).toEqual([...searched].sort());
      expect(given.confidence).toBe(judge(found).confidence);
      if (shown.join() !== searched.join()) reordered++;
    }
    expect(reordered).toBeGreaterThan(0);
  });

  test("orders only the first passages an answer shows, and keeps the rest in the search's order", () => {
    const index = newsIndex("17-retail-chain-bankruptcy");
    const question = readQuestion(index, "Which states are the closing stores in?");
    const searched = index.search(question, { limit: 6 });
    const { hits } = searched;
    const ordered = shownOrder(question, searched).hits;
    expect(ordered.slice(SHOWN_FIRST)).toEqual(hits.slice(SHOWN_FIRST));
    expect([...ordered.slice(0, SHOWN_FIRST)].sort((a, b) => a.score - b.score)).toEqual(
      [...hits.slice(0, SHOWN_FIRST)].sort((a, b) => a.score - b.score),
    );
    expect(shownOrder(question, { ...searched, hits: hits.slice(0, 1) }).hits).toEqual(
      hits.slice(0, 1),
    );
  });
});
