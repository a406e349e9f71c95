import type { Hit, QueryTerm } from "../search/types.ts";

/**
 * What the search found for a question, as numbers a model can weigh: how much of the question the
 * best passages hold and how, and which of the question's demands (a name, a kind of answer, a
 * speaker) they fail. Every field is worked out from the analysed question and its ranked hits.
 */
export interface Evidence {
  /** Share of the question's weight held by the best-covered of the first passages (0–1). */
  readonly coverage: number;
  /** Share of the question's weight held by the first passage (0–1). */
  readonly topCoverage: number;
  /** Share of the question's weight the best-covered passage holds word for word, not through a stand-in. */
  readonly exactCoverage: number;
  /** Share of the question's weight in words no story has. */
  readonly unknownShare: number;
  /** Weight of the heaviest question word the best-covered passage lacks, as a share of the whole. */
  readonly heaviestMissing: number;
  /** 1 when the question names something no story names ("China"). */
  readonly unnamed: number;
  /** 1 when the first passage lacks a name the question turns on. */
  readonly nameAbsent: number;
  /** 1 when the question names a kind of answer ("how many") that no covering passage holds. */
  readonly typeAbsent: number;
  /** 1 when the question asks for a kind of answer and the first passage holds one. */
  readonly typeHeld: number;
  /** 1 when the question asks what someone said and no covering passage reports them speaking. */
  readonly unreported: number;
  /** The first passage's re-rank score above the second's. */
  readonly margin: number;
  /** How sure the extractor is of the phrase the first passage offers as the answer; 0 when none. */
  readonly phrase: number;
  /** 1 when the question asks for a phrase the extractor looks for (a person, a time, a place…). */
  readonly phraseAsked: number;
  /** How many terms the question has, on a log scale: ln(1 + terms). */
  readonly length: number;
  /**
   * How much the most telling question word the first passage holds says in everyday English
   * (0–1, `QueryTerm.informativeness`): a match on "day" or "old" alone tells little.
   */
  readonly rarestHeld: number;
}

/** The names of `Evidence`'s fields, in the order a model's weights follow. */
export const EVIDENCE_FEATURES = [
  "coverage",
  "topCoverage",
  "exactCoverage",
  "unknownShare",
  "heaviestMissing",
  "unnamed",
  "nameAbsent",
  "typeAbsent",
  "typeHeld",
  "unreported",
  "margin",
  "phrase",
  "phraseAsked",
  "length",
] as const satisfies readonly (keyof Evidence)[];

/** One ranked hit as the decision rates it. */
export interface RatedHit {
  readonly hit: Hit;
  /** Share of the question's weight the hit holds, a stand-in counting for its strength. */
  readonly coverage: number;
  /** True when the hit holds the kind of answer the question asks for. */
  readonly holds: boolean;
  /** True when the hit reports the speaker the question asks about. */
  readonly reports: boolean;
  /** The names the question turns on that the hit lacks (see `missingNames`). */
  readonly missing: readonly string[];
}

/** What `weighEvidence` reads besides the hits. */
export interface EvidenceInput {
  readonly terms: readonly QueryTerm[];
  /** The first hits, best first, rated. */
  readonly rated: readonly RatedHit[];
  /** True when the question names something no story names. */
  readonly unnamed: boolean;
  /** True when the first hit lacks a name the question turns on. */
  readonly nameAbsent: boolean;
  /** True when a kind of answer is asked for, and `explicit` when the question names it. */
  readonly typeAsked: boolean;
  readonly typeExplicit: boolean;
  /** True when the question asks what someone said. */
  readonly speakerAsked: boolean;
  /** The coverage from which a passage counts as covering the question. */
  readonly covers: number;
  /** The extractor's confidence in the first passage's answer phrase, and whether one is asked for. */
  readonly phrase: number;
  readonly phraseAsked: boolean;
}

/** The evidence for one question, from its analysed terms and rated hits. */
export function weighEvidence(input: EvidenceInput): Evidence {
  const { terms, rated } = input;
  const total = terms.reduce((sum, t) => sum + t.weight, 0) || 1;
  const first = rated[0];
  const best = rated.reduce<RatedHit | undefined>(
    (a, b) => (a === undefined || b.coverage > a.coverage ? b : a),
    undefined,
  );
  const held = new Map((best?.hit.matches ?? []).map((m) => [m.term, m.source]));
  let exact = 0;
  let unknown = 0;
  let heaviestMissing = 0;
  for (const t of terms) {
    if (held.get(t.term) === "exact") exact += t.weight;
    if (!t.known) unknown += t.weight;
    if (!held.has(t.term)) heaviestMissing = Math.max(heaviestMissing, t.weight);
  }
  const firstHolds = new Set((first?.hit.matches ?? []).map((m) => m.term));
  let rarestHeld = 0;
  for (const t of terms)
    if (firstHolds.has(t.term)) rarestHeld = Math.max(rarestHeld, t.informativeness);
  const covering = rated.filter((r) => r.coverage >= input.covers);
  const second = rated[1]?.hit.score ?? 0;
  return {
    coverage: best?.coverage ?? 0,
    topCoverage: first?.coverage ?? 0,
    exactCoverage: exact / total,
    unknownShare: unknown / total,
    heaviestMissing: heaviestMissing / total,
    unnamed: input.unnamed ? 1 : 0,
    nameAbsent: input.nameAbsent ? 1 : 0,
    typeAbsent: input.typeExplicit && !covering.some((r) => r.holds) ? 1 : 0,
    typeHeld: input.typeAsked && (first?.holds ?? false) ? 1 : 0,
    unreported: input.speakerAsked && !covering.some((r) => r.reports) ? 1 : 0,
    margin: first === undefined ? 0 : first.hit.score - second,
    phrase: input.phrase,
    phraseAsked: input.phraseAsked ? 1 : 0,
    length: Math.log1p(terms.length),
    rarestHeld,
  };
}

/** The evidence as a vector in `EVIDENCE_FEATURES` order. */
export function evidenceVector(evidence: Evidence): number[] {
  return EVIDENCE_FEATURES.map((name) => evidence[name]);
}
