import type { Passage } from "../corpus/types.ts";
import type { Wording } from "../language/wording.ts";
import { type SearchMargins, UNRIVALLED } from "../search/types.ts";
import {
  type PhraseQuestion,
  readingOrder,
  SENTENCES_READ,
  shownPhrase,
  spanPhrase,
  spanPhrases,
} from "./extract.ts";
import { rankSentences } from "./rankSentences.ts";
import type { AnswerPhrase, AnswerResult } from "./types.ts";
import { yesNoPhrase } from "./yesNo.ts";

/** What the extractor found in one passage's sentences, ranked by the words they share with the question. */
export interface PassagePhrase {
  readonly passageId: string;
  /** The passage's sentences, those sharing most of the question's words first. */
  readonly sentences: readonly string[];
  readonly found: AnswerPhrase | null;
}

/** The phrases of an answer: the first hit's, as the evidence weighs it, and the one a reader is shown. */
export interface Phrases {
  /** The phrase the first hit offers, whatever its confidence, when a phrase is asked for. */
  readonly first: PassagePhrase | null;
  /** The phrase the best passage shown offers, when the extractor is confident enough to show it. */
  readonly shown: AnswerPhrase | null;
  /** The phrase the best passage shown offers, whatever its confidence. */
  readonly read: AnswerPhrase | null;
}

/**
 * The answer phrases of a question's passages, found in one pass: the sentences of the first hit
 * and of the best passage shown ranked by the words they share with the question (the best
 * sentence read first for the one shown), then "Yes" or "No" for a yes/no question and the
 * best-scoring span otherwise. The phrase shown is the first hit's when both read the same sentences.
 *
 * @param first the first hit's passage, in the search's order
 * @param best the best passage shown, as an answer shows it
 * @param margins how far the search's first passage stood above the rest, which the phrase shown weighs
 */
export function findPhrases(
  question: PhraseQuestion & Pick<Wording, "phraseKind">,
  first: Passage | undefined,
  best?: AnswerResult,
  margins: SearchMargins = UNRIVALLED,
): Phrases {
  const firstPhrase =
    question.phraseKind === null || first === undefined ? null : readPassage(question, first);
  const found = firstPhrase?.found ?? null;
  const bestRanked =
    best === undefined || best.terms.length === 0
      ? null
      : (readAlready(question, best.id)?.sentences ?? rankSentences(question, best.text));
  const extract = question.yesNo ? yesNoPhrase : spanPhrase;
  if (best === undefined || bestRanked === null) {
    return { first: firstPhrase, shown: null, read: null };
  }
  const sentences = readingOrder(best.bestSentence, bestRanked);
  // When the extractor read these same sentences for the evidence, its phrase is this one.
  const same =
    firstPhrase !== null &&
    firstPhrase.passageId === best.id &&
    sentences.slice(0, SENTENCES_READ).every((s, i) => s === firstPhrase.sentences[i]);
  const read = same ? found : extract(question, sentences);
  return { first: firstPhrase, shown: shownPhrase(read, margins), read };
}

// What the extractor read of each passage for a question, kept while the question lives: the
// passages an answer orders (reorder.ts) include the first hit, whose phrase the evidence weighs.
const readings = new WeakMap<PhraseQuestion, Map<string, PassagePhrase>>();

/**
 * Each passage's sentences ranked for the question and the phrase the extractor finds in them,
 * read once per question: all the passages' sentences first, then all their phrases, each stage
 * in one go.
 */
export function readPassages(
  question: PhraseQuestion,
  passages: readonly Passage[],
): PassagePhrase[] {
  const known = readings.get(question) ?? new Map<string, PassagePhrase>();
  readings.set(question, known);
  const unread = passages.filter((p) => !known.has(p.id));
  if (unread.length === 0) return passages.flatMap((p) => known.get(p.id) ?? []);
  const ranked = unread.map((p) => rankSentences(question, p.text));
  const found = question.yesNo
    ? ranked.map((sentences) => yesNoPhrase(question, sentences))
    : spanPhrases(question, ranked);
  unread.forEach((p, i) => {
    known.set(p.id, { passageId: p.id, sentences: ranked[i] ?? [], found: found[i] ?? null });
  });
  return passages.flatMap((p) => known.get(p.id) ?? []);
}

/** `readPassages` of one passage. */
function readPassage(question: PhraseQuestion, passage: Passage): PassagePhrase {
  return (
    readPassages(question, [passage])[0] ?? { passageId: passage.id, sentences: [], found: null }
  );
}

/** The reading of a passage already read for the question, by its id, if any. */
function readAlready(question: PhraseQuestion, id: string): PassagePhrase | undefined {
  return readings.get(question)?.get(id);
}
