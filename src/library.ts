import { createHash } from "node:crypto";
import { type FSWatcher, watch as watchFolder } from "node:fs";
import { basename, extname } from "node:path";
import { performance } from "node:perf_hooks";
import { describeCutStories, loadCorpus, STORY_EXTENSIONS } from "./corpus/load.ts";
import type { CorpusProblem, Story } from "./corpus/types.ts";
import type { Logger as BotLogger } from "./log.ts";
import { SearchIndex } from "./search/index.ts";
import { loadOrBuildIndex } from "./search/store/snapshot.ts";

/** Where the library reports reloads and their problems: the bot's logger, `console`, or a test spy. */
export type Logger = Pick<BotLogger, "info" | "warn" | "error">;

/** Options for `Library.open`. */
export interface LibraryOptions {
  readonly corpusDir: string;
  /** Where to keep an index snapshot between runs; without it every load builds the index. */
  readonly snapshotPath?: string;
  /** Read story files whose real path lies outside the corpus folder (CORPUS_FOLLOW_LINKS); off by default. */
  readonly followLinks?: boolean;
  readonly logger: Logger;
  /**
   * Work done in the background on each index once it is served (checking the questions a refusal
   * suggests), until done or `served` turns false because a reload replaced it.
   */
  readonly prepare?: (index: SearchIndex, served: () => boolean) => Promise<void>;
}

/** Options for `Library.watch`. */
export interface WatchOptions {
  /** Quiet time after the last change before reloading, so a burst of saves is one reload. */
  readonly debounceMs: number;
  /** How often to try watching the folder again after it disappeared (default 1000 ms). */
  readonly rewatchMs?: number;
}

/** What the library serves: an index and the corpus problems found while loading it. */
export interface LibraryState {
  readonly index: SearchIndex;
  readonly problems: readonly CorpusProblem[];
  readonly loadedAt: Date;
}

/** The outcome of a reload: what changed, or why the old index is still being served. */
export type ReloadReport =
  | {
      readonly ok: true;
      readonly stories: number;
      readonly passages: number;
      /** Slugs of stories that are new, whose text or metadata changed, or that are gone. */
      readonly added: readonly string[];
      readonly changed: readonly string[];
      readonly removed: readonly string[];
      readonly problems: readonly CorpusProblem[];
      readonly source: "snapshot" | "built";
      readonly durationMs: number;
    }
  | {
      readonly ok: false;
      readonly error: string;
      /** Stories and passages of the index still being served. */
      readonly stories: number;
      readonly passages: number;
      readonly durationMs: number;
    };

const DEFAULT_REWATCH_MS = 1000;

/**
 * Holds the current search index of a corpus folder and replaces it when the folder changes.
 *
 * A reload loads and indexes the corpus off to the side and swaps it in one assignment, so a
 * question never sees a half-built index; if the new corpus cannot be used, the old index stays.
 *
 * @example
 * const library = await Library.open({ corpusDir: "corpus", logger: console });
 * const stop = library.watch({ debounceMs: 300 });
 * answer(library.current().index, "Who ordered the pause?");
 */
export class Library {
  private state: LibraryState;
  // The served stories' digests, worked out when a reload first compares them with the new ones:
  // at start-up that would read every passage text of a snapshot that keeps them in its file.
  private servedDigests: () => ReadonlyMap<string, string>;
  private running: Promise<ReloadReport> | null = null;
  private queued: Promise<ReloadReport> | null = null;

  private constructor(
    private readonly options: LibraryOptions,
    state: LibraryState,
    served: readonly Story[],
  ) {
    this.state = state;
    this.servedDigests = () => digestStories(served);
  }

  /**
   * Loads the corpus (from the snapshot when it is current) and returns a library serving it.
   *
   * @throws CorpusError when the corpus folder cannot be used: start-up should stop and say why.
   */
  static async open(options: LibraryOptions): Promise<Library> {
    const loaded = await load(options);
    const state = { index: loaded.index, problems: loaded.problems, loadedAt: new Date() };
    const library = new Library(options, state, loaded.stories);
    const { logger } = options;
    logger.info(
      `Loaded ${stories(loaded.stories.length)}, ${loaded.index.size} passages from ${options.corpusDir} (${loaded.detail})`,
    );
    warnAbout(loaded, logger);
    library.verifyLater(loaded);
    library.prepareLater(loaded.index);
    return library;
  }

