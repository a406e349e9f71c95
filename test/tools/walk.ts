/**
 * Measures the walk of `answer()`'s question through `src/`: which files the question passes
 * through, how often it climbs back to an earlier layer and how often it returns to a file it left.
 *
 * It copies `src/` into a temporary folder with every function instrumented (TypeScript's compiler
 * turns each file into JavaScript, then a transform makes each function record its file, its name
 * and its arguments on entry, and its exit), builds the index of `corpus/` with that copy, and asks
 * `answer()` a handful of representative questions, recording only while `answer()` runs.
 *
 * - **The question** is its text (recognised by value) and every value `readQuestion` returns,
 *   with everything it holds (its words, term sets, query terms and their stand-ins, speaker,
 *   expected answer), recognised by identity through plain objects, arrays, sets and maps.
 * - **A call carries the question** when one of its arguments is the question, or a plain object or
 *   array that holds it directly (`{ terms, rated }`, an examination holding its terms).
 * - **A file is entered** when a function of another file (or `answer()`'s caller) calls one of its
 *   functions with the question; a file's calls to its own helpers, and callbacks it hands to
 *   built-ins (`terms.map(…)`), do not enter it again.
 * - **The walk** is the files entered, in order, consecutive repeats collapsed. Layers in the order
 *   imports flow: language 0, corpus 1, search 2, answer 3, discord 4, entry points 5.
 * - **A climb** is a step to a file of an earlier layer than the one before; the first climb made
 *   while the question is being read (out of `answer()` into `language/`) is not counted.
 * - **A return** is a step into a file the walk entered before.
 * - **A container** (`CONTAINERS`) is copied as it is, not instrumented: storing part of the
 *   question in a cache is no step of its walk, as `Map.set` was none before the cache wrapped it.
 *
 * Parameters' defaults run before the entry is recorded, and a question of one word would make any
 * call with that word carry it; the questions below are neither.
 *
 *   npx tsx test/tools/walk.ts          # the walk of each question, and the counts
 *   npx tsx test/tools/walk.ts --json   # the same as JSON, for test/walk.test.ts
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

/** The goal of issue 23: at most this many climbs and returns for any question. */
export const WALK_GOAL = { climbs: 2, returns: 4 } as const;

/** Representative questions about the shipped story: plain, yes/no, a speaker's words, a number, off-topic. */
export const WALK_QUESTIONS: readonly { readonly label: string; readonly question: string }[] = [
  { label: "plain", question: "Who ordered the pause on cyber operations against Russia?" },
  { label: "yes/no", question: "Did Schumer support the pause?" },
  { label: "speaker", question: "What did Schumer say about the pause?" },
  { label: "number", question: "How many officials confirmed the pause?" },
  { label: "refusal", question: "Who won the Super Bowl last year?" },
];

// Functions whose return value is the question read once.
const READERS: ReadonlySet<string> = new Set(["readQuestion"]);

const LAYERS: Readonly<Record<string, number>> = {
  language: 0,
  corpus: 1,
  search: 2,
  answer: 3,
  discord: 4,
};

/** The layer of a file under src/ ("search/rerank.ts" → 2); files at the top are entry points. */
export function layerOf(file: string): number {
  return LAYERS[file.split("/")[0] ?? ""] ?? 5;
}

/** One step of a walk: the file entered and the first function entered there. */
export interface Step {
  readonly file: string;
  readonly name: string;
  /** True when the step climbs back to an earlier layer (and is counted). */
  readonly climb: boolean;
  /** True when the step enters a file the walk entered before. */
  readonly returns: boolean;
}

/** A question's walk and its counts. */
export interface Walk {
  readonly steps: readonly Step[];
  readonly climbs: number;
  readonly returns: number;
}

/**
 * The walk of a sequence of entries (file, function, and whether the question was still being
 * read): consecutive entries in one file collapsed, climbs and returns marked.
 */
export function walkOf(
  entries: readonly { readonly file: string; readonly name: string; readonly reading: boolean }[],
): Walk {
  const steps: Step[] = [];
  const seen = new Set<string>();
  let excused = false;
  let previous: string | undefined;
  for (const { file, name, reading } of entries) {
    if (file === previous) continue;
    let climb = previous !== undefined && layerOf(file) < layerOf(previous);
    if (climb && reading && !excused) {
      excused = true;
      climb = false;
    }
    steps.push({ file, name, climb, returns: seen.has(file) });
    seen.add(file);
    previous = file;
  }
  return {
    steps,
    climbs: steps.filter((s) => s.climb).length,
    returns: steps.filter((s) => s.returns).length,
  };
}

interface Entry {
  readonly file: string;
  readonly name: string;
  readonly args: readonly unknown[];
  readonly reading: boolean;
}

/** What the instrumented code calls: set on `globalThis.__walk` before it is imported. */
interface Recorder {
  on: boolean;
  entries: Entry[];
  /** The files of the functions running, innermost last. */
  stack: string[];
  read: unknown;
  reading: boolean;
  enter(file: string, name: string, args: unknown[]): void;
  exit(): void;
  returned<T>(value: T): T;
}

