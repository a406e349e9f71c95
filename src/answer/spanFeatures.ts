/**
 * What the span scorer sees of one candidate phrase: whether it is the kind of thing asked for,
 * where it stands to the question's words (before or after them, beside a name the question names,
 * after a comma or a preposition), and its own look (length, capitals, quotes). The weights are
 * fitted by `npm run fit-phrases` (test/eval/fitPhrases.ts) and live in phrase.json.
 */
import type { PhraseKind } from "../language/answerType.ts";
import type { Candidate, CandidateShape, Token } from "./phraseCandidates.ts";

/** The kinds of thing a question asks for, as the scorer groups them. */
export const ASKED_GROUPS = ["person", "place", "quantity", "time", "duration", "thing"] as const;
type AskedGroup = (typeof ASKED_GROUPS)[number];

const SHAPES: readonly CandidateShape[] = ["name", "quantity", "time", "duration", "phrase"];

/** The group of a phrase kind: "figure", "number" and "age" are quantities; "date" and "year" times. */
export function askedGroup(kind: PhraseKind): AskedGroup {
  if (kind === "number" || kind === "figure" || kind === "age") return "quantity";
  if (kind === "date" || kind === "year") return "time";
  return kind;
}

// Words either side of a candidate in which question words count as near it.
const NEAR = 6;
// Distances are counted up to this many tokens; further is as far.
const FAR = 10;

/** The span features in the order of their weights in phrase.json. */
export const SPAN_FEATURES: readonly string[] = [
  ...ASKED_GROUPS.flatMap((g) => SHAPES.map((s) => `asks ${g}, is ${s}`)),
  "kind asked",
  "question word to the left",
  "question word to the right",
  "distance to the left",
  "distance to the right",
  "question words near",
  "sentence overlap",
  "second sentence",
  "third sentence or later",
  "length",
  "long",
  "beside a question word",
  "comma beside a question word",
  "trimmed of question words",
  "after by",
  "after in or at",
  "after on",
  "after of",
  "after for or to",
  "before a speech verb",
  "starts the sentence",
  "capitalised share",
  "in quotes",
  "rivals",
  "position",
  "question words close",
  "question words inside",
  "verb-like words",
  "beside the asked noun",
  "like the asked noun",
  "asked noun's like beside",
];

/** One sentence as the scorer reads it against a question. */
export interface SentenceContext {
  readonly tokens: readonly Token[];
  /** For each token, whether the question has its term. */
  readonly shared: readonly boolean[];
  /** Share of the question's terms the sentence holds. */
  readonly overlap: number;
  /** The sentence's place among those read, 0 for the best. */
  readonly rank: number;
  readonly kind: PhraseKind;
  readonly questionTerms: number;
  /** Candidates of the kind asked for in the sentence. */
  readonly fitting: number;
  /** Tokens inside quotation marks. */
  readonly quoted: readonly boolean[];
  /** Index of the sentence's first word, -1 when it has none. */
  readonly firstWord: number;
  /** Terms of the noun the question asks about ("how many tickets", "which film"). */
  readonly askedNoun: ReadonlySet<string>;
  /**
   * For each token, how like the asked noun its word is (cosine of their GloVe vectors, at least
   * 0), or null when the question asks about no noun with a vector.
   */
  readonly likeAsked: Float64Array | null;
}

/** A candidate, with whether question words were trimmed off its edges. */
export interface ScoredCandidate extends Candidate {
  readonly trimmed: boolean;
}

const SPEECH = /^(?:said|says|told|added|wrote|argued|warned|noted|according)$/u;

/** The span features of one candidate of a sentence, in the order of SPAN_FEATURES. */
export function spanFeatures(ctx: SentenceContext, c: ScoredCandidate): number[] {
  const x = new Float64Array(SPAN_FEATURES.length);
  writeSpanFeatures(ctx, c, x);
  return Array.from(x);
}

/**
 * Writes the span features of one candidate into `x` (SPAN_FEATURES.length long), so that scoring
 * every candidate of every answer needs no array of its own.
 */
