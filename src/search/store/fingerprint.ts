/**
 * What a snapshot is checked against: the search settings of the running code (version, stop
 * words, package versions, a hash of the sources) and the story files of the corpus folder, so that
 * a snapshot built from anything else is recognised as stale.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { lstat, readdir, readFile, realpath, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { STORY_EXTENSIONS } from "../../corpus/load.ts";
import { OutsideCorpusError, readStoryBytes } from "../../corpus/storyFile.ts";
import { STOP_WORDS } from "../../language/text.ts";
import { isRecord } from "./payload.ts";

/**
 * Version of the text processing (tokenizer, stop words, stemming, index options).
 *
 * Changes to the code under `src/corpus/`, `src/language/` and `src/search/` already invalidate
 * snapshots through their source hash; bump this when the meaning of an index changes in a way the
 * sources do not show, such as data read from outside the repository.
 */
export const SEARCH_SETTINGS_VERSION = 1;

/** Story files read at once while fingerprinting the corpus. */
const FINGERPRINT_CONCURRENCY = 16;

/** Packages the index is built with: a new version may tokenize or stem differently. */
const TEXT_PACKAGES = ["minisearch", "stemmer", "stopword"] as const;

/** Everything besides the corpus that decides what an index contains. */
export interface SearchSettings {
  readonly version: number;
  /** sha256 of the sorted stop-word list. */
  readonly stopWords: string;
  /** Installed version of each text-processing package. */
  readonly packages: Readonly<Record<string, string>>;
  /** sha256 of the source files that split stories and build the index, or "unavailable". */
  readonly sources: string;
}

/** One story file as a fingerprint records it. */
export interface CorpusFile {
  readonly name: string;
  readonly size: number;
  /**
   * sha256 of the file's bytes, `unreadable:<code>` when it could not be read, or `outside-corpus`
   * for a link out of the folder that is not followed (so turning CORPUS_FOLLOW_LINKS on or off
   * makes the snapshot stale); "" while not yet hashed.
   */
  readonly sha256: string;
  /** Last modification time (ms since 1970), or -1 when unknown (unreadable, outside the corpus). */
  readonly mtimeMs: number;
}

/** What the corpus folder held when an index was built: its absolute path and every story file. */
export interface CorpusFingerprint {
  readonly dir: string;
  readonly files: readonly CorpusFile[];
}

/** The settings of the running code: version, stop-word hash, package versions and source hash. */
export async function currentSettings(): Promise<SearchSettings> {
  const packages: Record<string, string> = {};
  for (const name of textPackages()) packages[name] = packageVersion(name);
  return {
    version: SEARCH_SETTINGS_VERSION,
    stopWords: sha256([...STOP_WORDS].sort().join("\n")),
    packages,
    sources: await hashSources(),
  };
}

/** Lists the story files of a folder as `loadCorpus` does, with each file's size and content hash. */
export async function fingerprintCorpus(
  dir: string,
  followLinks = false,
): Promise<CorpusFingerprint> {
  const names = (await readdir(dir))
    .filter((name) => !name.startsWith(".") && isStoryFile(name))
    .sort();
  const realDir = await realpath(dir);
  const files: CorpusFile[] = new Array(names.length);
  let next = 0;
  // A few files at a time: opening them one by one dominates for a corpus of many small stories.
  const worker = async (): Promise<void> => {
    for (let i = next++; i < names.length; i = next++) {
      const name = names[i] ?? "";
      files[i] = await hashFile(dir, realDir, name, followLinks);
    }
  };
  await Promise.all(Array.from({ length: FINGERPRINT_CONCURRENCY }, worker));
  return { dir: resolve(dir), files };
}