function newRecorder(): Recorder {
  return {
    on: false,
    entries: [],
    stack: [],
    read: undefined,
    reading: true,
    enter(file, name, args) {
      // Only a call from another file enters a file; a file's own helpers do not.
      if (this.stack.at(-1) !== file)
        this.entries.push({ file, name, args, reading: this.reading });
      this.stack.push(file);
    },
    exit() {
      this.stack.pop();
    },
    returned(value) {
      if (this.on && this.read === undefined) {
        this.read = value;
        this.reading = false;
      }
      return value;
    },
  };
}

function isPlain(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value) || value instanceof Set || value instanceof Map) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function children(value: object): unknown[] {
  if (Array.isArray(value)) return value;
  if (value instanceof Set) return [...value];
  if (value instanceof Map) return [...value.values()];
  return Object.values(value);
}

/** Every object the question read once holds, by identity. */
function reachable(root: unknown): Set<object> {
  const found = new Set<object>();
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (!isPlain(value) || found.has(value)) continue;
    found.add(value);
    stack.push(...children(value));
  }
  return found;
}

/** True when one of the arguments is the question, or a plain object or array holding it directly. */
function carries(args: readonly unknown[], text: string, question: ReadonlySet<object>): boolean {
  const is = (v: unknown): boolean =>
    v === text || (typeof v === "object" && v !== null && question.has(v));
  return args.some((a) => is(a) || (isPlain(a) && !question.has(a) && children(a).some(is)));
}

/** The JavaScript of one TypeScript file of src/, each function recording its entry. */
export function instrument(source: string, file: string): string {
  const js = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      verbatimModuleSyntax: true,
    },
  }).outputText;
  const parsed = ts.createSourceFile(file, js, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const result = ts.transform(parsed, [(context) => (root) => visitFile(root, file, context)]);
  const printed = ts.createPrinter().printFile(result.transformed[0] as ts.SourceFile);
  result.dispose();
  return printed;
}

function visitFile(
  root: ts.SourceFile,
  file: string,
  context: ts.TransformationContext,
): ts.SourceFile {
  const f = context.factory;
  const recorder = () =>
    f.createPropertyAccessExpression(f.createIdentifier("globalThis"), "__walk");
  const entry = (fn: ts.SignatureDeclaration): ts.Statement =>
    f.createExpressionStatement(
      f.createLogicalAnd(
        f.createPropertyAccessExpression(recorder(), "on"),
        f.createCallExpression(f.createPropertyAccessExpression(recorder(), "enter"), undefined, [
          f.createStringLiteral(file),
          f.createStringLiteral(nameOf(fn)),
          f.createArrayLiteralExpression(parameterNames(fn).map((n) => f.createIdentifier(n))),
        ]),
      ),
    );
  const exit = (): ts.Block =>
    f.createBlock([
      f.createExpressionStatement(
        f.createLogicalAnd(
          f.createPropertyAccessExpression(recorder(), "on"),
          f.createCallExpression(
            f.createPropertyAccessExpression(recorder(), "exit"),
            undefined,
            [],
          ),
        ),
      ),
    ]);
  // The entry, then the body, with the exit recorded however it ends.
  const wrapped = (fn: ts.SignatureDeclaration, statements: readonly ts.Statement[]): ts.Block =>
    f.createBlock(
      [entry(fn), f.createTryStatement(f.createBlock(statements, true), undefined, exit())],
      true,
    );
  const returned = (e: ts.Expression): ts.Expression =>
    f.createCallExpression(f.createPropertyAccessExpression(recorder(), "returned"), undefined, [
      e,
    ]);
  const wrapReturns = (node: ts.Node): ts.Node => {
    if (ts.isFunctionLike(node)) return node;
    if (ts.isReturnStatement(node) && node.expression !== undefined) {
      return f.updateReturnStatement(node, returned(node.expression));
    }
    return ts.visitEachChild(node, wrapReturns, context);
  };
  const visit = (node: ts.Node): ts.Node => {
    const fn = node.parent;
    if (ts.isBlock(node) && fn !== undefined && isFunction(fn) && fn.body === node) {
      let body = ts.visitEachChild(node, visit, context);
      if (READERS.has(nameOf(fn))) body = ts.visitEachChild(body, wrapReturns, context);
      return wrapped(fn, body.statements);
    }
    if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) {
      const visited = ts.visitEachChild(node, visit, context);
      return f.updateArrowFunction(
        visited,
        visited.modifiers,
        visited.typeParameters,
        visited.parameters,
        visited.type,
        visited.equalsGreaterThanToken,
        wrapped(node, [f.createReturnStatement(visited.body as ts.Expression)]),
      );
    }
    return ts.visitEachChild(node, visit, context);
  };
  return ts.visitEachChild(root, visit, context);
}

