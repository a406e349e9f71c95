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
  // A young generation of 16 MB a half, V8's largest by default. Each ask of a story allocates
  // about 80 KB, and a scavenge pauses 0.4-0.6 ms however little survives it: at 2 MB a half (chosen
  // in the sixth pass, when asks allocated far less) one ask in 22 paid one, which set the story's
  // answer() p99; at 16 MB about one in 150 does (1-3 ms). Bench processes, 2026-12-07, alternating,
  // median (range): story p99 0.87 (0.66-1.20) ms at 2 MB, 16 runs, against 0.68 (0.61-0.80) at 16,
  // 7 runs; 10k p50 2.13 (2.10-2.51) against 1.78 (1.70-1.90) ms, p99 12.0 (11.1-12.2) against 10.0
  // (10.0-11.1), 3 runs each; 100k, the runs with p50 under 5 ms (7 and 9), p50 4.7 (4.0-5.0)
  // against 4.0 (3.6-4.2) ms, but p99 14.5 (13.3-15.8) against 17.7 (16.4-19.1): an archive's
  // caches fill as it is asked, and a larger half copies what survives in longer pauses. RSS 25-35
  // MB more. Between them, four runs each: 8 MB, story p99 0.92-1.04 ms and 100k 15.1-17.3; 12 MB,
  // story 0.59-0.63 and 100k 17.4-17.7 (16 MB beside it 14.7-17.7). A scavenge's pause is what an
  // answer in progress holds live (36 KB): garbage alone is collected in 0.05 ms.
  "--max-semi-space-size=16",
] as const;
