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

export default defineConfig({
  test: {
    // Vitest runs one file fewer than there are cores; on the 2-core CI machines that is one at a
    // time, and the committed-model refit test alone takes 110 s. With both cores the suite took
    // 147 s against 238 s (2026-12-05).
    maxWorkers: availableParallelism(),
    sequence: { sequencer: SlowestFirst },
  },
});
