import { beforeAll, describe, expect, test } from "vitest";
import { answer } from "../src/answer/answer.ts";
import { SearchIndex } from "../src/search/index.ts";
import { type AfterKind, afterCounts, askedAfter, loadAfterSets } from "./eval/afterReply.ts";
import { loadNews } from "./eval/newsData.ts";

// Floors for the after-reply sets (test/fixtures/news/after/), each asked of its stories in one
// corpus right after its replies: a little under what the code reached on 2026-12-07. E (read
// while building): paragraphs asked for shown 14 of 15, follow-ups' right paragraph 41 of 48,
// corrections 13 of 18, document 9 of 9, small talk 9 of 14, other 7 of 12 (at 17fc99f, before
// it was written: 0, 41, 13, 9, 9, 7).
const FLOORS: Record<string, Record<AfterKind, number>> = {
  E: { paragraph: 13, followup: 39, correction: 12, document: 8, smalltalk: 8, other: 6 },
};

const sets = loadAfterSets();
let news: Awaited<ReturnType<typeof loadNews>>;

beforeAll(async () => {
  news = await loadNews();
});

function indexOf(stories: readonly string[]): SearchIndex {
  return SearchIndex.build(news.filter((n) => stories.includes(n.story.slug)).map((n) => n.story));
}

for (const set of sets) {
  describe(`GIVEN after-reply set ${set.set} asked of its ${set.stories.length} stories in one corpus`, () => {
    let counts: ReturnType<typeof afterCounts>;

    beforeAll(() => {
      counts = afterCounts(set, indexOf(set.stories));
    });

    const floors = FLOORS[set.set];
    test("THEN the set has floors", () => {
      expect(floors).toBeDefined();
    });
    for (const [kind, floor] of Object.entries(floors ?? {}) as [AfterKind, number][]) {
      test(`THEN at least ${floor} of its ${kind} messages get what they ask for`, () => {
        expect(counts[kind].met).toBeGreaterThanOrEqual(floor);
      });
    }
  });
}

describe("askedAfter", () => {
  test("GIVEN an uncertain reply THEN 'full paragraph?' is the paragraph it cited, and 'para 9' is read in its story", () => {
    const set = sets.find((s) => s.set === "E");
    const index = indexOf(set?.stories ?? []);
    const first = answer(index, "Which court does the state plan to appeal to?", { top: 3 });
    expect(first.outcome).toBe("uncertain");
    const cited = first.results[0]?.citation;
    expect(askedAfter(index, first, "full paragraph?")).toEqual({
      kind: "paragraph",
      story: cited?.story,
      paragraph: cited?.paragraph,
    });
    expect(askedAfter(index, first, "para 9 pls")).toEqual({
      kind: "paragraph",
      story: cited?.story,
      paragraph: 9,
    });
  });
});
