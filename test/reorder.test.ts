import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { answer } from "../src/answer/answer.ts";
import { examine } from "../src/answer/examine.ts";
import { judge } from "../src/answer/outcome.ts";
import { readQuestion } from "../src/answer/question.ts";
import { shownOrder, WEIGHED_FOR_SHOWING } from "../src/answer/reorder.ts";
import { loadCorpus } from "../src/corpus/load.ts";
import { SearchIndex } from "../src/search/index.ts";
import type { Hit } from "../src/search/types.ts";
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

  test("shows a passage the search ranks past the first three when its meaning puts it among them", () => {
    const { searched, shown } = orders(
      newsIndex("12-chipmaker-job-cuts"),
      "Who leads the firm that's shedding staff?",
    );
    expect(searched).not.toContain(2);
    expect(shown).toContain(2);
  });

  test("weighs the confidence on the search's order, whichever passages it shows", () => {
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
      const asked = readQuestion(index, question);
      const found = examine(index, asked, { top: 3 });
      const given = answer(index, question, { top: 3 });
      const searched = found.ranked.filter((r) => r.coverage > 0).map((r) => r.hit.passage.id);
      const weighed = index
        .search(asked, { limit: WEIGHED_FOR_SHOWING })
        .hits.map((hit) => hit.passage.id);
      const shown = given.results.map((r) => r.id);
      for (const id of shown) expect(weighed).toContain(id);
      expect(given.confidence).toBe(judge(found).confidence);
      if (shown.join() !== searched.join()) reordered++;
    }
    expect(reordered).toBeGreaterThan(0);
  });

  test("orders only the search's first passages weighed for showing, and keeps the rest in its order", () => {
    const index = newsIndex("17-retail-chain-bankruptcy");
    const question = readQuestion(index, "Which states are the closing stores in?");
    const searched = index.search(question, { limit: 8 });
    const { hits } = searched;
    const ordered = shownOrder(question, searched).hits;
    expect(ordered.slice(WEIGHED_FOR_SHOWING)).toEqual(hits.slice(WEIGHED_FOR_SHOWING));
    const byScore = (a: Hit, b: Hit) => a.score - b.score;
    expect([...ordered.slice(0, WEIGHED_FOR_SHOWING)].sort(byScore)).toEqual(
      [...hits.slice(0, WEIGHED_FOR_SHOWING)].sort(byScore),
    );
    expect(shownOrder(question, { ...searched, hits: hits.slice(0, 1) }).hits).toEqual(
      hits.slice(0, 1),
    );
  });
});
