import { CappedCache } from "../language/cappedCache.ts";
import {
  abbreviatesKind,
  type Expansion,
  expandWord,
  prepareExpansion,
  readsAsName,
  type Vocabulary,
} from "../language/expand.ts";
import type { Lexicon } from "../language/lexicon.ts";
import { abbreviationsOf, namesOf, STOP_WORDS, termFor, tokenize } from "../language/text.ts";
import { inverseDocumentFrequency } from "./idf.ts";
import type { QueryTerm } from "./types.ts";

// Unknown words whose expansions are remembered; each costs a few hundred bytes.
const EXPANSION_CACHE_SIZE = 10_000;

// Everyday words carry little: an unknown word said once in a thousand words of speech or more
// often (10 bits of SUBTLEX surprisal; "see" 8.6) weighs nothing, one said once in a million or
// less (20 bits; "Kremlin" 20, unlisted acronyms 25.6) weighs as much as an unknown term can, and
// "gave" (12) weighs a fifth of that. Round figures, not tuned: paraphrases use everyday words a
// story lacks ("Did anyone see this coming?"), off-topic questions rare ones ("CIA", "Bitcoin").
const COMMON_BITS = 10;
const RARE_BITS = 20;
const UNLISTED_INFORMATIVENESS = 0.5;

/**
 * The informativeness from which a word tells something (11 bits; "meet" 0.14, "wrong" 0.09,
 * "made" 0.08): a question sharing with the stories only words below it ("that's wrong", "how old
 * r u", "what time is it for u rn") asks about nothing in them. Answers resting on no such word,
 * each story alone: fit 5 right of 28, choose 1 of 7. From 0.2, "where did they meet" would rest
 * on none; at 0.2 the choose split's worth (a right answer 1, a wrong or out-of-scope one −4) is
 * 235 against 228 at 0.1 and 220 without, and it rises to 247 at 0.4 by making right answers
 * uncertain (384 → 371), the timidity the news test bed was built against (2026-12-07).
 */
export const TELLING = 0.1;
// Question words corrected to an everyday word: shorter ones are too often abbreviations, and
// English words are rarely longer (a 500-letter "word" would cost 27,000 look-ups).
const MIN_CORRECTED_LENGTH = 4;
const MAX_CORRECTED_LENGTH = 24;
// A corpus word a shortening may stand for is chosen over the commonest one used up to this many
// times as often: "pkg" is "package" (1,162 in SUBTLEX) in a story of packages, not "picking"
// (1,658), but "hw" is "how" (155,867), not "however" (2,299). A round figure, not tuned.
const CORPUS_LENGTHENING_SHARE = 10;
// A word of letters typed in lower case, not part of a contraction ("didn't") or a number.
const TYPED_WORD = /(?<![\p{L}\p{N}'’])\p{Ll}+(?![\p{L}\p{N}'’])/gu;
// Such a word `tokenize` leaves as it is.
const ASCII_WORD = /^[a-z]+$/;
// A word typed in capitals, as acronyms are ("CFO").
const TYPED_CAPITALS = /(?<![\p{L}\p{N}'’])[A-Z]{2,}(?![\p{L}\p{N}'’])/gu;

/**
 * The first stage of a search: a question becomes weighted query terms, typos corrected and the
 * words the corpus lacks given their stand-ins.
 *
 * @example new QueryAnalyzer(vocabulary, lexicon, 120).analyze("who ordered the pause?")
 */
