import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { MAX_TITLE_CHARS, MAX_URL_CHARS } from "../src/corpus/clip.ts";
import {
  CorpusError,
  describeCutStories,
  loadCorpus,
  parseStory,
  slugFor,
} from "../src/corpus/load.ts";
import { MAX_PARAGRAPHS, MAX_PASSAGE_CHARS } from "../src/corpus/passages.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "corpus-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("loadCorpus on the shipped story", () => {
  test("collapses the repeated headline and five repeated paragraphs into nine passages", async () => {
    const { stories, problems } = await loadCorpus("corpus");
    expect(problems).toEqual([]);
    const story = stories[0];
    expect(story?.slug).toBe("trump-halts-cyber-operations");
    expect(story?.title).toBe(
      "Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts",
    );
    expect(story?.duplicatesRemoved).toBe(6);
    expect(story?.passages.map((p) => p.id)).toEqual([
      "trump-halts-cyber-operations#1",
      "trump-halts-cyber-operations#0",
      ...[2, 3, 4, 5, 6, 7, 8].map((n) => `trump-halts-cyber-operations#${n}`),
    ]);
    expect(story?.passages[1]?.text).toBe(
      "Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts",
    );
    expect(story?.passages.find((p) => p.paragraph === 3)?.line).toBe(10);
  });

  test("leaves the story file byte for byte as delivered below its header", async () => {
    const text = await readFile("corpus/trump-halts-cyber-operations.md", "utf8");
    expect(text.split("\n").slice(4)).toHaveLength(16);
    expect(text.match(/\*\*Trump Administration Halts/g)).toHaveLength(2);
  });
});

