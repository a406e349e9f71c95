import { describe, expect, test } from "vitest";
import { runScript } from "./support/run.ts";
import { WALK_GOAL, WALK_QUESTIONS, type Walk, walkOf } from "./tools/walk.ts";

describe("walkOf", () => {
  test("GIVEN a question that goes back to language and to a file it left THEN it counts one climb and one return", () => {
    const walk = walkOf([
      { file: "answer/answer.ts", name: "answer", reading: true },
      { file: "language/wording.ts", name: "readWording", reading: true },
      { file: "language/wording.ts", name: "asksForSummary", reading: true },
      { file: "search/index.ts", name: "search", reading: false },
      { file: "answer/examine.ts", name: "weighHits", reading: false },
      { file: "language/attribution.ts", name: "reportedTerms", reading: false },
      { file: "answer/examine.ts", name: "coverage", reading: false },
    ]);
    expect(walk.steps.map((s) => s.file)).toEqual([
      "answer/answer.ts",
      "language/wording.ts",
      "search/index.ts",
      "answer/examine.ts",
      "language/attribution.ts",
      "answer/examine.ts",
    ]);
    expect([walk.climbs, walk.returns]).toEqual([1, 1]);
  });

  test("GIVEN a second climb while reading THEN only the first is excused", () => {
    const walk = walkOf([
      { file: "answer/question.ts", name: "readQuestion", reading: true },
      { file: "language/wording.ts", name: "readWording", reading: true },
      { file: "search/analysis.ts", name: "analyze", reading: true },
      { file: "language/text.ts", name: "namesOf", reading: true },
    ]);
    expect([walk.climbs, walk.returns]).toEqual([1, 0]);
  });
});

/** Runs the walk tool as `npx tsx test/tools/walk.ts --json` does. */
async function measure(): Promise<{ label: string; question: string; walk: Walk }[]> {
  const run = await runScript("test/tools/walk.ts", ["--json"]);
  if (run.code !== 0) throw new Error(`walk.ts exited with ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe("the walk of answer()'s question", async () => {
  const walks = await measure();
  test("GIVEN every representative question THEN each has a walk", () => {
    expect(walks.map((w) => w.label)).toEqual(WALK_QUESTIONS.map((q) => q.label));
  });
  for (const { label, walk } of walks) {
    test(`GIVEN the ${label} question THEN it climbs back at most ${WALK_GOAL.climbs} times and returns at most ${WALK_GOAL.returns} times`, () => {
      const path = walk.steps.map((s) => s.file).join(" → ");
      expect({ climbs: walk.climbs, returns: walk.returns, path }).toMatchObject({
        climbs: expect.toSatisfy((n: number) => n <= WALK_GOAL.climbs),
        returns: expect.toSatisfy((n: number) => n <= WALK_GOAL.returns),
      });
    });
  }
});
