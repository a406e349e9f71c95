import {
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  realpath,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { answer } from "../src/answer/answer.ts";
import { CorpusError } from "../src/corpus/load.ts";
import { Library, type Logger, type ReloadReport } from "../src/library.ts";
import type { SearchIndex } from "../src/search/index.ts";

const STORY = "trump-halts-cyber-operations.md";
const STORY_SOURCE = join(import.meta.dirname, "..", "corpus", STORY);
const CYBER_QUESTION = "Who issued the directive to pause cyber operations?";
const BRIDGE_QUESTION = "How much did the bridge repairs cost?";

function bridgeStory(cost: string): string {
  return [
    "---",
    "title: Harbour Bridge Reopens After Repairs",
    "---",
    `The harbour bridge reopened on Monday after eight months of repairs that cost ${cost}.`,
    "",
    "Engineers replaced the rusted cables and repainted the steel arches.",
    "",
  ].join("\n");
}

/** A logger that keeps every line, for asserting what was reported. */
function recordingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
    error: (message) => lines.push(`error: ${message}`),
  };
}

function ask(library: Library, question: string) {
  return answer(library.current().index, question);
}

function expectOk(report: ReloadReport): Extract<ReloadReport, { ok: true }> {
  if (!report.ok) throw new Error(`expected the reload to succeed: ${report.error}`);
  return report;
}

let root: string;
let corpusDir: string;
let logger: ReturnType<typeof recordingLogger>;
const cleanups: (() => void)[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "library-test-"));
  corpusDir = join(root, "corpus");
  await mkdir(corpusDir);
  await copyFile(STORY_SOURCE, join(corpusDir, STORY));
  logger = recordingLogger();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await rm(root, { recursive: true, force: true });
});

describe("Library.open", () => {
  test("GIVEN a corpus folder THEN it serves its stories and logs what it loaded", async () => {
    const library = await Library.open({ corpusDir, logger });

    expect(ask(library, CYBER_QUESTION).results[0]?.id).toBe("trump-halts-cyber-operations#3");
    expect(library.current().problems).toEqual([]);
    expect(logger.lines).toEqual([
      `info: Loaded 1 story, ${library.current().index.size} passages from ${corpusDir} (built, no snapshot configured)`,
    ]);
  });

  test("GIVEN a missing corpus folder THEN it throws CorpusError", async () => {
    const missing = join(root, "missing");

    await expect(Library.open({ corpusDir: missing, logger })).rejects.toBeInstanceOf(CorpusError);
  });

  test("GIVEN a story of more than 5,000 paragraphs THEN it serves the first 5,000 and warns, also from the snapshot", async () => {
    const long = join(corpusDir, "long.md");
    const paragraphs = Array.from({ length: 5002 }, (_, i) => `Paragraph number ${i + 1}.`);
    await writeFile(long, paragraphs.join("\n"));
    const snapshotPath = join(root, "cache", "index.snapshot");
    const warning = `warn: Cut a story short: ${long} has 5002 paragraphs; only the first 5000 are served: split it into several stories`;

    const built = await Library.open({ corpusDir, snapshotPath, logger });
    const second = recordingLogger();
    const loaded = await Library.open({ corpusDir, snapshotPath, logger: second });

    expect(logger.lines.slice(1)).toEqual([warning]);
    expect(second.lines[0]).toMatch(/ \(from snapshot\)$/);
    expect(second.lines.slice(1)).toEqual([warning]);
    for (const library of [built, loaded]) {
      expect(library.current().index.passagesOf("long")).toHaveLength(5000);
    }
  });

  test("GIVEN a snapshot path THEN the second start loads the snapshot", async () => {
    const snapshotPath = join(root, "cache", "index.snapshot");
    await Library.open({ corpusDir, snapshotPath, logger });
    const second = recordingLogger();

    const library = await Library.open({ corpusDir, snapshotPath, logger: second });

    expect(second.lines[0]).toMatch(/ \(from snapshot\)$/);
    expect(ask(library, CYBER_QUESTION).results[0]?.id).toBe("trump-halts-cyber-operations#3");
  });
});

