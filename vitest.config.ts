import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Vitest runs one file fewer than there are cores; on the 2-core CI machines that is one at a
    // time, and the committed-model refit test alone takes 110 s. With both cores the suite took
    // 147 s against 238 s (2026-12-05).
    maxWorkers: availableParallelism(),
  },
});