export function writeSpanFeatures(ctx: SentenceContext, c: ScoredCandidate, x: Float64Array): void {
  const { tokens, shared } = ctx;
  // One feature of the asked group crossed with the candidate's shape is 1, the others 0.
  x.fill(0, 0, CROSS_FEATURES);
  const g = ASKED_GROUPS.indexOf(askedGroup(ctx.kind));
  const s = SHAPES.indexOf(c.shape);
  if (g >= 0 && s >= 0) x[g * SHAPES.length + s] = 1;
  let left = -1;
  for (let i = c.from - 1; i >= 0; i--) {
    if (shared[i]) {
      left = c.from - 1 - i;
      break;
    }
  }
  let right = -1;
  for (let i = c.to; i < tokens.length; i++) {
    if (shared[i]) {
      right = i - c.to;
      break;
    }
  }
  const length = c.to - c.from;
  const before = tokens[c.from - 1]?.lower ?? "";
  const after = tokens[c.to]?.lower ?? "";
  const beside = shared[c.from - 1] === true || shared[c.to] === true;
  const comma =
    (before === "," && shared[c.from - 2] === true) || (after === "," && shared[c.to + 1] === true);
  let words = 0;
  let capitals = 0;
  let verbLike = 0;
  let inside = false;
  for (let i = c.from; i < c.to; i++) {
    const t = tokens[i];
    if (t === undefined || !t.word) continue;
    words++;
    if (CAPITAL.test(t.text)) capitals++;
    else if (VERB_LIKE.test(t.lower)) verbLike++;
    if (shared[i]) inside = true;
  }
  let at = CROSS_FEATURES;
  x[at++] = c.kinds.has(ctx.kind) ? 1 : 0;
  x[at++] = left >= 0 ? 1 : 0;
  x[at++] = right >= 0 ? 1 : 0;
  x[at++] = left >= 0 ? Math.min(left, FAR) / FAR : 1;
  x[at++] = right >= 0 ? Math.min(right, FAR) / FAR : 1;
  x[at++] = nearTerms(ctx, c, NEAR) / Math.max(1, ctx.questionTerms);
  x[at++] = ctx.overlap;
  x[at++] = ctx.rank === 1 ? 1 : 0;
  x[at++] = ctx.rank > 1 ? 1 : 0;
  x[at++] = Math.min(length, FAR) / FAR;
  x[at++] = length > 6 ? 1 : 0;
  x[at++] = beside ? 1 : 0;
  x[at++] = comma ? 1 : 0;
  x[at++] = c.trimmed ? 1 : 0;
  x[at++] = before === "by" ? 1 : 0;
  x[at++] = before === "in" || before === "at" ? 1 : 0;
  x[at++] = before === "on" ? 1 : 0;
  x[at++] = before === "of" ? 1 : 0;
  x[at++] = before === "for" || before === "to" ? 1 : 0;
  x[at++] = SPEECH.test(after) ? 1 : 0;
  x[at++] = c.from <= ctx.firstWord ? 1 : 0;
  x[at++] = words === 0 ? 0 : capitals / words;
  x[at++] = ctx.quoted[c.from] === true ? 1 : 0;
  x[at++] = Math.log1p(ctx.fitting);
  x[at++] = tokens.length === 0 ? 0 : c.from / tokens.length;
  x[at++] = nearTerms(ctx, c, CLOSE) / Math.max(1, ctx.questionTerms);
  x[at++] = inside ? 1 : 0;
  x[at++] = words === 0 ? 0 : verbLike / words;
  x[at++] = askedNounAt(ctx, c.to) || askedNounAt(ctx, c.from - 1) ? 1 : 0;
  x[at++] = likeness(ctx.likeAsked, c.from, c.to);
  x[at++] = Math.max(
    likeness(ctx.likeAsked, c.from - 2, c.from),
    likeness(ctx.likeAsked, c.to, c.to + 2),
  );
}

/** The most a token from `from` to `to` (exclusive) is like the asked noun; 0 without one. */
function likeness(like: Float64Array | null, from: number, to: number): number {
  if (like === null) return 0;
  let most = 0;
  for (let i = Math.max(0, from); i < Math.min(to, like.length); i++)
    most = Math.max(most, like[i] ?? 0);
  return most;
}

const CROSS_FEATURES = ASKED_GROUPS.length * SHAPES.length;
const CAPITAL = /^\p{Lu}/u;
// Words shaped like a verb's past or present participle ("raised", "approved", "making").
const VERB_LIKE = /^[a-z]{3,}(?:ed|ing)$/u;
// Words either side of a candidate in which question words count as close to it.
const CLOSE = 3;

/** True when the token at `i` is the noun the question asks about ("how many **tickets**"). */
function askedNounAt(ctx: SentenceContext, i: number): boolean {
  const term = ctx.tokens[i]?.term;
  return term != null && ctx.askedNoun.has(term);
}

/** How many distinct question terms stand within `within` tokens either side of the candidate. */
function nearTerms(ctx: SentenceContext, c: Candidate, within: number): number {
  const from = Math.max(0, c.from - within);
  const to = Math.min(ctx.tokens.length, c.to + within);
  // A term counts where it first stands in the window: a scan back, not a set, as the window is
  // at most a few dozen tokens and this runs for every candidate.
  let count = 0;
  for (let i = from; i < to; i++) {
    const term = ctx.tokens[i]?.term;
    if (!ctx.shared[i] || !term) continue;
    let seen = false;
    for (let j = from; j < i && !seen; j++)
      seen = ctx.shared[j] === true && ctx.tokens[j]?.term === term;
    if (!seen) count++;
  }
  return count;
}

// Each sentence's quoted tokens, kept as long as its tokens are (phraseCandidates caches them).
const quotedOf = new WeakMap<readonly Token[], readonly boolean[]>();

/** For each token, whether it stands inside quotation marks. */
export function quotedTokens(tokens: readonly Token[]): readonly boolean[] {
  const cached = quotedOf.get(tokens);
  if (cached !== undefined) return cached;
  let inside = false;
  const quoted = tokens.map((t) => {
    if (t.text === "“") inside = true;
    else if (t.text === "”") inside = false;
    else if (t.text === '"') inside = !inside;
    return inside;
  });
  quotedOf.set(tokens, quoted);
  return quoted;
}
