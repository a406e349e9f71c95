import {
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  realpath,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { CONFIDENCE_MODEL } from "../src/answer/confidence.ts";
import { SETTLED_FLOOR } from "../src/answer/outcome.ts";
import { PHRASE_MODEL } from "../src/answer/phraseModel.ts";
import { SNAPSHOT_MAGIC } from "../src/search/store/snapshot.ts";
import { type Run, runScript } from "./support/run.ts";

/** Runs the CLI as `npm run ask` does, with an optional stdin and environment. */
function ask(
  args: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  return runScript("src/cli.ts", args, {
    ...options,
    env: { CORPUS_DIR: "./corpus", INDEX_SNAPSHOT: "off", ...options.env },
  });
}

describe("npm run ask", { timeout: 20_000 }, () => {
  test("quotes the sentence naming Pete Hegseth with a ¶ citation for who issued the directive", async () => {
    const run = await ask(["Who issued the directive?"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("Q: Who issued the directive?");
    // The phrase first, then the sentence that says it, ¶ explained.
    expect(lines[1]).toBe("A: Defense Secretary Pete Hegseth");
    expect(lines[2]).toMatch(
      /^ {3}"Officials revealed that the directive, issued by Defense Secretary Pete Hegseth, .*\." \(¶3 = paragraph 3, Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts\)$/,
    );
    // ¶7 shares only "directive": it adds nothing and is left out.
    expect(run.stdout).not.toContain("¶7");
    expect(run.stderr).toBe("");
  });

  test("puts a confident phrase first: No, then the sentence that settles it with its ¶", async () => {
    const run = await ask(["Were any reasons given for the pause?"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines.slice(0, 2)).toEqual(["Q: Were any reasons given for the pause?", "A: No"]);
    expect(lines[2]).toMatch(
      /^ {3}"Officials revealed that .*no specific reasons were provided .*\." \(¶3 = paragraph 3, Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts\)$/,
    );
    expect(run.stderr).toBe("");
  });

  test("says why it refuses or is unsure: a name no story mentions, or words the story never reports", async () => {
    const run = await ask([], {
      stdin: "Did China pause its operations too?\nwhat did putin say\n",
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("The story does not mention China.");
    expect(run.stdout).toContain('Try: "What is the story about?"');
    expect(run.stdout).toContain(
      "The story may not answer this (it does not report anything Putin said); the closest passage",
    );
  });

  test("prints exactly one JSON object per stdin line with --json", async () => {
    const run = await ask(["--json"], {
      stdin: "Were any reasons given for the pause?\nWhat is the capital of France?\n",
    });
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0].answer.text).toBe("No");
    expect(lines[0].answer.kind).toBe("no");
    expect(lines[0].answer.confidence).toBeGreaterThanOrEqual(PHRASE_MODEL.thresholds.yesNo);
    expect(lines[0].answer.confidence).toBeLessThanOrEqual(1);
    expect(lines[0].results[0]).toMatchObject({
      id: "trump-halts-cyber-operations#3",
      citation: {
        story: "trump-halts-cyber-operations",
        title: "Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts",
        paragraph: 3,
        url: null,
      },
    });
    expect(Object.keys(lines[0].results[0]).sort()).toEqual([
      "bestSentence",
      "citation",
      "id",
      "score",
      "terms",
      "text",
    ]);
    expect(lines[0]).toMatchObject({ outcome: "answered", answered: true });
    // Answered from SETTLED_FLOOR, below the answered threshold: the No shown settles it.
    expect(lines[0].confidence).toBeGreaterThanOrEqual(SETTLED_FLOOR);
    expect(lines[1]).toEqual({
      question: "What is the capital of France?",
      outcome: "refused",
      answered: false,
      confidence: lines[1].confidence,
      refusal: { kind: "unnamed", names: ["france"] },
      suggestions: [
        "What is the story about?",
        "What does the story say about Defense Secretary Pete Hegseth?",
        "What does the story say about US Cyber Command?",
      ],
      answer: null,
      results: [],
    });
    expect(lines[1].confidence).toBeGreaterThanOrEqual(0);
    expect(lines[1].confidence).toBeLessThan(0.05);
  });

  test("limits results with --top and to one story with --story", async () => {
    const run = await ask([
      "--json",
      "--top",
      "1",
      "--story",
      "trump-halts-cyber-operations",
      "Schumer",
    ]);
    expect(JSON.parse(run.stdout).results.map((r: { id: string }) => r.id)).toEqual([
      "trump-halts-cyber-operations#7",
    ]);
  });

  test("answers a question leaning on nothing when the story answers it as it stands, and asks who is meant when it does not", async () => {
    const run = await ask([], { stdin: "where did they meet\nwhy did he do it?\n" });
    expect(run.code).toBe(0);
    const [met, why] = run.stdout.split(/^(?=Q: |I answer)/mu);
    expect(met).toMatch(/^Q: where did they meet\nA: .*White House meeting/u);
    expect(why).toBe(
      "I answer each question on its own, so I can't tell what “he” means here: say who or what you mean.\n",
    );
  });

  test("answers a question about the story as a document with what its file gives, and one put to the bot with what it is", async () => {
    const run = await ask([], { stdin: "source?\nare you a bot\n" });
    expect(run.code).toBe(0);
    const [source, bot] = run.stdout.trimEnd().split("\n");
    expect(source).toBe(
      "“Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts” gives no source.",
    );
    expect(bot).toMatch(/^I'm a bot that answers questions about the story loaded here/u);
  });

  test("prints a paragraph asked for by number whole, and says which paragraphs there are when it has none such", async () => {
    const run = await ask([], { stdin: "what does ¶2 say\nshow me paragraph 40\n" });
    expect(run.code).toBe(0);
    const [title, text, missing] = run.stdout.trimEnd().split("\n");
    expect(title).toBe(
      "¶2 · “Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts”",
    );
    expect(text).toMatch(/^US officials confirm a significant pause in offensive cyber measures/u);
    expect(missing).toBe(
      "“Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts” has no ¶40: its paragraphs are ¶1 to ¶8.",
    );
  });

  test("refuses a question of only stop words", async () => {
    const run = await ask(["--json", "what is it?"]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({
      question: "what is it?",
      outcome: "refused",
      answered: false,
      refusal: { kind: "off-topic" },
      answer: null,
      results: [],
    });
    expect(json.confidence).toBeLessThan(CONFIDENCE_MODEL.thresholds.refused);
  });

  test("strips control and zero-width characters before answering", async () => {
    const run = await ask(["--json", "Who\u0007 is\u200b Schu\u200bmer?\u001b[31m"]);
    const answer = JSON.parse(run.stdout);
    expect(answer.question).toBe("Who is Schumer? [31m");
    expect(answer.results[0].id).toBe("trump-halts-cyber-operations#7");
  });

  const failures = [
    {
      name: "an empty question",
      args: [""],
      env: {},
      code: 2,
      err: "error: The question is empty: type a question about the story.\n",
    },
    {
      name: "a blank question",
      args: [" \t "],
      env: {},
      code: 2,
      err: "error: The question is empty: type a question about the story.\n",
    },
    {
      name: "a question over the limit",
      args: ["why ".repeat(200)],
      env: {},
      code: 2,
      err: "error: The question is 799 characters long; the limit is 500. Ask something shorter.\n",
    },
    {
      name: "a bad --top",
      args: ["--top", "0", "x"],
      env: {},
      code: 2,
      err: 'error: --top is "0": use a whole number from 1 to 25\n',
    },
    {
      name: "an unknown --story",
      args: ["--story", "nope", "x"],
      env: {},
      code: 2,
      err: 'error: --story "nope" is not in the corpus; stories: trump-halts-cyber-operations\n',
    },
    {
      name: "a missing corpus folder",
      args: ["x"],
      env: { CORPUS_DIR: "./no-such-folder" },
      code: 1,
      err: "error: Corpus folder ./no-such-folder does not exist: create it and add a story, or set CORPUS_DIR\n",
    },
    {
      name: "CORPUS_DIR pointing at a file",
      args: ["x"],
      env: { CORPUS_DIR: "package.json" },
      code: 1,
      err: "error: CORPUS_DIR package.json is a file, not a folder: point it at the folder that holds the stories\n",
    },
  ];
  for (const { name, args, env, code, err } of failures) {
    test(`rejects ${name} with one line and exit code ${code}`, async () => {
      const run = await ask(args, { env });
      expect(run).toEqual({ code, stdout: "", stderr: err });
    });
  }

  test("reports a bad stdin line as a JSON error, answers the rest, and exits 1", async () => {
    const run = await ask(["--json"], { stdin: `${"x".repeat(600)}\nWho is Chuck Schumer?\n` });
    expect(run.code).toBe(1);
    const lines = run.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines[0].error).toBe(
      "The question is 600 characters long; the limit is 500. Ask something shorter.",
    );
    expect(lines[1].answered).toBe(true);
  });

  test("skips a story linked in from outside the corpus, unless CORPUS_FOLLOW_LINKS=true", async () => {
    const root = await mkdtemp(join(tmpdir(), "cli-links-"));
    try {
      const corpus = join(root, "corpus");
      await mkdir(corpus);
      await mkdir(join(root, "etc"));
      await copyFile(
        join("corpus", "trump-halts-cyber-operations.md"),
        join(corpus, "trump-halts-cyber-operations.md"),
      );
      await writeFile(join(root, "etc", "passwd"), "root:x:0:0:root daemon bin bash\n");
      await symlink(join(root, "etc", "passwd"), join(corpus, "link.md"));
      const question = ["--json", "root daemon bin bash"];

      const run = await ask(question, { env: { CORPUS_DIR: corpus } });
      const real = await realpath(root);
      expect(run.stderr).toBe(
        `warning: skipped ${join(corpus, "link.md")} is a link to a file in ${join(real, "etc")}, outside the corpus folder ${join(real, "corpus")}: move the story into the folder, or set CORPUS_FOLLOW_LINKS=true to follow links out of it\n`,
      );
      expect(JSON.parse(run.stdout)).toMatchObject({
        question: "root daemon bin bash",
        answered: false,
        results: [],
      });

      const following = await ask(question, {
        env: { CORPUS_DIR: corpus, CORPUS_FOLLOW_LINKS: "true" },
      });
      expect(following.stderr).toBe("");
      expect(JSON.parse(following.stdout).results[0].text).toBe("root:x:0:0:root daemon bin bash");
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test("GIVEN INDEX_SNAPSHOT THEN the first question writes the snapshot and the second reads it unchanged", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cli-snapshot-"));
    const snapshot = join(dir, "index.snapshot");
    try {
      const env = { INDEX_SNAPSHOT: snapshot };
      const first = await ask(["Who issued the directive?"], { env });
      const written = await stat(snapshot);
      const second = await ask(["Who issued the directive?"], { env });
      const after = await stat(snapshot);

      expect(first.code).toBe(0);
      expect((await readFile(snapshot, "utf8")).slice(0, 60)).toContain(SNAPSHOT_MAGIC);
      expect(second.stdout).toBe(first.stdout);
      expect(second.stderr).toBe("");
      // Rewritten, the snapshot would be a new file (written aside, then renamed over it).
      expect(after.ino).toBe(written.ino);
      expect(after.mtimeMs).toBe(written.mtimeMs);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