/** One story file's size, modification time and hash, read as `loadCorpus` reads it. */
export async function hashFile(
  dir: string,
  realDir: string,
  name: string,
  followLinks: boolean,
): Promise<CorpusFile> {
  const path = join(dir, name);
  try {
    const bytes = await readStoryBytes(path, realDir, followLinks);
    const { mtimeMs } = await stat(path);
    return { name, size: bytes.length, sha256: sha256(bytes), mtimeMs };
  } catch (error) {
    if (error instanceof OutsideCorpusError) {
      return { name, size: -1, sha256: "outside-corpus", mtimeMs: -1 };
    }
    // The message of a file refused for its size names the size, so a change shows.
    const code =
      (error as NodeJS.ErrnoException).code ??
      (error instanceof Error ? error.message : String(error));
    return { name, size: -1, sha256: `unreadable:${code}`, mtimeMs: -1 };
  }
}

/**
 * The story files of a folder with their sizes and modification times, not yet hashed (sha256
 * empty): hashing every file was 0.2–0.35 s of a 100k-passage start-up. Links are listed with
 * no size, so they are always hashed (whether they are followed decides what they hold).
 */
export async function statCorpus(dir: string): Promise<CorpusFingerprint> {
  const names = (await readdir(dir))
    .filter((name) => !name.startsWith(".") && isStoryFile(name))
    .sort();
  const files = await Promise.all(
    names.map(async (name): Promise<CorpusFile> => {
      try {
        const info = await lstat(join(dir, name));
        if (!info.isFile()) return { name, size: -1, sha256: "", mtimeMs: -1 };
        return { name, size: info.size, sha256: "", mtimeMs: info.mtimeMs };
      } catch {
        return { name, size: -1, sha256: "", mtimeMs: -1 };
      }
    }),
  );
  return { dir: resolve(dir), files };
}

/**
 * Takes each file's hash from a snapshot's record when its size and modification time are the
 * ones recorded; those files are "trusted" until hashed in the background.
 */
export function recognizeFiles(
  listed: CorpusFingerprint,
  recorded: CorpusFingerprint | null,
): { fingerprint: CorpusFingerprint; trusted: Set<string> } {
  const trusted = new Set<string>();
  if (recorded === null || recorded.dir !== listed.dir) return { fingerprint: listed, trusted };
  const old = new Map(recorded.files.map((file) => [file.name, file]));
  const files = listed.files.map((file) => {
    const previous = old.get(file.name);
    if (
      previous === undefined ||
      file.size < 0 ||
      file.mtimeMs < 0 ||
      previous.size !== file.size ||
      previous.mtimeMs !== file.mtimeMs
    ) {
      return file;
    }
    trusted.add(file.name);
    return { ...file, sha256: previous.sha256 };
  });
  return { fingerprint: { dir: listed.dir, files }, trusted };
}

/** Hashes the files of a fingerprint whose hash is not known yet (all but the trusted ones). */
export async function hashUnknown(
  dir: string,
  fingerprint: CorpusFingerprint,
  trusted: ReadonlySet<string>,
  followLinks: boolean,
): Promise<CorpusFingerprint> {
  const realDir = await realpath(dir);
  const files = [...fingerprint.files];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < files.length; i = next++) {
      const file = files[i] as CorpusFile;
      if (!trusted.has(file.name)) files[i] = await hashFile(dir, realDir, file.name, followLinks);
    }
  };
  await Promise.all(Array.from({ length: FINGERPRINT_CONCURRENCY }, worker));
  return { dir: fingerprint.dir, files };
}

/** True when two fingerprints list the same files with the same sizes and modification times. */
export function sameListing(before: CorpusFingerprint, after: CorpusFingerprint): boolean {
  return (
    before.dir === after.dir &&
    before.files.length === after.files.length &&
    before.files.every((file, i) => {
      const other = after.files[i];
      return (
        other !== undefined &&
        other.name === file.name &&
        other.size === file.size &&
        other.mtimeMs === file.mtimeMs
      );
    })
  );
}