describe("loadCorpus", () => {
  test("reports a missing folder with the fix", async () => {
    await expect(loadCorpus(join(dir, "nope"))).rejects.toThrow(
      `Corpus folder ${join(dir, "nope")} does not exist: create it and add a story, or set CORPUS_DIR`,
    );
  });

  test("reports a folder with no story files", async () => {
    await writeFile(join(dir, "notes.json"), "{}");
    await expect(loadCorpus(dir)).rejects.toThrow(`Corpus folder ${dir} has no stories`);
  });

  test("reports CORPUS_DIR pointing at a file", async () => {
    await expect(loadCorpus("package.json")).rejects.toThrow(
      "CORPUS_DIR package.json is a file, not a folder: point it at the folder that holds the stories",
    );
  });

  test("loads the good stories and reports each bad one by file and problem", async () => {
    await writeFile(
      join(dir, "good.md"),
      "---\ntitle: Good\nurl: https://example.com/a\n---\nA paragraph.",
    );
    await writeFile(join(dir, "empty.md"), "");
    await writeFile(join(dir, "header-only.md"), "---\ntitle: Nothing\n---\n\n");
    await writeFile(join(dir, "unclosed.md"), "---\ntitle: Broken\nText.");
    await writeFile(join(dir, "badline.md"), "---\nthis is not a field\n---\nText.");
    await writeFile(join(dir, "binary.txt"), Buffer.from([0x41, 0x00, 0x42]));
    await writeFile(join(dir, "latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    await writeFile(join(dir, "badurl.md"), "---\nurl: javascript:alert(1)\n---\nText.");
    const { stories, problems } = await loadCorpus(dir);
    expect(stories.map((s) => s.slug)).toEqual(["good"]);
    expect(stories[0]?.url).toBe("https://example.com/a");
    expect(problems.map((p) => p.message)).toEqual([
      `${join(dir, "badline.md")} has broken front matter: front matter line 2 is not 'key: value': "this is not a field"`,
      `${join(dir, "badurl.md")} has a url that is not an http(s) link: "javascript:alert(1)"`,
      `${join(dir, "binary.txt")} is not text (it contains NUL bytes)`,
      `${join(dir, "empty.md")} has no text: write the story below its header`,
      `${join(dir, "header-only.md")} has no text: write the story below its header`,
      `${join(dir, "latin1.txt")} is not valid UTF-8: save it as UTF-8 text`,
      `${join(dir, "unclosed.md")} has broken front matter: front matter opened by '---' on line 1 is never closed: add a line '---' after the header`,
    ]);
  });

  test("fails with every problem listed when no story loads", async () => {
    await writeFile(join(dir, "empty.md"), "");
    await expect(loadCorpus(dir)).rejects.toThrow(CorpusError);
    await expect(loadCorpus(dir)).rejects.toThrow(`${join(dir, "empty.md")} has no text`);
  });

  test("ignores sub-folders, hidden files and other file types", async () => {
    await mkdir(join(dir, "sub.md"));
    await writeFile(join(dir, ".draft.md"), "Hidden.");
    await writeFile(join(dir, "a.md"), "Shown.");
    const { stories, problems } = await loadCorpus(dir);
    expect(stories.map((s) => s.slug)).toEqual(["a"]);
    expect(problems.map((p) => p.message)).toEqual([
      `${join(dir, "sub.md")} is not a regular file`,
    ]);
  });

  test("reports two files with the same slug instead of mixing them", async () => {
    await writeFile(join(dir, "same.md"), "One.");
    await writeFile(join(dir, "same.txt"), "Two.");
    const { stories, problems } = await loadCorpus(dir);
    expect(stories.map((s) => s.file)).toEqual([join(dir, "same.md")]);
    expect(problems[0]?.message).toBe(
      `${join(dir, "same.txt")} has the same name as ${join(dir, "same.md")}: rename one of them`,
    );
  });
});

describe("parseStory", () => {
  test("takes the title from front matter, then the first heading, then the first line", () => {
    expect(parseStory("a.md", "---\ntitle: 'Quoted'\n---\n# Heading\nText.").title).toBe("Quoted");
    expect(parseStory("a.md", "# Heading\nText.").title).toBe("Heading");
    expect(parseStory("a.md", "First line.\nSecond.").title).toBe("First line.");
  });

  test("reads CRLF line endings and a byte-order mark like plain newlines", () => {
    const story = parseStory(
      "a.md",
      "\uFEFF---\r\ntitle: T\r\n---\r\n**H**\r\n\r\nOne.\r\nTwo.\r\n",
    );
    expect(story.passages.map((p) => [p.id, p.text, p.line])).toEqual([
      ["a#0", "H", 4],
      ["a#1", "One.", 6],
      ["a#2", "Two.", 7],
    ]);
  });

  test("keeps source and date from front matter and ignores unknown keys", () => {
    const story = parseStory("a.md", "---\nsource: Wire\ndate: 2025-03-02\nauthor: X\n---\nText.");
    expect([story.source, story.date, story.url]).toEqual(["Wire", "2025-03-02", null]);
  });
});

describe("parseStory bounds", () => {
  const storyLines = readFileSync("corpus/trump-halts-cyber-operations.md", "utf8").split("\n");

  test("GIVEN a url of exactly 500 characters THEN it is kept; GIVEN 501 THEN the story is refused with the length and the fix", () => {
    expect(MAX_URL_CHARS).toBe(500);
    const base = "https://example.com/";
    const fits = `${base}${"a".repeat(MAX_URL_CHARS - base.length)}`;
    expect(parseStory("a.md", `---\nurl: ${fits}\n---\nText.`).url).toBe(fits);
    expect(() => parseStory("a.md", `---\nurl: ${fits}b\n---\nText.`)).toThrow(
      "has a url of 501 characters; the limit is 500: use a shorter link to the story, or leave url out",
    );
  });

  test("cuts a 731-character first line to a title of at most 200 characters, at a word, with …", () => {
    const firstLine = `${storyLines[10]} ${storyLines[11]}`.slice(0, 731);
    expect(firstLine).toHaveLength(731);
    const story = parseStory("a.md", `${firstLine}\nSecond paragraph.`);
    expect(story.title).toBe(
      "The halt comes amidst a backdrop of heightened tensions, marked by a recent heated exchange between President Trump and Ukrainian President Volodymyr Zelensky during a White House meeting. Since…",
    );
    expect(story.passages[0]?.text).toBe(firstLine.trimEnd());
  });

  test("bounds the title of an 11,279-character paragraph with no punctuation and splits it into cited parts", () => {
    const words = storyLines
      .slice(9, 14)
      .join(" ")
      .replace(/[^\p{L}\p{N} ]+/gu, "");
    const paragraph = `${words} `.repeat(6).slice(0, 11_279).trim();
    expect(paragraph).toHaveLength(11_279);
    const story = parseStory("a.md", `${paragraph}\n\nSecond paragraph.`);
    expect(story.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(story.title.endsWith("…")).toBe(true);
    expect(paragraph.startsWith(`${story.title.slice(0, -1)} `)).toBe(true);
    expect(story.passages.map((p) => p.id)).toEqual([
      ...Array.from({ length: 13 }, (_, i) => `a#1.${i + 1}`),
      "a#2",
    ]);
    expect(story.passages.every((p) => p.text.length <= MAX_PASSAGE_CHARS)).toBe(true);
    expect(
      story.passages
        .filter((p) => p.paragraph === 1)
        .map((p) => p.text)
        .join(" "),
    ).toBe(paragraph);
  });

  test("cuts a title, source and date from front matter to 200 characters", () => {
    const long = "word ".repeat(100).trim();
    const story = parseStory(
      "a.md",
      `---\ntitle: ${long}\nsource: ${long}\ndate: ${long}\n---\nText.`,
    );
    const clipped = `${"word ".repeat(39)}word…`;
    expect([story.title, story.source, story.date]).toEqual([clipped, clipped, clipped]);
    expect(clipped).toHaveLength(200);
  });

  test("keeps the first 5,000 paragraphs of a story and warns about the rest", () => {
    const body = Array.from({ length: MAX_PARAGRAPHS + 3 }, (_, i) => `Paragraph ${i + 1}.`);
    const story = parseStory("corpus/long.md", body.join("\n"));
    expect(story.passages).toHaveLength(MAX_PARAGRAPHS);
    expect(story.passages.at(-1)).toMatchObject({ id: "long#5000", text: "Paragraph 5000." });
    expect(story.paragraphsDropped).toBe(3);
    expect(describeCutStories([story])).toEqual([
      "corpus/long.md has 5003 paragraphs; only the first 5000 are served: split it into several stories",
    ]);
  });
});

describe("slugFor", () => {
  const cases = [
    { file: "corpus/My Story.md", out: "my-story" },
    { file: "corpus/Café_Crème!.txt", out: "cafe-creme" },
    { file: "corpus/***.md", out: "story" },
    { file: `corpus/${"x".repeat(120)}.md`, out: "x".repeat(80) },
  ] as const;
  for (const { file, out } of cases) {
    test(`turns ${JSON.stringify(file.slice(0, 30))} into ${JSON.stringify(out.slice(0, 20))}`, () => {
      expect(slugFor(file)).toBe(out);
    });
  }
});

describe("loadCorpus and symbolic links", () => {
  let outside: string;
  let realDir: string;
  let realOutside: string;
  beforeEach(async () => {
    outside = await mkdtemp(join(tmpdir(), "outside-"));
    // The temporary folder may itself be reached through a link (macOS: /var → /private/var).
    [realDir, realOutside] = [await realpath(dir), await realpath(outside)];
    await writeFile(join(outside, "passwd.md"), "root daemon bin bash");
    await writeFile(join(dir, "good.md"), "A paragraph.");
  });
  afterEach(async () => {
    await rm(outside, { recursive: true, force: true });
  });

  test("skips a link to a file outside the folder, naming the link and the folder it leads to", async () => {
    await symlink(join(outside, "passwd.md"), join(dir, "link.md"));
    const { stories, problems } = await loadCorpus(dir);
    expect(stories.map((s) => s.slug)).toEqual(["good"]);
    expect(problems.map((p) => p.message)).toEqual([
      `${join(dir, "link.md")} is a link to a file in ${realOutside}, outside the corpus folder ${realDir}: move the story into the folder, or set CORPUS_FOLLOW_LINKS=true to follow links out of it`,
    ]);
  });

  test("skips a link to a folder outside, named like a story", async () => {
    await symlink(outside, join(dir, "more.md"));
    const { problems } = await loadCorpus(dir);
    expect(problems.map((p) => p.message)).toEqual([
      `${join(dir, "more.md")} is a link to the folder ${realOutside}, outside the corpus folder ${realDir}: move the story into the folder, or set CORPUS_FOLLOW_LINKS=true to follow links out of it`,
    ]);
  });

  test("skips a link through a linked folder, however many links lead out", async () => {
    await symlink(outside, join(dir, "door"));
    await symlink(join("door", "passwd.md"), join(dir, "link.md"));
    const { stories, problems } = await loadCorpus(dir);
    expect(stories.map((s) => s.slug)).toEqual(["good"]);
    expect(problems[0]?.message).toContain(`is a link to a file in ${realOutside}, outside`);
  });

  test("reads a link out of the folder when followLinks is set", async () => {
    await symlink(join(outside, "passwd.md"), join(dir, "link.md"));
    const { stories, problems } = await loadCorpus(dir, { followLinks: true });
    expect(problems).toEqual([]);
    expect(stories.find((s) => s.slug === "link")?.passages[0]?.text).toBe("root daemon bin bash");
  });

  test("reads a link to another file inside the folder", async () => {
    await mkdir(join(dir, "drafts"));
    await writeFile(join(dir, "drafts", "b.txt"), "Inside the corpus.");
    await symlink(join("drafts", "b.txt"), join(dir, "b.md"));
    const { stories, problems } = await loadCorpus(dir);
    expect(problems).toEqual([]);
    expect(stories.map((s) => s.title)).toEqual(["Inside the corpus.", "A paragraph."]);
  });

  test("reads a corpus folder that is itself a link", async () => {
    const link = join(outside, "corpus-link");
    await symlink(dir, link);
    const { stories, problems } = await loadCorpus(link);
    expect(problems).toEqual([]);
    expect(stories.map((s) => s.file)).toEqual([join(link, "good.md")]);
  });

  test("reports a link to nothing with its target", async () => {
    await symlink(join(outside, "gone.md"), join(dir, "dangling.md"));
    const { problems } = await loadCorpus(dir);
    expect(problems.map((p) => p.message)).toEqual([
      `${join(dir, "dangling.md")} is a link to ${join(outside, "gone.md")}, which does not exist: remove the link or restore its target`,
    ]);
  });

  test("reports a named pipe as no regular file, without waiting for a writer", async () => {
    execFileSync("mkfifo", [join(dir, "pipe.md")]);
    const { problems } = await loadCorpus(dir);
    expect(problems.map((p) => p.message)).toEqual([
      `${join(dir, "pipe.md")} is not a regular file`,
    ]);
  });
});
