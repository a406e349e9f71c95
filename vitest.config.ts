import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

// The committed-model refit tests take most of the suite's time (the phrase models' 110 s alone):
// started first, the other files run beside them instead of after them. On a fresh clone, where
// vitest orders files by size, the phrase refit started 27 s in and the suite took 188 s
// (2026-12-06).
const SLOWEST = ["phraseModel.test.ts", "calibration.test.ts"];

/** Vitest's order, with the slowest files first. */
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const at = SLOWEST.findIndex((name) => f.moduleId.endsWith(`/${name}`));
      return at < 0 ? SLOWEST.length : at;
    };
    // Array sort is stable: the other files keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

// The files that build the Redis cooldown in the test's own process: kept isolated, as
// rate-limiter-flexible's Redis limiter, in three of six whole-suite runs sharing modules, refused the
// memory limiter beside it as not its own kind; no pair of files run alone showed it, and the cause
// was not found (2026-12-06).
const ISOLATED = ["test/startup.test.ts", "test/redisCooldown.test.ts"];

export default defineConfig({
  test: {
    // Vitest runs one file fewer than there are cores; on the 2-core CI machines that is one at a
    // time, and the committed-model refit test alone takes 110 s. With both cores the suite took
    // 147 s against 238 s (2026-12-05).
    maxWorkers: availableParallelism(),
    sequence: { sequencer: SlowestFirst },
    projects: [
      {
        extends: true,
        // Each file imported every module afresh (WordNet, the word vectors, discord.js): 52 s of
        // imports in all, 14 s when a worker keeps them between files; the suite took 87 s instead
        // of 138 s (2026-12-06). No test mocks a module, and those that fake timers or set the
        // environment restore them after.
        test: { name: "shared", include: ["test/**/*.test.ts"], exclude: ISOLATED, isolate: false },
      },
      { extends: true, test: { name: "isolated", include: ISOLATED } },
    ],
  },
});
