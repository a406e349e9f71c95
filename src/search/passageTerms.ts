import { sentenceSpans } from "../corpus/sentences.ts";
import type { Passage } from "../corpus/types.ts";
import { type AnswerType, holdsAnswerType } from "../language/answerType.ts";
import { CappedCache } from "../language/cappedCache.ts";
import { termFor, termsOf, tokenize } from "../language/text.ts";
import { kindText } from "./fields.ts";

/** What the re-rank reads of a passage, worked out when it is first a candidate. */
export interface PassageTerms {
  /** Index terms of the text and the `kind` field, in order. */
  readonly terms: readonly string[];
  /**
   * Where each sentence's words end among the first places of `terms`, which are its sentences'
   * words in turn (the rest are the `kind` field's); null when the sentences' terms are kept as
   * `sentenceSets` instead.
   */
  readonly sentenceEnds: readonly number[] | null;
  /** The index terms of each sentence, where `sentenceEnds` cannot say them. */
  readonly sentenceSets: readonly ReadonlySet<string>[] | null;
  /** The text of each sentence. */
  readonly sentenceTexts: readonly string[];
  /** For each kind of answer looked for so far, which sentences hold one. */
  readonly holds: Map<AnswerType, readonly boolean[]>;
  /** Meaning vector (`MeaningOf`); null when none of its words has a vector. */
  readonly meaning: Float32Array | null;
}

/**
 * A passage's meaning vector from its indexed words and, place by place, their terms (meaning.ts):
 * worked out as the passage is read, so that its words need not be kept.
 */
export type MeaningOf = (words: readonly string[], terms: readonly string[]) => Float32Array | null;

/**
 * A passage's terms and sentences, worked out on first use and remembered up to `capacity`
 * passages: only candidates of a question need them, so loading a large index does not re-read
 * every passage.
 */
export class PassageTermsCache {
  private readonly termsById: CappedCache<string, PassageTerms>;

  constructor(
    private readonly passages: ReadonlyMap<string, Passage>,
    capacity: number,
    private readonly meaningOf: MeaningOf,
  ) {
    this.termsById = new CappedCache(capacity);
  }

  /** The terms of the passage with this id; undefined for an id the index lacks. */
  get(id: string): PassageTerms | undefined {
    const cached = this.termsById.get(id);
    if (cached) return cached;
    const passage = this.passages.get(id);
    if (!passage) return undefined;
    const entry = readPassageTerms(passage, this.meaningOf);
    // Dropping all at once when full costs one question a re-read of its ~20 candidates.
    this.termsById.set(id, entry);
    return entry;
  }
}

/** Which of a passage's sentences hold the kind of answer, worked out once per passage and kind. */
export function sentencesHolding(entry: PassageTerms, type: AnswerType): readonly boolean[] {
  let holds = entry.holds.get(type);
  if (holds === undefined) {
    holds = entry.sentenceTexts.map((sentence) => holdsAnswerType(sentence, type));
    entry.holds.set(type, holds);
  }
  return holds;
}

// Sentences a query term's mask can say it is in (queryScan.ts): the bits of a small integer. More
// sentences than this are kept as sets of terms, as are passages whose sentences touch.
const MASKED_SENTENCES_MAX = 30;

function readPassageTerms(passage: Passage, meaningOf: MeaningOf): PassageTerms {
  const text = passage.text;
  const spans = sentenceSpans(text);
  const sentenceTexts = spans.map(([start, end]) => text.slice(start, end));
  // Sentences are separated by white space, which no word crosses and which ends every context
  // tokenizing looks at (possessives, final sigma), so the text's words are its sentences' words
  // in turn and each sentence is tokenized once. Sentences the segmenter put side by side could
  // share a word: then the text is tokenized whole as well.
  const touching = spans.some((span, i) => i > 0 && spans[i - 1]?.[1] === span[0]);
  const words: string[] = [];
  const terms: string[] = [];
  // Only the terms in order and where each sentence ends, not a set per sentence nor a map of
  // places: at 100,000 passages the entries of new candidates are most of what a question leaves
  // on the heap, which every scavenge copies, and of an entry's 7.8 KB the sets and maps were 5.4
  // (a question's terms are looked for by scanning, queryScan.ts).
  const sentenceEnds: number[] | null = touching || spans.length > MASKED_SENTENCES_MAX ? null : [];
  const sentenceSets: Set<string>[] | null = sentenceEnds === null ? [] : null;
  for (const sentence of sentenceTexts) {
    const sentenceSet = sentenceSets === null ? null : new Set<string>();
    for (const word of tokenize(sentence)) {
      const term = termFor(word);
      if (term === null) continue;
      sentenceSet?.add(term);
      if (!touching) {
        words.push(word);
        terms.push(term);
      }
    }
    if (sentenceSet !== null) sentenceSets?.push(sentenceSet);
    sentenceEnds?.push(words.length);
  }
  if (touching) {
    for (const word of tokenize(text)) {
      const term = termFor(word);
      if (term === null) continue;
      words.push(word);
      terms.push(term);
    }
  }
  const meaning = meaningOf(words, terms);
  terms.push(...termsOf(kindText(passage)));
  return { terms, sentenceEnds, sentenceSets, sentenceTexts, holds: new Map(), meaning };
}