  /** Starts the configured background work on a newly served index. */
  private prepareLater(index: SearchIndex): void {
    const { prepare, logger } = this.options;
    if (prepare === undefined) return;
    prepare(index, () => this.state.index === index).catch((error: unknown) =>
      logger.warn(`Could not prepare the index in the background: ${error}`),
    );
  }

  /**
   * Checks in the background the story files a snapshot was trusted for by size and time; a file
   * edited without changing either makes the library reload (the snapshot is gone by then).
   */
  private verifyLater(loaded: Loaded): void {
    void loaded.verify().then(
      (change) => {
        if (change === null) return;
        this.options.logger.warn(`${change}; reloading`);
        void this.reload();
      },
      (error: unknown) => this.options.logger.warn(`Could not check the corpus files: ${error}`),
    );
  }

  /** The index and problems being served now; one object, so the two always belong together. */
  current(): LibraryState {
    return this.state;
  }

  /** True while a reload is loading or indexing the corpus. */
  get reloading(): boolean {
    return this.running !== null;
  }

  /**
   * Loads the corpus again and swaps in the new index. Never rejects: a failure is in the report.
   *
   * Reloads never overlap. A call during a reload queues one more (calls during that wait share
   * it), because the running one may have read the folder before the latest change.
   */
  reload(): Promise<ReloadReport> {
    if (this.queued !== null) return this.queued;
    if (this.running !== null) {
      this.queued = this.running.then(() => {
        this.queued = null;
        return this.startReload();
      });
      return this.queued;
    }
    return this.startReload();
  }

  /**
   * Reloads when a story file in the corpus folder changes, once per burst of changes.
   *
   * @returns a function that stops watching.
   */
  watch(options: WatchOptions): () => void {
    const { logger, corpusDir } = this.options;
    const folderName = basename(corpusDir);
    let watcher: FSWatcher | null = null;
    let debounce: NodeJS.Timeout | null = null;
    let rewatch: NodeJS.Timeout | null = null;
    let stopped = false;

    const schedule = (): void => {
      if (debounce !== null) clearTimeout(debounce);
      debounce = setTimeout(() => {
        debounce = null;
        if (!stopped) void this.reload();
      }, options.debounceMs);
    };
    const lose = (why: string): void => {
      watcher?.close();
      watcher = null;
      if (stopped || rewatch !== null) return;
      logger.warn(`Stopped seeing changes in ${corpusDir} (${why}); watching for it to come back`);
      schedule();
      rewatch = setInterval(() => {
        if (open()) {
          if (rewatch !== null) clearInterval(rewatch);
          rewatch = null;
          logger.info(`Watching ${corpusDir} again`);
          schedule();
        }
      }, options.rewatchMs ?? DEFAULT_REWATCH_MS);
    };
    const open = (): boolean => {
      try {
        watcher = watchFolder(corpusDir, (_event, file) => {
          if (file === folderName) {
            // Linux reports the watched folder under its own name when it is deleted or moved;
            // this watcher will see nothing more.
            lose("the folder was moved or deleted");
          } else if (file === null || isStoryFileName(file)) {
            schedule();
          }
        });
        watcher.on("error", (error) => lose(error.message));
        return true;
      } catch {
        return false;
      }
    };

    if (!open()) lose("it cannot be watched");
    else logger.info(`Watching ${corpusDir} for changes`);
    return () => {
      stopped = true;
      if (debounce !== null) clearTimeout(debounce);
      if (rewatch !== null) clearInterval(rewatch);
      watcher?.close();
      watcher = null;
    };
  }