function isFunction(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

function nameOf(fn: ts.SignatureDeclaration): string {
  const own = fn.name !== undefined && ts.isIdentifier(fn.name) ? fn.name.text : undefined;
  if (ts.isConstructorDeclaration(fn)) return `${classOf(fn)}.constructor`;
  if (own !== undefined) {
    return ts.isMethodDeclaration(fn) || ts.isAccessor(fn) ? `${classOf(fn)}.${own}` : own;
  }
  const parent = fn.parent;
  if (
    parent !== undefined &&
    (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent))
  ) {
    if (ts.isIdentifier(parent.name)) return parent.name.text;
  }
  return "(anonymous)";
}

function classOf(node: ts.Node): string {
  const parent = node.parent;
  return parent !== undefined && ts.isClassLike(parent) && parent.name !== undefined
    ? parent.name.text
    : "(object)";
}

function parameterNames(fn: ts.SignatureDeclaration): string[] {
  const names: string[] = [];
  const collect = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.push(name.text);
    else
      for (const element of name.elements)
        if (!ts.isOmittedExpression(element)) collect(element.name);
  };
  for (const p of fn.parameters) collect(p.name);
  return names.filter((n) => n !== "this");
}

// Files that stand in for a built-in container, left uninstrumented (see "A container" above).
const CONTAINERS: ReadonlySet<string> = new Set(["language/cappedCache.ts"]);

/** Copies src/ into `out`, each TypeScript file instrumented but containers, every other file linked. */
function instrumentTree(src: string, out: string): void {
  for (const entry of readdirSync(src, { withFileTypes: true })) {
    const from = join(src, entry.name);
    const to = join(out, entry.name);
    if (entry.isDirectory() && entry.name === "data") symlinkSync(from, to);
    else if (entry.isDirectory()) {
      mkdirSync(to);
      instrumentTree(from, to);
    } else if (entry.name.endsWith(".ts")) {
      const source = readFileSync(from, "utf8");
      const file = relative(SRC, from);
      writeFileSync(to, CONTAINERS.has(file) ? source : instrument(source, file));
    } else symlinkSync(from, to);
  }
}

const ROOT = join(import.meta.dirname, "..", "..");
const SRC = join(ROOT, "src");

/** The walk of each representative question through an instrumented copy of src/. */
export async function measureWalks(): Promise<{ label: string; question: string; walk: Walk }[]> {
  const out = mkdtempSync(join(tmpdir(), "walk-"));
  try {
    symlinkSync(join(ROOT, "node_modules"), join(out, "node_modules"));
    mkdirSync(join(out, "src"));
    instrumentTree(SRC, join(out, "src"));
    const recorder = newRecorder();
    (globalThis as { __walk?: Recorder }).__walk = recorder;
    const load = async <T>(file: string): Promise<T> =>
      (await import(pathToFileURL(join(out, "src", file)).href)) as T;
    type Modules = {
      loadCorpus: (dir: string) => Promise<{ stories: readonly unknown[] }>;
      SearchIndex: { build(stories: readonly unknown[]): unknown };
      answer: (index: unknown, question: string) => unknown;
    };
    const { loadCorpus } = await load<Pick<Modules, "loadCorpus">>("corpus/load.ts");
    const { SearchIndex } = await load<Pick<Modules, "SearchIndex">>("search/index.ts");
    const { answer } = await load<Pick<Modules, "answer">>("answer/answer.ts");
    const index = SearchIndex.build((await loadCorpus(join(ROOT, "corpus"))).stories);
    const walks = [];
    for (const { label, question } of WALK_QUESTIONS) {
      recorder.entries = [];
      recorder.read = undefined;
      recorder.reading = true;
      recorder.on = true;
      answer(index, question);
      recorder.on = false;
      const held = reachable(recorder.read);
      const entries = recorder.entries.filter((e) => carries(e.args, question, held));
      walks.push({ label, question, walk: walkOf(entries) });
    }
    return walks;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function print(walks: Awaited<ReturnType<typeof measureWalks>>): void {
  for (const { label, question, walk } of walks) {
    console.log(`${label}: ${question}`);
    for (const step of walk.steps) {
      const marks = `${step.climb ? "↑" : " "}${step.returns ? "↺" : " "}`;
      console.log(`  ${marks} ${layerOf(step.file)} ${step.file}  (${step.name})`);
    }
    console.log(`  climbs ${walk.climbs}, returns ${walk.returns}\n`);
  }
  const climbs = Math.max(...walks.map((w) => w.walk.climbs));
  const returns = Math.max(...walks.map((w) => w.walk.returns));
  console.log(
    `most: climbs ${climbs}, returns ${returns} (goal: at most ${WALK_GOAL.climbs} and ${WALK_GOAL.returns})`,
  );
}

// Run, not imported (test/walk.test.ts imports `walkOf` and runs this file in a child process).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const walks = await measureWalks();
  if (process.argv.includes("--json")) console.log(JSON.stringify(walks));
  else print(walks);
}
