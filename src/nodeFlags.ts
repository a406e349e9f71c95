/**
 * The Node flags every bot process runs with: `npm start` (package.json), the shards it spawns,
 * and the benchmarks' processes, so that what they time is what a served bot runs.
 */
export const NODE_FLAGS = [
  // One V8 background thread instead of Node's four. On a 2-core machine four threads compiling
  // hot functions and helping the garbage collector at once left the main thread waiting for a
  // core: 198 ms of a story bench process's 636 ms of main-thread CPU was spent runnable but not
  // running (/proc schedstat), in pauses of about 4 ms (one scheduler tick) that set the story's
  // answer() p99 (1.46–1.70 ms, 31–33 asks of 2,380 over 0.8 ms; with this flag 0.23–0.24 ms and
  // 1 ask, alternating runs). On more cores it costs the collector and compiler their parallelism.
  "--v8-pool-size=1",
] as const;