/** What differs between two corpus fingerprints, in words, or null when they are the same. */
export function describeCorpusChange(
  before: CorpusFingerprint,
  after: CorpusFingerprint,
): string | null {
  if (before.dir !== after.dir) return `built from ${before.dir}, not ${after.dir}`;
  const old = new Map(before.files.map((file) => [file.name, file]));
  const now = new Map(after.files.map((file) => [file.name, file]));
  const added = after.files.filter((file) => !old.has(file.name)).map((file) => file.name);
  const removed = before.files.filter((file) => !now.has(file.name)).map((file) => file.name);
  const edited = after.files
    .filter((file) => {
      const previous = old.get(file.name);
      return (
        previous !== undefined && (previous.size !== file.size || previous.sha256 !== file.sha256)
      );
    })
    .map((file) => file.name);
  const parts = [
    listChange("added", added),
    listChange("edited", edited),
    listChange("removed", removed),
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join("; ") : null;
}

/** What differs between two sets of search settings, in words, or null when they are the same. */
export function describeSettingsChange(
  before: SearchSettings,
  after: SearchSettings,
): string | null {
  const parts: string[] = [];
  if (before.version !== after.version) {
    parts.push(`version ${before.version} → ${after.version}`);
  }
  if (before.stopWords !== after.stopWords) parts.push("stop words");
  for (const name of new Set([...Object.keys(before.packages), ...Object.keys(after.packages)])) {
    const was = before.packages[name] ?? "none";
    const now = after.packages[name] ?? "none";
    if (was !== now) parts.push(`${name} ${was} → ${now}`);
  }
  if (before.sources !== after.sources)
    parts.push("source code of src/corpus, src/language or src/search");
  return parts.length > 0 ? parts.join(", ") : null;
}

/** "edited a.md, b.md and 3 more", or null for no names. */
export function listChange(verb: string, names: readonly string[]): string | null {
  if (names.length === 0) return null;
  // A whole other corpus would list every file; a few names say enough.
  const shown = names.slice(0, 5).join(", ");
  return `${verb} ${shown}${names.length > 5 ? ` and ${names.length - 5} more` : ""}`;
}

/**
 * Hashes everything under `src/corpus/`, `src/language/` and `src/search/`: the code that turns
 * story files into an index and the data it reads (word lists, vectors). Any edit there (tokenizer,
 * stemming, passage splitting, the index's JSON) then invalidates old snapshots without anyone
 * remembering to bump a version. The bot runs from its sources (tsx); if they are not on disk (a
 * bundle), this is "unavailable" and only the version constant and package versions guard the
 * snapshot.
 */
async function hashSources(): Promise<string> {
  const srcDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
  const hash = createHash("sha256");
  try {
    for (const name of ["corpus", "language", "search"]) {
      const folder = join(srcDir, name);
      const entries = await readdir(folder, { recursive: true, withFileTypes: true });
      const files = entries
        .filter((entry) => entry.isFile())
        .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
        .sort();
      for (const file of files) {
        hash.update(`${basename(folder)}/${file}\0`);
        hash.update(await readFile(join(folder, file)));
        hash.update("\0");
      }
    }
  } catch {
    return "unavailable";
  }
  return hash.digest("hex");
}

/**
 * The packages whose versions a snapshot records: the three the index is built with, plus every
 * runtime dependency of the project, since any of them may feed the index (word lists, lexicons).
 * An upgrade of an unrelated one costs one rebuild at start-up; a missed one would serve a stale
 * index.
 */
function textPackages(): string[] {
  const names = new Set<string>(TEXT_PACKAGES);
  const manifest = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "package.json");
  try {
    const json: unknown = JSON.parse(readFileSync(manifest, "utf8"));
    if (isRecord(json) && isRecord(json.dependencies)) {
      for (const name of Object.keys(json.dependencies)) names.add(name);
    }
  } catch {
    // Not run from the repository: the three known packages still guard the snapshot.
  }
  return [...names];
}

/**
 * The installed version of a package. Its package.json is found by walking up from the module
 * it resolves to, because packages with an `exports` map (minisearch) do not export it.
 */
function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = dirname(require.resolve(name));
  } catch {
    return "missing";
  }
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const json: unknown = JSON.parse(readFileSync(file, "utf8"));
      if (isRecord(json) && json.name === name && typeof json.version === "string") {
        return json.version;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

function isStoryFile(name: string): boolean {
  return (STORY_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