describe("Library: background preparation", () => {
  test("GIVEN a prepare step THEN it gets each served index, and learns when a reload replaced it", async () => {
    const calls: { index: SearchIndex; served: () => boolean }[] = [];
    const library = await Library.open({
      corpusDir,
      logger,
      prepare: async (index, served) => {
        calls.push({ index, served });
      },
    });
    const first = library.current().index;
    expect(calls.map((c) => c.index)).toEqual([first]);
    expect(calls[0]?.served()).toBe(true);

    await writeFile(join(corpusDir, "harbour-bridge.md"), bridgeStory("40 million dollars"));
    expectOk(await library.reload());

    expect(calls.map((c) => c.index)).toEqual([first, library.current().index]);
    expect(calls[0]?.served()).toBe(false);
    expect(calls[1]?.served()).toBe(true);
  });

  test("GIVEN a prepare step that fails THEN the library keeps serving and warns", async () => {
    const library = await Library.open({
      corpusDir,
      logger,
      prepare: () => Promise.reject(new Error("no time")),
    });
    await new Promise((resolve) => setImmediate(resolve));

    expect(ask(library, CYBER_QUESTION).results[0]?.id).toBe("trump-halts-cyber-operations#3");
    expect(logger.lines).toContain(
      "warn: Could not prepare the index in the background: Error: no time",
    );
  });
});

