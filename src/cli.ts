import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { answer } from "./answer/answer.ts";
import { asideLine } from "./answer/conversation.ts";
import { checkQuestion, MAX_QUESTION_CHARS } from "./answer/question.ts";
import { renderAnswerText } from "./answer/renderText.ts";
import type { Answer } from "./answer/types.ts";
import { type Config, ConfigError, readConfig } from "./config.ts";
import { CorpusError, describeCutStories, loadCorpus } from "./corpus/load.ts";
import type { CorpusProblem, Story } from "./corpus/types.ts";
import { SearchIndex } from "./search/index.ts";
import { loadOrBuildIndex } from "./search/store/snapshot.ts";

const USAGE = `Usage: npm run ask -- [options] ["question"]

Answers a question about the stories in the corpus with cited passages.
Without a question, reads questions from standard input, one a line.

Options:
  --top N         how many passages to show (1-25, default 3)
  --json          print one JSON object per question
  --story SLUG    only answer from this story (its file name without .md)
  -h, --help      show this help

Questions are at most ${MAX_QUESTION_CHARS} characters.`;

/** Thrown for a command-line mistake; the message says what to type instead. */
class UsageError extends Error {
  override readonly name = "UsageError";
}

interface Options {
  readonly top: number;
  readonly json: boolean;
  readonly story: string | undefined;
  readonly question: string | null;
}

function parseOptions(argv: readonly string[]): Options | "help" {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run with --help for the options.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  const top = Number(values.top ?? "3");
  if (!Number.isInteger(top) || top < 1 || top > 25) {
    throw new UsageError(`--top is ${JSON.stringify(values.top)}: use a whole number from 1 to 25`);
  }
  return {
    top,
    json: values.json ?? false,
    story: values.story,
    question: positionals.length > 0 ? positionals.join(" ") : null,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      top: { type: "string" },
      json: { type: "boolean" },
      story: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = readConfig();
  const opened = await openIndex(config);
  for (const problem of opened.problems)
    process.stderr.write(`warning: skipped ${problem.message}\n`);
  for (const warning of describeCutStories(opened.stories))
    process.stderr.write(`warning: cut short ${warning}\n`);
  const { index } = opened;
  if (options.story !== undefined && index.story(options.story) === undefined) {
    const known = index.stories.map((s) => s.slug).join(", ");
    throw new UsageError(
      `--story ${JSON.stringify(options.story)} is not in the corpus; stories: ${known}`,
    );
  }
  const titles = index.stories.map((s) => s.title);
  const ask = (question: string): Answer =>
    answer(index, question, {
      top: options.top,
      ...(options.story ? { story: options.story } : {}),
    });
  const print = (result: Answer) =>
    process.stdout.write(
      options.json
        ? `${JSON.stringify(answerJSON(result))}\n`
        : `${renderAnswerText(result, titles, result.phrase ?? null)}\n`,
    );
  // Small talk gets its line; so does a question leaning on an earlier one, unless the stories
  // answer it as it stands, when the answer that decided it is the one printed.
  const reply = (text: string) => {
    let found: Answer | undefined;
    const outcome = () => {
      found ??= ask(text);
      return found.outcome;
    };
    const aside = options.json
      ? null
      : asideLine(index, text, {
          outcome,
          story: options.story ?? null,
        });
    if (aside !== null) process.stdout.write(`${aside}\n`);
    else print(found ?? ask(text));
  };

  if (options.question !== null) {
    const check = checkQuestion(options.question);
    if (!check.ok) throw new UsageError(check.message);
    reply(check.text);
    await warnIfChanged(opened);
    return 0;
  }
  let failures = 0;
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    const check = checkQuestion(line);
    if (check.ok) {
      reply(check.text);
      continue;
    }
    failures++;
    if (options.json)
      process.stdout.write(
        `${JSON.stringify({ question: line.slice(0, 80), error: check.message })}\n`,
      );
    else process.stderr.write(`error: ${check.message}\n`);
  }
  await warnIfChanged(opened);
  return failures > 0 ? 1 : 0;
}

/** The index as `npm start` opens it: from the snapshot at INDEX_SNAPSHOT when it is current. */
async function openIndex(config: Config): Promise<{
  readonly index: SearchIndex;
  readonly stories: readonly Story[];
  readonly problems: readonly CorpusProblem[];
  readonly verify: () => Promise<string | null>;
}> {
  if (config.snapshotPath === null) {
    const corpus = await loadCorpus(config.corpusDir, { followLinks: config.followLinks });
    const index = SearchIndex.build(corpus.stories);
    return { ...corpus, index, verify: async () => null };
  }
  const loaded = await loadOrBuildIndex({
    corpusDir: config.corpusDir,
    snapshotPath: config.snapshotPath,
    followLinks: config.followLinks,
  });
  if (loaded.saveError !== null) process.stderr.write(`warning: ${loaded.saveError}\n`);
  return loaded;
}

/** After answering, checks the story files the snapshot was trusted for, as the bot does in the background. */
async function warnIfChanged(opened: { readonly verify: () => Promise<string | null> }) {
  const change = await opened.verify();
  if (change !== null) {
    process.stderr.write(`warning: ${change}; answers above may be out of date, ask again\n`);
  }
}

/** An answer in the CLI's documented JSON shape, field by field, so the contract does not drift with the type. */
function answerJSON(result: Answer) {
  const phrase = result.phrase ?? null;
  return {
    question: result.question,
    outcome: result.outcome,
    answered: result.answered,
    confidence: Math.round(result.confidence * 1000) / 1000,
    ...(result.likely === true ? { likely: true } : {}),
    ...(result.refusal === undefined ? {} : { refusal: result.refusal }),
    ...(result.suggestions === undefined ? {} : { suggestions: result.suggestions }),
    answer:
      phrase === null
        ? null
        : { text: phrase.text, confidence: phrase.confidence, kind: phrase.kind },
    results: result.results.map((r) => ({
      id: r.id,
      score: r.score,
      text: r.text,
      bestSentence: r.bestSentence,
      terms: r.terms,
      citation: r.citation,
    })),
  };
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const known =
    error instanceof UsageError || error instanceof ConfigError || error instanceof CorpusError;
  process.stderr.write(`error: ${known ? error.message : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
