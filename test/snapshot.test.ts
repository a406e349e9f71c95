import { execFileSync } from "node:child_process";
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  utimes,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { answer } from "../src/answer/answer.ts";
import { CorpusError } from "../src/corpus/load.ts";
import { currentSettings, SEARCH_SETTINGS_VERSION } from "../src/search/store/fingerprint.ts";
import { loadOrBuildIndex, SNAPSHOT_FORMAT, SNAPSHOT_MAGIC } from "../src/search/store/snapshot.ts";

const STORY = "trump-halts-cyber-operations.md";
const STORY_SOURCE = join(import.meta.dirname, "..", "corpus", STORY);
const QUESTION = "Who issued the directive to pause cyber operations?";

let root: string;
let corpusDir: string;
let snapshotPath: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "snapshot-test-"));
  corpusDir = join(root, "corpus");
  snapshotPath = join(root, "cache", "index.snapshot");
  await mkdir(corpusDir);
  await copyFile(STORY_SOURCE, join(corpusDir, STORY));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("loadOrBuildIndex", () => {
  test("GIVEN no snapshot THEN it builds the index and writes a snapshot", async () => {
    const loaded = await loadOrBuildIndex({ corpusDir, snapshotPath });

    expect(loaded.source).toBe("built");
    expect(loaded.reason).toBe(`no snapshot at ${snapshotPath}`);
    expect(loaded.saveError).toBeNull();
    expect(loaded.stories.map((story) => story.slug)).toEqual(["trump-halts-cyber-operations"]);
    const header = JSON.parse((await readFile(snapshotPath, "utf8")).split("\n")[0] ?? "");
    expect(header.magic).toBe(SNAPSHOT_MAGIC);
    expect(header.corpus.files.map((file: { name: string }) => file.name)).toEqual([STORY]);
    // Written through a temporary file that was renamed, so none is left behind.
    expect(await readdir(join(root, "cache"))).toEqual(["index.snapshot"]);
  });

  test("GIVEN an unchanged corpus THEN it loads the snapshot, which answers as the built index did", async () => {
    const built = await loadOrBuildIndex({ corpusDir, snapshotPath });
    const loaded = await loadOrBuildIndex({ corpusDir, snapshotPath });

    expect(loaded.source).toBe("snapshot");
    expect(loaded.reason).toBe(
      `snapshot ${snapshotPath} matches the corpus (1 files) and settings`,
    );
    expect(loaded.index.size).toBe(built.index.size);
    expect(loaded.stories).toEqual(built.stories);
    expect(answer(loaded.index, QUESTION)).toEqual(answer(built.index, QUESTION));
    expect(answer(loaded.index, QUESTION).results[0]?.id).toBe("trump-halts-cyber-operations#3");
  });

  test("GIVEN an index from the snapshot THEN its passages, by id, by story and in all, are the built ones", async () => {
    const built = await loadOrBuildIndex({ corpusDir, snapshotPath });
    const loaded = await loadOrBuildIndex({ corpusDir, snapshotPath });
    const passages = built.index.allPassages();

    expect(loaded.source).toBe("snapshot");
    expect(loaded.index.allPassages()).toEqual(passages);
    expect(passages.map((p) => loaded.index.passage(p.id))).toEqual(passages);
    expect(loaded.index.passagesOf("trump-halts-cyber-operations")).toEqual(
      built.index.passagesOf("trump-halts-cyber-operations"),
    );
    expect(loaded.index.passage("trump-halts-cyber-operations#99")).toBeUndefined();
    expect(loaded.index.passage("elsewhere#1")).toBeUndefined();
    expect(loaded.index.stories).toEqual(built.index.stories);
  });

  test("GIVEN the snapshot removed or replaced after loading THEN the loaded index still reads its own passages", async () => {
    const built = await loadOrBuildIndex({ corpusDir, snapshotPath });
    const loaded = await loadOrBuildIndex({ corpusDir, snapshotPath });
    await rm(snapshotPath);
    await writeFile(snapshotPath, "not a snapshot");

    expect(loaded.source).toBe("snapshot");
    expect(loaded.index.allPassages()).toEqual(built.index.allPassages());
    expect(answer(loaded.index, QUESTION)).toEqual(answer(built.index, QUESTION));
  });

  test("GIVEN an edited story THEN it rebuilds from the new text and saves that", async () => {
    await loadOrBuildIndex({ corpusDir, snapshotPath });
    const file = join(corpusDir, STORY);
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("Defense Secretary Pete Hegseth", "General Jane Doe"));

    const rebuilt = await loadOrBuildIndex({ corpusDir, snapshotPath });
    const reloaded = await loadOrBuildIndex({ corpusDir, snapshotPath });

    expect(rebuilt.source).toBe("built");
    expect(rebuilt.reason).toBe(
      `snapshot ${snapshotPath} is stale: the corpus changed (edited ${STORY})`,
    );
    expect(answer(rebuilt.index, QUESTION).results[0]?.bestSentence).toContain("General Jane Doe");
    expect(reloaded.source).toBe("snapshot");
  });

  test("GIVEN a story touched but not changed THEN it loads the snapshot, and the check finds nothing", async () => {
    await loadOrBuildIndex({ corpusDir, snapshotPath });
    const file = join(corpusDir, STORY);
    await utimes(file, new Date(2020, 0, 1), new Date(2020, 0, 1));

    const loaded = await loadOrBuildIndex({ corpusDir, snapshotPath });

    expect(loaded.source).toBe("snapshot");
    expect(await loaded.verify()).toBeNull();
  });

  test("GIVEN a story edited with its size and time kept THEN the background check finds it and removes the snapshot", async () => {
    const file = join(corpusDir, STORY);
    const time = new Date(2025, 2, 2);
    await utimes(file, time, time);
    await loadOrBuildIndex({ corpusDir, snapshotPath });
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("Pete Hegseth", "Jane Doe1234"));
    await utimes(file, time, time);

    const trusted = await loadOrBuildIndex({ corpusDir, snapshotPath });
    const change = await trusted.verify();
    const next = await loadOrBuildIndex({ corpusDir, snapshotPath });

    expect(trusted.source).toBe("snapshot");
    expect(change).toBe(
      `snapshot ${snapshotPath} removed: edited ${STORY} since it was built, with the same size and time`,
    );
    expect(next.source).toBe("built");
    expect(answer(next.index, QUESTION).results[0]?.bestSentence).toContain("Jane Doe1234");
  });

  test("GIVEN a story added and one removed THEN the reason names both files", async () => {
    await loadOrBuildIndex({ corpusDir, snapshotPath });
    await copyFile(STORY_SOURCE, join(corpusDir, "copy.md"));
    await rm(join(corpusDir, STORY));

    const loaded = await loadOrBuildIndex({ corpusDir, snapshotPath });

    expect(loaded.source).toBe("built");
    expect(loaded.reason).toBe(
      `snapshot ${snapshotPath} is stale: the corpus changed (added copy.md; removed ${STORY})`,
    );
    expect(loaded.stories.map((story) => story.slug)).toEqual(["copy"]);
  });

  test("GIVEN a snapshot built with another settings version THEN it rebuilds", async () => {
    const settings = await currentSettings();
    await loadOrBuildIndex({
      corpusDir,
      snapshotPath,
      settings: { ...settings, version: SEARCH_SETTINGS_VERSION + 1 },
    });

    const loaded = await loadOrBuildIndex({ corpusDir, snapshotPath });

    expect(loaded.source).toBe("built");
    expect(loaded.reason).toBe(
      `snapshot ${snapshotPath} is stale: the text-processing settings changed (version ${SEARCH_SETTINGS_VERSION + 1} → ${SEARCH_SETTINGS_VERSION})`,
    );
  });

  test("GIVEN a snapshot built with other package versions, stop words and sources THEN the reason lists each", async () => {
    const settings = await currentSettings();
    await loadOrBuildIndex({
      corpusDir,
      snapshotPath,
      settings: {
        ...settings,
        stopWords: "0".repeat(64),
        packages: { ...settings.packages, minisearch: "6.0.0" },
        sources: "1".repeat(64),
      },
    });

    const loaded = await loadOrBuildIndex({ corpusDir, snapshotPath });

    expect(loaded.reason).toBe(
      `snapshot ${snapshotPath} is stale: the text-processing settings changed (stop words, minisearch 6.0.0 → ${settings.packages.minisearch}, source code of src/corpus, src/language or src/search)`,
    );
  });

  const damages = [
    {
      name: "a byte of its index flipped",
      damage: (bytes: Buffer) => {
        const at = bytes.length - 100;
        bytes[at] = (bytes[at] ?? 0) ^ 0x01;
        return bytes;
      },
      reason: (path: string) =>
        `snapshot ${path} is corrupt: its index does not match its checksum`,
    },
    {
      name: "a byte in the middle of its binary index flipped",
      damage: (bytes: Buffer) => {
        const headerBytes = bytes.indexOf(0x0a) + 1;
        const at = headerBytes + Math.floor((bytes.length - headerBytes) / 2);
        bytes[at] = (bytes[at] ?? 0) ^ 0x80;
        return bytes;
      },
      reason: (path: string) =>
        `snapshot ${path} is corrupt: its index does not match its checksum`,
    },
    {
      name: "the length of its index's tables changed",
      damage: (bytes: Buffer) => {
        // The payload's first 4 bytes give the length of its tables, which it is read by.
        const headerBytes = bytes.indexOf(0x0a) + 1;
        bytes.writeUInt32LE(bytes.readUInt32LE(headerBytes) + 8, headerBytes);
        return bytes;
      },
      reason: (path: string) =>
        `snapshot ${path} is corrupt: its index does not match its checksum`,
    },
    {
      name: "its index cut in half",
      damage: (bytes: Buffer) => {
        const headerBytes = bytes.indexOf(0x0a) + 1;
        return bytes.subarray(0, headerBytes + Math.floor((bytes.length - headerBytes) / 2));
      },
      reason: (path: string) =>
        new RegExp(`^snapshot ${path} is truncated: its index has \\d+ of \\d+ bytes$`),
    },
    {
      name: "followed by extra bytes",
      damage: (bytes: Buffer) => Buffer.concat([bytes, Buffer.from("\n{}")]),
      reason: (path: string) =>
        new RegExp(
          `^snapshot ${path} is corrupt: its index has \\d+ bytes, not the \\d+ its header announces$`,
        ),
    },
    {
      name: "its header cut off",
      damage: (bytes: Buffer) => bytes.subarray(0, 40),
      reason: (path: string) => `snapshot ${path} is corrupt: its first line is not a JSON header`,
    },
    {
      name: "an empty file",
      damage: () => Buffer.alloc(0),
      reason: (path: string) => `snapshot ${path} is corrupt: its first line is not a JSON header`,
    },
    {
      name: "binary garbage",
      damage: () => Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37, 0x0a, 0x00]),
      reason: (path: string) => `snapshot ${path} is corrupt: its first line is not a JSON header`,
    },
    {
      name: 'foreign JSON {"hello":1}',
      damage: () => Buffer.from('{"hello":1}'),
      reason: (path: string) =>
        `snapshot ${path} is not a search index snapshot of this bot (no "${SNAPSHOT_MAGIC}" header)`,
    },
    {
      name: "a JSON array",
      damage: () => Buffer.from("[1,2,3]\n"),
      reason: (path: string) =>
        `snapshot ${path} is not a search index snapshot of this bot (no "${SNAPSHOT_MAGIC}" header)`,
    },
    {
      name: "a header of another format",
      damage: () => Buffer.from(`{"magic":"${SNAPSHOT_MAGIC}","format":99}\n{}`),
      reason: (path: string) =>
        `snapshot ${path} has format 99; this version reads format ${SNAPSHOT_FORMAT}`,
    },
  ] as const;

  for (const { name, damage, reason } of damages) {
    test(`GIVEN a snapshot that is ${name} THEN it rebuilds and rewrites it`, async () => {
      await loadOrBuildIndex({ corpusDir, snapshotPath });
      await writeFile(snapshotPath, damage(await readFile(snapshotPath)));

      const loaded = await loadOrBuildIndex({ corpusDir, snapshotPath });
      const again = await loadOrBuildIndex({ corpusDir, snapshotPath });

      expect(loaded.source).toBe("built");
      const expected = reason(snapshotPath);
      if (typeof expected === "string") expect(loaded.reason).toBe(expected);
      else expect(loaded.reason).toMatch(expected);
      expect(answer(loaded.index, QUESTION).results[0]?.id).toBe("trump-halts-cyber-operations#3");
      expect(again.source).toBe("snapshot");
    });
  }

  test("GIVEN the snapshot of another corpus folder THEN it rebuilds from this one", async () => {
    const otherDir = join(root, "other");
    await mkdir(otherDir);
    await writeFile(join(otherDir, STORY), "# Another story\n\nNothing about cyber operations.\n");
    await loadOrBuildIndex({ corpusDir: otherDir, snapshotPath });

    const loaded = await loadOrBuildIndex({ corpusDir, snapshotPath });

    expect(loaded.source).toBe("built");
    expect(loaded.reason).toBe(
      `snapshot ${snapshotPath} is stale: the corpus changed (built from ${otherDir}, not ${corpusDir})`,
    );
    expect(answer(loaded.index, QUESTION).results[0]?.id).toBe("trump-halts-cyber-operations#3");
  });

  test("GIVEN a snapshot path that cannot be written THEN it serves the built index and says why", async () => {
    await writeFile(join(root, "cache"), "a file where the folder should be");

    const loaded = await loadOrBuildIndex({ corpusDir, snapshotPath });

    expect(loaded.source).toBe("built");
    expect(loaded.saveError).toMatch(
      new RegExp(`^snapshot ${snapshotPath} could not be written: `),
    );
    expect(loaded.index.size).toBeGreaterThan(0);
  });

  test("GIVEN a broken story beside a good one THEN the snapshot keeps its problem", async () => {
    await writeFile(join(corpusDir, "broken.md"), "---\ntitle: Never closed\n");
    const built = await loadOrBuildIndex({ corpusDir, snapshotPath });

    const loaded = await loadOrBuildIndex({ corpusDir, snapshotPath });

    expect(loaded.source).toBe("snapshot");
    expect(loaded.problems).toEqual(built.problems);
    expect(loaded.problems.map((problem) => problem.file)).toEqual([join(corpusDir, "broken.md")]);
  });

  test("GIVEN a missing corpus folder THEN it throws CorpusError", async () => {
    const missing = join(root, "missing");

    await expect(loadOrBuildIndex({ corpusDir: missing, snapshotPath })).rejects.toThrow(
      new CorpusError(
        `Corpus folder ${missing} does not exist: create it and add a story, or set CORPUS_DIR`,
      ),
    );
  });

  test("GIVEN a named pipe named like a story THEN it is skipped and nothing waits for a writer", async () => {
    execFileSync("mkfifo", [join(corpusDir, "pipe.md")]);

    const loaded = await loadOrBuildIndex({ corpusDir, snapshotPath });
    const again = await loadOrBuildIndex({ corpusDir, snapshotPath });

    expect(loaded.problems.map((problem) => problem.message)).toEqual([
      `${join(corpusDir, "pipe.md")} is not a regular file`,
    ]);
    expect(again.source).toBe("snapshot");
  });
});

describe("currentSettings", () => {
  test("reads the installed package versions and hashes the stop words and sources", async () => {
    const settings = await currentSettings();
    const minisearch = JSON.parse(
      await readFile(
        join(import.meta.dirname, "..", "node_modules/minisearch/package.json"),
        "utf8",
      ),
    );

    expect(settings.version).toBe(SEARCH_SETTINGS_VERSION);
    expect(Object.keys(settings.packages).slice(0, 3)).toEqual([
      "minisearch",
      "stemmer",
      "stopword",
    ]);
    expect(settings.packages.minisearch).toBe(minisearch.version);
    expect(settings.stopWords).toMatch(/^[0-9a-f]{64}$/);
    expect(settings.sources).toMatch(/^[0-9a-f]{64}$/);
  });
});
