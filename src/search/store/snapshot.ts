import { randomBytes } from "node:crypto";
import { type FileHandle, mkdir, open, realpath, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { crc32 } from "node:zlib";
import { loadCorpus } from "../../corpus/load.ts";
import type { CorpusProblem, Story } from "../../corpus/types.ts";
import { SearchIndex } from "../index.ts";
import { encodePayload } from "./codec.ts";
import { type PayloadSummary, readFirstLine, readPayload } from "./fileRead.ts";
import {
  type CorpusFile,
  type CorpusFingerprint,
  currentSettings,
  describeCorpusChange,
  describeSettingsChange,
  fingerprintCorpus,
  hashFile,
  hashUnknown,
  listChange,
  recognizeFiles,
  type SearchSettings,
  sameListing,
  statCorpus,
} from "./fingerprint.ts";
import { isRecord } from "./payload.ts";

/**
 * Layout of the snapshot file itself; a file with another format is rebuilt. A JSON header line,
 * then the binary payload of `encodePayload`, checked by its CRC-32. Format 6: the passage texts
 * last, read from the file when asked for.
 */
export const SNAPSHOT_FORMAT = 6;

/** First key of every snapshot header, so that any other JSON file is recognised as foreign. */
export const SNAPSHOT_MAGIC = "story-qa-bot/search-index-snapshot";

/** Bytes read at a time while looking for the end of a snapshot's header line. */

/** Options for `loadOrBuildIndex`. */
export interface LoadOrBuildOptions {
  readonly corpusDir: string;
  readonly snapshotPath: string;
  /** Read story files whose real path lies outside the corpus folder (CORPUS_FOLLOW_LINKS). */
  readonly followLinks?: boolean;
  /** The settings a snapshot must match; the running code's (`currentSettings()`) by default. */
  readonly settings?: SearchSettings;
}

/** An index ready to search, the stories and problems of its corpus, and where it came from. */
export interface LoadedIndex {
  readonly index: SearchIndex;
  readonly stories: readonly Story[];
  readonly problems: readonly CorpusProblem[];
  readonly source: "snapshot" | "built";
  /** Why the snapshot was used, or why it was not (missing, corrupt, foreign, stale). */
  readonly reason: string;
  /** Why a freshly built index could not be saved, or null. Start-up goes on either way. */
  readonly saveError: string | null;
  /**
   * For an index from the snapshot: hashes the story files it trusted by size and modification
   * time and resolves with what changed (having removed the snapshot), or null when none did.
   */
  readonly verify: () => Promise<string | null>;
}

/** A snapshot read from disk: either the index it holds or why it cannot be trusted. */
export type SnapshotRead =
  | {
      readonly ok: true;
      readonly index: SearchIndex;
      readonly stories: readonly Story[];
      readonly problems: readonly CorpusProblem[];
    }
  | { readonly ok: false; readonly reason: string };

interface SnapshotHeader {
  readonly magic: typeof SNAPSHOT_MAGIC;
  readonly format: number;
  readonly createdAt: string;
  readonly settings: SearchSettings;
  readonly corpus: CorpusFingerprint;
  readonly payload: PayloadSummary;
}

/**
 * Loads the index from the snapshot when it was built from this exact corpus with these settings;
 * otherwise loads the corpus, builds the index and rewrites the snapshot.
 *
 * A missing, corrupt, truncated, foreign or stale snapshot is never trusted and never fatal: it is
 * rebuilt, and `reason` says what was wrong with it.
 *
 * @throws CorpusError when the index has to be built and the corpus folder cannot be used.
 * @example const { index, source, reason } = await loadOrBuildIndex({ corpusDir: "corpus", snapshotPath: ".cache/index.json" });
 */
export async function loadOrBuildIndex(options: LoadOrBuildOptions): Promise<LoadedIndex> {
  const settings = options.settings ?? (await currentSettings());
  const followLinks = options.followLinks ?? false;
  const listed = await statCorpus(options.corpusDir).catch(() => null);
  let reason = `corpus folder ${options.corpusDir} cannot be listed`;
  let corpus: CorpusFingerprint | null = null;
  if (listed !== null) {
    const recorded = await readSnapshotCorpus(options.snapshotPath);
    const known = recognizeFiles(listed, recorded);
    corpus = await hashUnknown(options.corpusDir, known.fingerprint, known.trusted, followLinks);
    const read = await readSnapshot(options.snapshotPath, { settings, corpus });
    if (read.ok) {
      const trusted = corpus.files.filter((file) => known.trusted.has(file.name));
      return {
        index: read.index,
        stories: read.stories,
        problems: read.problems,
        source: "snapshot",
        reason: `snapshot ${options.snapshotPath} matches the corpus (${corpus.files.length} files) and settings`,
        saveError: null,
        verify: () => verifyTrusted(options.corpusDir, options.snapshotPath, trusted, followLinks),
      };
    }
    reason = read.reason;
  }
  // Throws CorpusError with the fix when the folder is missing or no story loads.
  const { stories, problems } = await loadCorpus(options.corpusDir, { followLinks });
  const index = SearchIndex.build(stories);
  let saveError: string | null = null;
  if (corpus !== null) {
    // A file edited while we read the corpus would leave the snapshot labelled with content it
    // does not hold; skip saving and let the next start build again.
    const after = await fingerprintCorpus(options.corpusDir, followLinks).catch(() => null);
    if (after !== null && sameListing(corpus, after)) {
      saveError = await saveSnapshot(options.snapshotPath, {
        index,
        problems,
        settings,
        corpus: after,
      });
    } else {
      saveError = `snapshot ${options.snapshotPath} not written: the corpus changed while it was being indexed`;
    }
  }
  return { index, stories, problems, source: "built", reason, saveError, verify: async () => null };
}

/** The corpus a snapshot's header records, or null when there is no readable header. */
async function readSnapshotCorpus(path: string): Promise<CorpusFingerprint | null> {
  let file: FileHandle;
  try {
    file = await open(path, "r");
  } catch {
    return null;
  }
  try {
    const { size } = await file.stat();
    const header: unknown = JSON.parse((await readFirstLine(file, size)).text);
    return isRecord(header) && isHeader(header) ? header.corpus : null;
  } catch {
    return null;
  } finally {
    await file.close();
  }
}

/**
 * Hashes the files a snapshot was trusted for; when one differs from its record (an edit that kept
 * the size and modification time), removes the snapshot so the next load builds, and says what.
 */
async function verifyTrusted(
  dir: string,
  snapshotPath: string,
  trusted: readonly CorpusFile[],
  followLinks: boolean,
): Promise<string | null> {
  const realDir = await realpath(dir);
  const changed: string[] = [];
  for (const file of trusted) {
    const now = await hashFile(dir, realDir, file.name, followLinks);
    if (now.sha256 !== file.sha256) changed.push(file.name);
  }
  if (changed.length === 0) return null;
  await rm(snapshotPath, { force: true });
  return `snapshot ${snapshotPath} removed: ${listChange("edited", changed)} since it was built, with the same size and time`;
}

/**
 * Writes a snapshot atomically (temporary file, then rename), so a crash never leaves half a file.
 *
 * @returns null when saved, or why it could not be saved.
 */
export async function saveSnapshot(
  path: string,
  snapshot: {
    readonly index: SearchIndex;
    readonly problems: readonly CorpusProblem[];
    readonly settings: SearchSettings;
    readonly corpus: CorpusFingerprint;
  },
): Promise<string | null> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const body = encodePayload({ index: snapshot.index.toData(), problems: snapshot.problems });
    let bytes = 0;
    let checksum = 0;
    for (const chunk of body) {
      bytes += chunk.length;
      checksum = crc32(chunk, checksum);
    }
    const header: SnapshotHeader = {
      magic: SNAPSHOT_MAGIC,
      format: SNAPSHOT_FORMAT,
      createdAt: new Date().toISOString(),
      settings: snapshot.settings,
      corpus: snapshot.corpus,
      payload: { bytes, crc32: checksum },
    };
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, [Buffer.from(`${JSON.stringify(header)}\n`), ...body]);
    await rename(temporary, path);
    return null;
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    return `snapshot ${path} could not be written: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Reads a snapshot and checks, in order, that it is ours, of this format, built with these settings
 * from this corpus, complete and uncorrupted; only then is its index restored.
 */
export async function readSnapshot(
  path: string,
  expected: { readonly settings: SearchSettings; readonly corpus: CorpusFingerprint },
): Promise<SnapshotRead> {
  let file: FileHandle;
  try {
    file = await open(path, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return fail(`no snapshot at ${path}`);
    return fail(`snapshot ${path} cannot be read (${code ?? String(error)})`);
  }
  // An index whose passage texts stay in the file keeps it open, closed once nothing can read them.
  const kept = { file: false };
  try {
    return await readOpenSnapshot(file, path, expected, kept);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(`snapshot ${path} cannot be read (${code ?? String(error)})`);
  } finally {
    if (!kept.file) await file.close();
  }
}

// The header is read and checked on its own first, so a stale snapshot is rejected without
// reading (or checking) its index, which is about 600 bytes per passage.
async function readOpenSnapshot(
  file: FileHandle,
  path: string,
  expected: { readonly settings: SearchSettings; readonly corpus: CorpusFingerprint },
  kept: { file: boolean },
): Promise<SnapshotRead> {
  const { size } = await file.stat();
  const line = await readFirstLine(file, size);
  let header: unknown;
  try {
    header = JSON.parse(line.text);
  } catch {
    return fail(`snapshot ${path} is corrupt: its first line is not a JSON header`);
  }
  if (!isRecord(header) || header.magic !== SNAPSHOT_MAGIC) {
    return fail(
      `snapshot ${path} is not a search index snapshot of this bot (no "${SNAPSHOT_MAGIC}" header)`,
    );
  }
  if (header.format !== SNAPSHOT_FORMAT) {
    return fail(
      `snapshot ${path} has format ${JSON.stringify(header.format)}; this version reads format ${SNAPSHOT_FORMAT}`,
    );
  }
  if (!isHeader(header)) return fail(`snapshot ${path} is corrupt: its header is incomplete`);
  const settingsChange = describeSettingsChange(header.settings, expected.settings);
  if (settingsChange !== null) {
    return fail(
      `snapshot ${path} is stale: the text-processing settings changed (${settingsChange})`,
    );
  }
  const corpusChange = describeCorpusChange(header.corpus, expected.corpus);
  if (corpusChange !== null) {
    return fail(`snapshot ${path} is stale: the corpus changed (${corpusChange})`);
  }
  const bodyBytes = Math.max(0, size - line.next);
  if (bodyBytes < header.payload.bytes) {
    return fail(
      `snapshot ${path} is truncated: its index has ${bodyBytes} of ${header.payload.bytes} bytes`,
    );
  }
  if (bodyBytes > header.payload.bytes) {
    return fail(
      `snapshot ${path} is corrupt: its index has ${bodyBytes} bytes, not the ${header.payload.bytes} its header announces`,
    );
  }
  try {
    const payload = await readPayload(file, line.next, header.payload);
    if (payload === null) {
      return fail(`snapshot ${path} is corrupt: its index does not match its checksum`);
    }
    const index = SearchIndex.fromData(payload.content.index);
    const stories = payload.content.index.stories;
    const passages =
      payload.content.index.passages?.size ??
      stories.reduce((sum, story) => sum + story.passages.length, 0);
    if (index.size !== passages) {
      return fail(
        `snapshot ${path} is corrupt: it lists ${passages} passages but indexes ${index.size}`,
      );
    }
    if (payload.tail !== null) {
      kept.file = true;
      closeWhenCollected.register(payload.tail, file);
    }
    return { ok: true, index, stories, problems: payload.content.problems };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(`snapshot ${path} cannot be restored: ${message}`);
  }
}

const closeWhenCollected = new FinalizationRegistry<FileHandle>((file) => {
  void file.close().catch(() => undefined);
});

function isHeader(
  value: Record<string, unknown>,
): value is Record<string, unknown> & SnapshotHeader {
  const { settings, corpus, payload } = value;
  return (
    isRecord(settings) &&
    typeof settings.version === "number" &&
    typeof settings.stopWords === "string" &&
    typeof settings.sources === "string" &&
    isRecord(settings.packages) &&
    isRecord(corpus) &&
    typeof corpus.dir === "string" &&
    Array.isArray(corpus.files) &&
    corpus.files.every(
      (file: unknown) =>
        isRecord(file) &&
        typeof file.name === "string" &&
        typeof file.size === "number" &&
        typeof file.mtimeMs === "number" &&
        typeof file.sha256 === "string",
    ) &&
    isRecord(payload) &&
    typeof payload.bytes === "number" &&
    Number.isSafeInteger(payload.bytes) &&
    payload.bytes >= 0 &&
    typeof payload.crc32 === "number"
  );
}

function fail(reason: string): SnapshotRead {
  return { ok: false, reason };
}