describe("Library.reload", () => {
  test("GIVEN a story added, edited, then removed THEN answers follow each change", async () => {
    const library = await Library.open({ corpusDir, logger });
    expect(ask(library, BRIDGE_QUESTION).answered).toBe(false);

    await writeFile(join(corpusDir, "harbour-bridge.md"), bridgeStory("40 million dollars"));
    const added = expectOk(await library.reload());
    expect(added).toMatchObject({
      stories: 2,
      added: ["harbour-bridge"],
      changed: [],
      removed: [],
      problems: [],
      source: "built",
    });
    expect(ask(library, BRIDGE_QUESTION).results[0]?.bestSentence).toBe(
      "The harbour bridge reopened on Monday after eight months of repairs that cost 40 million dollars.",
    );

    await writeFile(join(corpusDir, "harbour-bridge.md"), bridgeStory("55 million dollars"));
    const edited = expectOk(await library.reload());
    expect(edited).toMatchObject({ added: [], changed: ["harbour-bridge"], removed: [] });
    expect(ask(library, BRIDGE_QUESTION).results[0]?.bestSentence).toContain("55 million dollars");

    await rm(join(corpusDir, "harbour-bridge.md"));
    const removed = expectOk(await library.reload());
    expect(removed).toMatchObject({
      stories: 1,
      added: [],
      changed: [],
      removed: ["harbour-bridge"],
    });
    expect(ask(library, BRIDGE_QUESTION).answered).toBe(false);
    expect(ask(library, CYBER_QUESTION).results[0]?.id).toBe("trump-halts-cyber-operations#3");
  });

  test("GIVEN nothing changed THEN the report lists no story", async () => {
    const library = await Library.open({ corpusDir, logger });

    const report = expectOk(await library.reload());

    expect(report).toMatchObject({ stories: 1, added: [], changed: [], removed: [] });
    expect(logger.lines.at(-1)).toMatch(/ \(no story changed\) in [\d.]+ ms /);
  });

  test("GIVEN a broken new file THEN it is reported and the other stories keep serving", async () => {
    const library = await Library.open({ corpusDir, logger });
    const broken = join(corpusDir, "broken.md");
    await writeFile(broken, "---\ntitle: Never closed\nThe story starts here.\n");

    const report = expectOk(await library.reload());

    const message = `${broken} has broken front matter: front matter opened by '---' on line 1 is never closed: add a line '---' after the header`;
    expect(report.problems).toEqual([{ file: broken, message }]);
    expect(report.added).toEqual([]);
    expect(library.current().problems).toEqual([{ file: broken, message }]);
    expect(logger.lines.at(-1)).toBe(`warn: Skipped a story: ${message}`);
    expect(ask(library, CYBER_QUESTION).results[0]?.id).toBe("trump-halts-cyber-operations#3");
  });

  test("GIVEN the corpus folder is deleted THEN the report says why and the old index keeps serving", async () => {
    const library = await Library.open({ corpusDir, logger });
    const before = library.current();
    await rm(corpusDir, { recursive: true });

    const report = await library.reload();

    expect(report).toMatchObject({
      ok: false,
      error: `Corpus folder ${corpusDir} does not exist: create it and add a story, or set CORPUS_DIR`,
      stories: 1,
      passages: before.index.size,
    });
    expect(library.current()).toBe(before);
    expect(ask(library, CYBER_QUESTION).results[0]?.id).toBe("trump-halts-cyber-operations#3");
    expect(logger.lines.at(-1)).toMatch(
      /^error: Reload of .* failed; still serving the previous 1 story: /,
    );
  });

  test("GIVEN every story becomes broken THEN the old index keeps serving", async () => {
    const library = await Library.open({ corpusDir, logger });
    await writeFile(join(corpusDir, STORY), "---\ntitle: Never closed\n");

    const report = await library.reload();

    expect(report.ok).toBe(false);
    expect(!report.ok && report.error).toMatch(/^No story could be loaded from /);
    expect(ask(library, CYBER_QUESTION).results[0]?.id).toBe("trump-halts-cyber-operations#3");
  });

  test("GIVEN questions while a reload is in flight THEN the old index answers them", async () => {
    const library = await Library.open({ corpusDir, logger });
    await writeFile(join(corpusDir, "harbour-bridge.md"), bridgeStory("40 million dollars"));

    const pending = library.reload();
    let asked = 0;
    while (library.reloading) {
      expect(ask(library, BRIDGE_QUESTION).answered).toBe(false);
      const cyber = ask(library, CYBER_QUESTION);
      expect(cyber.answered).toBe(true);
      expect(cyber.results[0]?.id).toBe("trump-halts-cyber-operations#3");
      asked++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await pending;

    expect(asked).toBeGreaterThan(0);
    expect(ask(library, BRIDGE_QUESTION).results[0]?.id).toBe("harbour-bridge#1");
  });

  test("GIVEN reloads requested during a reload THEN one more runs after it, shared by all callers", async () => {
    const library = await Library.open({ corpusDir, logger });

    const first = library.reload();
    const second = library.reload();
    const third = library.reload();

    expect(third).toBe(second);
    expect(second).not.toBe(first);
    expectOk(await first);
    // The queued reload starts only once the first has finished.
    expect(library.reloading).toBe(true);
    expectOk(await second);
    expect(library.reloading).toBe(false);
    expect(logger.lines.filter((line) => line.startsWith("info: Reloaded"))).toHaveLength(2);
  });
});

describe("Library.watch", () => {
  const waitFor = { timeout: 5000, interval: 20 };

  test("GIVEN a burst of new stories THEN one reload picks them all up, and stop() stops watching", async () => {
    const library = await Library.open({ corpusDir, logger });
    const stop = library.watch({ debounceMs: 100 });
    cleanups.push(stop);

    const story = bridgeStory("40 million dollars");
    for (const name of ["a", "b", "c"]) await writeFile(join(corpusDir, `${name}.md`), story);

    await vi.waitFor(() => expect(library.current().index.stories).toHaveLength(4), waitFor);
    const reloads = logger.lines.filter((line) => line.startsWith("info: Reloaded"));
    expect(reloads[0]).toContain("(added a, b, c)");

    stop();
    const served = library.current();
    await rm(join(corpusDir, "a.md"));
    // Proving that nothing happens needs a wait: several debounce periods.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(library.reloading).toBe(false);
    expect(library.current()).toBe(served);
  });

  test("GIVEN files other than stories change THEN it does not reload", async () => {
    const library = await Library.open({ corpusDir, logger });
    cleanups.push(library.watch({ debounceMs: 50 }));
    const served = library.current();

    await writeFile(join(corpusDir, ".harbour-bridge.md.swp"), "editor state");
    await writeFile(join(corpusDir, "notes.json"), "{}");
    await writeFile(join(corpusDir, "harbour-bridge.md"), bridgeStory("40 million dollars"));

    await vi.waitFor(() => expect(library.current()).not.toBe(served), waitFor);
    expect(logger.lines.filter((line) => line.startsWith("info: Reloaded"))).toHaveLength(1);
  });

  test("GIVEN the folder is deleted and created again THEN it keeps serving, then picks up the new folder", async () => {
    const library = await Library.open({ corpusDir, logger });
    cleanups.push(library.watch({ debounceMs: 50, rewatchMs: 50 }));

    await rm(corpusDir, { recursive: true });
    await vi.waitFor(
      () => expect(logger.lines.some((line) => line.startsWith("error: Reload of"))).toBe(true),
      waitFor,
    );
    expect(ask(library, CYBER_QUESTION).results[0]?.id).toBe("trump-halts-cyber-operations#3");

    await mkdir(corpusDir);
    await writeFile(join(corpusDir, "harbour-bridge.md"), bridgeStory("40 million dollars"));
    await vi.waitFor(
      () => expect(ask(library, BRIDGE_QUESTION).results[0]?.id).toBe("harbour-bridge#1"),
      waitFor,
    );
    expect(ask(library, CYBER_QUESTION).answered).toBe(false);
  });
});

describe("Library and links out of the corpus", () => {
  const waitFor = { timeout: 5000, interval: 20 };
  const SECRET_QUESTION = "root daemon bin bash";

  async function linkOut(): Promise<{ link: string; message: string }> {
    const outside = join(root, "outside");
    await mkdir(outside);
    await writeFile(join(outside, "passwd.md"), "root:x:0:0:root daemon bin bash");
    const link = join(corpusDir, "link.md");
    await symlink(join(outside, "passwd.md"), link);
    const message = `${link} is a link to a file in ${await realpath(outside)}, outside the corpus folder ${await realpath(corpusDir)}: move the story into the folder, or set CORPUS_FOLLOW_LINKS=true to follow links out of it`;
    return { link, message };
  }

  test("GIVEN a link out of the corpus appears while watching THEN the reload skips it with a warning", async () => {
    const library = await Library.open({ corpusDir, logger });
    cleanups.push(library.watch({ debounceMs: 50 }));
    const served = library.current();

    const { link, message } = await linkOut();

    await vi.waitFor(() => expect(library.current()).not.toBe(served), waitFor);
    expect(library.current().problems).toEqual([{ file: link, message }]);
    expect(logger.lines).toContain(`warn: Skipped a story: ${message}`);
    expect(library.current().index.stories.map((story) => story.slug)).toEqual([
      "trump-halts-cyber-operations",
    ]);
    expect(ask(library, SECRET_QUESTION).answered).toBe(false);
  });

  test("GIVEN a snapshot built following links THEN a start without following them rebuilds and skips the link", async () => {
    const snapshotPath = join(root, "cache", "index.snapshot");
    const { message } = await linkOut();
    const following = await Library.open({ corpusDir, snapshotPath, followLinks: true, logger });
    expect(ask(following, SECRET_QUESTION).results[0]?.id).toBe("link#1");
    const second = recordingLogger();

    const library = await Library.open({ corpusDir, snapshotPath, logger: second });

    expect(second.lines[0]).toMatch(
      / \(built: snapshot .* is stale: the corpus changed \(edited link\.md\)\)$/,
    );
    expect(second.lines[1]).toBe(`warn: Skipped a story: ${message}`);
    expect(ask(library, SECRET_QUESTION).answered).toBe(false);
  });
});

describe("Library.current", () => {
  test("returns the same state object until a reload swaps it", async () => {
    const library = await Library.open({ corpusDir, logger });
    const before = library.current();

    expect(library.current()).toBe(before);
    await writeFile(join(corpusDir, STORY), await readFile(STORY_SOURCE, "utf8"));
    await library.reload();

    expect(library.current()).not.toBe(before);
  });
});
