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
  // A young generation of at most 2 MB a half instead of V8's 16: a scavenge copies what survives
  // it, and the caches a large corpus fills as it is asked survive, so a full 16 MB half held pauses
  // of several ms that set the tail. Scale bench, three runs each, alternating (load 0.4-1.0):
  // 100k answer() p99 6.6-7.7 against 8.3-9.3 ms, 10k 1.5-2.0 against 3.4-4.9 ms, RSS after
  // preparation 30 MB less; the story's p99 0.26-0.29 against 0.21-0.23 ms (4 MB: 0.25-0.30,
  // 6.4-8.1, 2.0-2.2; 8 MB: 0.24-0.26, 6.1-8.4, 2.7-3.0).
  "--max-semi-space-size=2",
] as const;