  private startReload(): Promise<ReloadReport> {
    const run = this.run().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async run(): Promise<ReloadReport> {
    const { logger, corpusDir } = this.options;
    const started = performance.now();
    try {
      const loaded = await load(this.options);
      const digests = digestStories(loaded.stories);
      const changes = compareDigests(this.servedDigests(), digests);
      this.state = { index: loaded.index, problems: loaded.problems, loadedAt: new Date() };
      this.servedDigests = () => digests;
      const report: ReloadReport = {
        ok: true,
        stories: loaded.stories.length,
        passages: loaded.index.size,
        ...changes,
        problems: loaded.problems,
        source: loaded.source,
        durationMs: elapsed(started),
      };
      logger.info(
        `Reloaded ${corpusDir}: ${stories(report.stories)}, ${report.passages} passages${describeChanges(report)} in ${report.durationMs} ms (${loaded.detail})`,
      );
      warnAbout(loaded, logger);
      this.verifyLater(loaded);
      this.prepareLater(loaded.index);
      return report;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const { index } = this.state;
      logger.error(
        `Reload of ${corpusDir} failed; still serving the previous ${stories(index.stories.length)}: ${message}`,
      );
      return {
        ok: false,
        error: message,
        stories: index.stories.length,
        passages: index.size,
        durationMs: elapsed(started),
      };
    }
  }
}

interface Loaded {
  readonly index: SearchIndex;
  readonly stories: readonly Story[];
  readonly problems: readonly CorpusProblem[];
  readonly source: "snapshot" | "built";
  readonly detail: string;
  readonly verify: () => Promise<string | null>;
}

async function load(options: LibraryOptions): Promise<Loaded> {
  const { corpusDir, snapshotPath, logger } = options;
  const followLinks = options.followLinks ?? false;
  if (snapshotPath === undefined) {
    const { stories, problems } = await loadCorpus(corpusDir, { followLinks });
    const index = SearchIndex.build(stories);
    return {
      index,
      stories,
      problems,
      source: "built",
      detail: "built, no snapshot configured",
      verify: async () => null,
    };
  }
  const loaded = await loadOrBuildIndex({ corpusDir, snapshotPath, followLinks });
  if (loaded.saveError !== null) logger.warn(loaded.saveError);
  const detail = loaded.source === "snapshot" ? "from snapshot" : `built: ${loaded.reason}`;
  return { ...loaded, detail };
}

/** Logs each story file that was skipped and each story that was cut short. */
function warnAbout(loaded: Loaded, logger: Logger): void {
  for (const problem of loaded.problems) logger.warn(`Skipped a story: ${problem.message}`);
  for (const warning of describeCutStories(loaded.stories))
    logger.warn(`Cut a story short: ${warning}`);
}

/** A digest of everything a reader sees of each story, by slug, to tell which stories changed. */
function digestStories(stories: readonly Story[]): Map<string, string> {
  const digests = new Map<string, string>();
  for (const story of stories) {
    const { title, source, url, date, passages } = story;
    const json = JSON.stringify([title, source, url, date, passages]);
    digests.set(story.slug, createHash("sha256").update(json).digest("hex"));
  }
  return digests;
}

function compareDigests(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): { added: string[]; changed: string[]; removed: string[] } {
  const added: string[] = [];
  const changed: string[] = [];
  for (const [slug, digest] of after) {
    const previous = before.get(slug);
    if (previous === undefined) added.push(slug);
    else if (previous !== digest) changed.push(slug);
  }
  const removed = [...before.keys()].filter((slug) => !after.has(slug));
  return { added, changed, removed };
}

function describeChanges(report: {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}): string {
  const parts = [
    report.added.length > 0 ? `added ${report.added.join(", ")}` : null,
    report.changed.length > 0 ? `changed ${report.changed.join(", ")}` : null,
    report.removed.length > 0 ? `removed ${report.removed.join(", ")}` : null,
  ].filter((part) => part !== null);
  return parts.length > 0 ? ` (${parts.join("; ")})` : " (no story changed)";
}

function isStoryFileName(name: string): boolean {
  if (name.startsWith(".")) return false;
  return (STORY_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

/** "1 story", "2 stories". */
function stories(count: number): string {
  return `${count} ${count === 1 ? "story" : "stories"}`;
}