export class QueryAnalyzer {
  // Stand-ins of the unknown words met so far: unknown words repeat (typos, paraphrases of the
  // same story), and the cap bounds memory.
  private readonly expansionsByWord = new CappedCache<string, readonly Expansion[]>(
    EXPANSION_CACHE_SIZE,
  );
  /** @param passages how many passages the corpus holds, for the IDF of each term */
  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly lexicon: Lexicon,
    private readonly passages: number,
  ) {}

  /** Works out ahead what the first unknown word would wait for (see `prepareExpansion`). */
  prepare(): void {
    prepareExpansion(this.vocabulary, this.lexicon);
  }

  /**
   * Splits a question into weighted query terms, each once, in the order typed.
   *
   * @param read the question's words, the words it writes as names and those in capitals, when read
   *   (language/wording.ts)
   */
  analyze(
    question: string,
    read?: {
      readonly words: readonly string[];
      readonly names: ReadonlySet<string>;
      readonly abbreviations: ReadonlySet<string>;
    },
  ): QueryTerm[] {
    const seen = new Set<string>();
    const terms: QueryTerm[] = [];
    const words = read?.words ?? tokenize(question);
    const names = read?.names ?? namesOf(question);
    const abbreviations = read?.abbreviations ?? abbreviationsOf(question);
    for (const typed of words) {
      const word = this.corrected(typed, names, abbreviations);
      const term = termFor(word);
      if (term === null || seen.has(term)) continue;
      seen.add(term);
      const frequency = this.vocabulary.terms.get(term) ?? 0;
      if (frequency > 0) {
        // A word the corpus writes as a name is one however the question types it ("putin"),
        // unless everyday English writes it in lower case ("leader" of "Senate Minority Leader").
        const name =
          names.has(word) ||
          (this.vocabulary.names.has(word) &&
            !(this.lexicon.frequencies?.writtenLowerCase(word) ?? false));
        terms.push({
          word,
          term,
          known: true,
          weight: this.idf(frequency),
          informativeness: this.informativeness(word),
          name,
          expansions: [],
        });
        continue;
      }
      const expansions = this.expand(word, term);
      const informativeness = this.informativeness(word);
      // Typed in lower case, as chat often is, a name is still one ("is china included?"), unless
      // it is a typo or another form of a corpus word.
      const misspelt = expansions.some((e) => e.source === "spelling" || e.source === "morphology");
      terms.push({
        word,
        term,
        known: false,
        weight: this.idf(0) * informativeness,
        informativeness,
        // Written as a name, an abbreviation of a common noun is still none ("CEO", "TV").
        name:
          (names.has(word) && !(abbreviations.has(word) && abbreviatesKind(word, this.lexicon))) ||
          (!misspelt && readsAsName(word, this.lexicon)),
        expansions,
      });
    }
    // A word cannot stand for another word of the same question: in "the EU's sanctions on
    // Russia", "Russia" is no paraphrase of "EU".
    const own = new Set(terms.map((t) => t.term));
    // Object.assign, not a spread and a property: see `readQuestion` (answer/question.ts).
    return terms.map((t) =>
      t.known
        ? t
        : Object.assign({}, t, { expansions: t.expansions.filter((e) => !own.has(e.term)) }),
    );
  }

  /** How much a word says in everyday English, 0–1: rare words (names, acronyms) 1, everyday ones close to 0. */
  informativeness(word: string): number {
    const frequencies = this.lexicon.frequencies;
    if (frequencies === null) return 1;
    // SUBTLEX lists no numbers or codes ("2022", "31m"), so it cannot tell how telling one is.
    if (/\p{N}/u.test(word)) return UNLISTED_INFORMATIVENESS;
    const bits = frequencies.surprisal(word);
    return Math.min(1, Math.max(0, (bits - COMMON_BITS) / (RARE_BITS - COMMON_BITS)));
  }

  /** Inverse document frequency of a term seen in `frequency` passages of this corpus. */
  idf(frequency: number): number {
    return inverseDocumentFrequency(frequency, this.passages);
  }

  /**
   * The question with each word the corpus lacks written as the everyday word it stands for, by
   * the rules of `corrected` ("hw many ppl" → "how many people"); names, capitals, numbers and the
   * corpus's own words are kept as typed.
   *
   * @param read the question, with the words it writes as names and those in capitals
   *   (language/wording.ts)
   */
  spelledOut(read: {
    readonly text: string;
    readonly names: ReadonlySet<string>;
    readonly abbreviations: ReadonlySet<string>;
  }): string {
    return read.text
      .replace(TYPED_WORD, (typed) => {
        if (!ASCII_WORD.test(typed) && tokenize(typed)[0] !== typed) return typed;
        const word = this.corrected(typed, read.names, read.abbreviations);
        return word === typed ? (this.spelledAcronym(typed) ?? word) : word;
      })
      .replace(TYPED_CAPITALS, (typed) => this.spelledAcronym(typed) ?? typed);
  }

  /**
   * The words an acronym the corpus lacks stands for, when WordNet files it with a phrase whose
   * words' initials spell it and the corpus holds every word of it ("cfo" → "chief financial
   * officer", "FDA" → "food and drug administration"); null otherwise. Where a story writes "chief
   * executive" but no "officer", "CEO" stays as typed: the word vectors still read it near
   * "executive" (expand.ts).
   */
  private spelledAcronym(typed: string): string | null {
    return this.acronyms.getOrCompute(typed, this.acronymPhrase);
  }

  // What `spelledAcronym` read of each word met so far: every word of every question is looked
  // up, and few are acronyms; the cap bounds memory.
  private readonly acronyms = new CappedCache<string, string | null>(EXPANSION_CACHE_SIZE);

  /** `spelledAcronym`, worked out (an arrow, so that the cache can call it as it is). */
  private readonly acronymPhrase = (typed: string): string | null => {
    const word = typed.toLowerCase();
    const wordnet = this.lexicon.wordnet;
    const term = termFor(word);
    if (wordnet === null || term === null || this.vocabulary.terms.has(term)) return null;
    for (const { word: phrase, relation } of wordnet.related(word)) {
      if (relation !== "synonym" || !phrase.includes(" ")) continue;
      const words = phrase.split(" ").filter((w) => !STOP_WORDS.has(w));
      if (words.map((w) => w.charAt(0)).join("") !== word) continue;
      const held = (w: string) => this.vocabulary.terms.has(termFor(w) ?? w);
      if (words.length >= 2 && words.every(held)) return phrase;
    }
    return null;
  };

  /**
   * An everyday word for a question word the corpus lacks: a typo that neither the corpus nor
   * everyday English knows ("afect" → "affect"), or a chat shortening of a word used a thousand
   * times as often ("ppl" → "people", "hw" → "how"). Names and abbreviations as typed are left alone.
   */
  private corrected(
    word: string,
    names: ReadonlySet<string>,
    abbreviations: ReadonlySet<string>,
  ): string {
    if (names.has(word) || abbreviations.has(word)) return word;
    const cached = this.correctedByWord.get(word);
    if (cached !== undefined) return cached;
    const found = this.everydayWordFor(word);
    this.correctedByWord.set(word, found);
    return found;
  }

  // What `corrected` read of each word met so far: each question reads its words twice (spelled
  // out, then analysed), and chat repeats its words; the cap bounds memory.
  private readonly correctedByWord = new CappedCache<string, string>(EXPANSION_CACHE_SIZE);

  /** `corrected` for a word the question does not write as a name or in capitals. */
  private everydayWordFor(word: string): string {
    const frequencies = this.lexicon.frequencies;
    if (frequencies === null || word.length > MAX_CORRECTED_LENGTH) return word;
    const term = termFor(word);
    if (term === null || this.vocabulary.terms.has(term)) return word;
    if (this.expand(word, term).some((e) => e.source === "spelling")) return word;
    if (word.length >= MIN_CORRECTED_LENGTH && frequencies.count(word) === 0) {
      // A typo is of an everyday word, not of a name: "smth" is no "smith".
      const correction = frequencies.correction(word);
      if (correction !== null) return readsAsName(correction, this.lexicon) ? word : correction;
    }
    return this.lengthened(word) ?? word;
  }

  /**
   * The everyday word a chat shortening stands for, or null: the commonest, or the corpus's own if
   * nearly as common ("pkg" → "package" in a story of packages, else "picking"; "hw" → "how" even
   * in a story that writes "however"). A word WordNet knows is no shortening ("gop", "cfo"), and a
   * name is not what one lengthens to.
   */
  private lengthened(word: string): string | null {
    const frequencies = this.lexicon.frequencies;
    const candidates = frequencies?.lengthenings(word) ?? [];
    const commonest = candidates[0];
    if (frequencies === null || commonest === undefined) return null;
    const wordnet = this.lexicon.wordnet;
    if (wordnet !== null && (wordnet.isName(word) !== null || wordnet.related(word).length > 0))
      return null;
    const least = frequencies.count(commonest) / CORPUS_LENGTHENING_SHARE;
    const chosen =
      candidates.find((c) => this.vocabulary.words.has(c) && frequencies.count(c) >= least) ??
      commonest;
    return readsAsName(chosen, this.lexicon) ? null : chosen;
  }

  private expand(word: string, term: string): readonly Expansion[] {
    const cached = this.expansionsByWord.get(word);
    if (cached) return cached;
    const expansions = expandWord(word, term, this.vocabulary, this.lexicon);
    this.expansionsByWord.set(word, expansions);
    return expansions;
  }
}
