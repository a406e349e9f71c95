/**
 * What the span scorer sees of one candidate phrase: whether it is the kind of thing asked for,
 * where it stands to the question's words (before or after them, beside a name the question names,
 * after a comma or a preposition), and its own look (length, capitals, quotes). The weights are
 * fitted by `npm run fit-phrases` (test/eval/fitPhrases.ts) and live in phrase.json.
 */
import type { PhraseKind } from "../language/answerType.ts";
import type { Candidate, CandidateShape, Token } from "./phraseCandidates.ts";
import { BESIDE, type SentenceFacts, type SharedMarks } from "./spanSentence.ts";

/** The kinds of thing a question asks for, as the scorer groups them. */
export const ASKED_GROUPS = ["person", "place", "quantity", "time", "duration", "thing"] as const;
type AskedGroup = (typeof ASKED_GROUPS)[number];

/** The shapes a candidate phrase takes, in the order the features cross them with the kind asked. */
export const SHAPES: readonly CandidateShape[] = ["name", "quantity", "time", "duration", "phrase"];

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
  "shape's chance",
];

/** One sentence as the scorer reads it against a question. */
export interface SentenceContext {
  readonly tokens: readonly Token[];
  /** What the scorer reads of the tokens whatever the question (spanSentence.ts). */
  readonly facts: SentenceFacts;
  /** Where the question's terms stand among them. */
  readonly marks: SharedMarks;
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
  /**
   * For each token, how like the asked noun its word is (cosine of their GloVe vectors, at least
   * 0), or null when the question asks about no noun with a vector.
   */
  readonly likeAsked: Float64Array | null;
  /** For each shape in `SHAPES` order, the log of its chance of being the answer's (answerShape.ts). */
  readonly shapeChances: Float64Array;
}

/** A candidate, with whether question words were trimmed off its edges. */
export interface ScoredCandidate extends Candidate {
  readonly trimmed: boolean;
}

/** The span features of one candidate of a sentence, in the order of SPAN_FEATURES. */
export function spanFeatures(ctx: SentenceContext, c: ScoredCandidate): number[] {
  const x = new Float64Array(SPAN_FEATURES.length);
  writeSpanFeatures(ctx, c, x);
  return Array.from(x);
}

/**
 * Writes the span features of one candidate into `x` (SPAN_FEATURES.length long), so that scoring
 * every candidate of every answer needs no array of its own. What does not depend on the
 * candidate was read once a sentence (`sentenceFacts`, `markShared`): each feature here is a look-up
 * or a difference of running counts, not a walk over the tokens.
 */
export function writeSpanFeatures(ctx: SentenceContext, c: ScoredCandidate, x: Float64Array): void {
  const { facts, marks } = ctx;
  const { shared } = marks;
  const n = ctx.tokens.length;
  const { from, to } = c;
  // One feature of the asked group crossed with the candidate's shape is 1, the others 0.
  x.fill(0, 0, CROSS_FEATURES);
  const g = ASKED_GROUPS.indexOf(askedGroup(ctx.kind));
  const s = SHAPES.indexOf(c.shape);
  if (g >= 0 && s >= 0) x[g * SHAPES.length + s] = 1;
  const previous = marks.previous[from] ?? -1;
  const following = marks.next[to] ?? -1;
  const left = previous >= 0 ? from - 1 - previous : -1;
  const right = following >= 0 ? following - to : -1;
  const length = to - from;
  const before = from > 0 ? (facts.beside[from - 1] ?? BESIDE.other) : BESIDE.other;
  const after = to < n ? (facts.beside[to] ?? BESIDE.other) : BESIDE.other;
  const beside = (from > 0 && shared[from - 1] === 1) || (to < n && shared[to] === 1);
  const comma =
    (before === BESIDE.comma && from > 1 && shared[from - 2] === 1) ||
    (after === BESIDE.comma && to + 1 < n && shared[to + 1] === 1);
  const words = (facts.words[to] ?? 0) - (facts.words[from] ?? 0);
  const capitals = (facts.capitals[to] ?? 0) - (facts.capitals[from] ?? 0);
  const verbLike = (facts.verbLike[to] ?? 0) - (facts.verbLike[from] ?? 0);
  // Only words have terms, so a shared token inside is a shared word inside.
  const firstShared = marks.next[from] ?? -1;
  const inside = firstShared >= 0 && firstShared < to;
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
  x[at++] = before === BESIDE.by ? 1 : 0;
  x[at++] = before === BESIDE.inOrAt ? 1 : 0;
  x[at++] = before === BESIDE.on ? 1 : 0;
  x[at++] = before === BESIDE.of ? 1 : 0;
  x[at++] = before === BESIDE.forOrTo ? 1 : 0;
  x[at++] = to < n && facts.speech[to] === 1 ? 1 : 0;
  x[at++] = from <= facts.firstWord ? 1 : 0;
  x[at++] = words === 0 ? 0 : capitals / words;
  x[at++] = ctx.quoted[from] === true ? 1 : 0;
  x[at++] = Math.log1p(ctx.fitting);
  x[at++] = n === 0 ? 0 : from / n;
  x[at++] = nearTerms(ctx, c, CLOSE) / Math.max(1, ctx.questionTerms);
  x[at++] = inside ? 1 : 0;
  x[at++] = words === 0 ? 0 : verbLike / words;
  x[at++] =
    (to < n && marks.askedNoun[to] === 1) || (from > 0 && marks.askedNoun[from - 1] === 1) ? 1 : 0;
  x[at++] = likeness(ctx.likeAsked, from, to);
  x[at++] = Math.max(likeness(ctx.likeAsked, from - 2, from), likeness(ctx.likeAsked, to, to + 2));
  x[at++] = s >= 0 ? (ctx.shapeChances[s] ?? 0) : 0;
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
// Words either side of a candidate in which question words count as close to it.
const CLOSE = 3;

/** How many distinct question terms stand within `within` tokens either side of the candidate. */
function nearTerms(ctx: SentenceContext, c: Candidate, within: number): number {
  const from = Math.max(0, c.from - within);
  const to = Math.min(ctx.tokens.length, c.to + within);
  const { shared, sameBefore } = ctx.marks;
  // A term counts where it first stands in the window: where no shared token before it in the
  // window has its term.
  let count = 0;
  for (let i = from; i < to; i++) {
    if (shared[i] !== 1 || (sameBefore[i] ?? -1) >= from || !ctx.tokens[i]?.term) continue;
    count++;
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
