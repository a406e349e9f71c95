import { stemmer } from "stemmer";
import { eng } from "stopword";
import { CappedCache } from "./cappedCache.ts";

/**
 * Words dropped from questions and passages: the `stopword` package's English list plus the
 * question and filler words it lacks, which carry no topic ("why", "does", "tell me").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...eng,
  ...["when", "why", "whom", "whose", "does", "doing", "done", "its", "it's", "was", "were"],
  ...["the", "a", "an", "of", "so", "than", "not", "no", "yes", "or", "whether", "will", "shall"],
  ...["may", "please", "tell", "explain", "describe", "say", "says", "saying", "happen"],
  ...["happened", "happens", "anything", "something", "thing", "things", "kind", "mean"],
  ...["means", "meant", "just", "ever", "yet", "also", "there", "going", "went", "gets"],
  ...["know", "known", "really", "actually", "exactly", "story", "article", "according"],
  // Chat: contractions typed without the apostrophe, and fillers ("whats the title lol").
  ...["whats", "wheres", "whos", "hows", "whens", "whys", "thats", "theres", "isnt", "arent"],
  ...["wasnt", "werent", "doesnt", "dont", "didnt", "hasnt", "havent", "hadnt", "cant", "wont"],
  ...["wouldnt", "couldnt", "shouldnt", "im", "ive", "youre", "hes", "shes", "theyre", "weve"],
  ...["aint", "mustnt", "neednt", "mightnt", "shant"],
  ...["theyve", "lol", "lmao", "rn", "tbh", "imo", "imho", "btw", "pls", "plz", "idk", "ngl"],
  ...["ya", "yall", "hey", "ok", "okay", "guys", "bro", "dude", "omg", "smh", "tho", "gonna"],
  ...["wanna", "gotta", "kinda", "sorta", "yeah", "yep", "nope", "hmm", "um", "uh", "basically"],
  // "nah" as chat ends a yes/no question ("did they win or nah"): 40 of the news test bed's fit
  // and choose chat questions, each read as a rare word the story lacks.
  ...["literally", "anyone", "someone", "anybody", "somebody", "even", "nah"],
  // Pronouns the package's list lacks: "he" was dropped and "she" searched for.
  ...["she", "hers", "herself", "itself", "themselves", "theirs", "myself", "ours", "ourselves"],
  ...["yours", "yourself", "yourselves"],
]);

/** A word of a text: its surface form (lower-case, no accents) and the index term it becomes, or null if dropped. */
export interface Word {
  readonly surface: string;
  readonly term: string | null;
}

const WORD = /[\p{L}\p{N}]+/gu;
// Endings after an apostrophe: a possessive 's goes, and so do contractions' "'re", "'ve", "'ll",
// "'m" and "'d", while "n't" joins its verb as chat types it ("didn't" -> "didnt", a stop word and
// a negation the yes/no reader counts). Cut at the apostrophe, contractions left words that search
// as content: "won't" searched "won", "don't" searched "don" (WordNet: put on, "wear"), "they're"
// "re".
const APOSTROPHE_ENDING = /n['’]t\b|['’]s\b|(?<=\p{L})['’](?:re|ve|ll|m|d)\b/gu;

/**
 * Lower-cases, removes accents, possessive 's and contractions ("didn't" -> "didnt"), and cuts
 * text into words of letters and digits.
 */
export function tokenize(text: string): string[] {
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(APOSTROPHE_ENDING, (ending) => (ending.charAt(0) === "n" ? "nt" : ""));
  return folded.match(WORD) ?? [];
}

/** The ways a text writes a word, case kept, in order: `writtenForms("Putin met putin", "putin")` → ["Putin", "putin"]. */
export function writtenForms(text: string, word: string): string[] {
  return (text.match(WORD) ?? []).filter((written) => tokenize(written)[0] === word);
}

/** Words of a text as it writes them, run together, and whether "the" stands just before them. */
export interface WrittenRun {
  readonly text: string;
  readonly the: boolean;
}

/**
 * The given words (lower-case, as `tokenize` gives them) as the text writes them, in the text's
 * order, with the words beside them, only spaces between, that are given too or that the text
 * capitalises past its first word: "World Cup", not "World" and "Cup", for world and cup in "who
 * won the World Cup?"; "National Cyber Security Centre" for centre alone. A word the text does not
 * write comes last, as given.
 */
export function writtenRuns(text: string, words: readonly string[]): WrittenRun[] {
  const wanted = new Set(words);
  const found = new Set<string>();
  const runs: WrittenRun[] = [];
  let run: { start: number; end: number; the: boolean; wanted: boolean } | null = null;
  let previous: { word: string; end: number } | null = null;
  const close = () => {
    if (run?.wanted === true) runs.push({ text: text.slice(run.start, run.end), the: run.the });
    run = null;
  };
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    const word = tokenize(match[0])[0] ?? "";
    const spaced = previous !== null && /^\s+$/u.test(text.slice(previous.end, start));
    const given = wanted.has(word);
    if (!given && !(previous !== null && /^\p{Lu}/u.test(match[0]))) {
      close();
    } else if (run !== null && spaced) {
      run.end = end;
      run.wanted ||= given;
    } else {
      close();
      run = { start, end, the: spaced && previous?.word === "the", wanted: given };
    }
    if (given) found.add(word);
    previous = { word, end };
  }
  close();
  for (const word of words) if (!found.has(word)) runs.push({ text: word, the: false });
  return runs;
}

// Words whose terms are remembered. A corpus of 100k passages has about 150k distinct words, and
// stemming is most of the cost of indexing: each word is stemmed once instead of at every use.
const TERM_CACHE_SIZE = 500_000;
const termCache = new CappedCache<string, string | null>(TERM_CACHE_SIZE);

/** Turns one lower-case word into its index term (Porter stem), or null for stop words and lone letters. */
export function termFor(word: string): string | null {
  return termCache.getOrCompute(word, stemOf);
}

/**
 * Remembers words whose terms are already known (a loaded index's vocabulary), so that reading
 * passages after a snapshot load does not stem each of their words anew.
 */
export function rememberTerms(words: Iterable<readonly [string, string]>): void {
  for (const [word, term] of words) {
    if (termCache.size >= TERM_CACHE_SIZE) return;
    termCache.set(word, term);
  }
}

function stemOf(word: string): string | null {
  if (STOP_WORDS.has(word)) return null;
  if (word.length < 2 && !/\p{N}/u.test(word)) return null;
  const stem = stemmer(word);
  // Porter stems "use", "used" and "using" to "us", which news text means as the country.
  return stem === "us" && word !== "us" ? "use" : stem;
}

/** The index terms of a text, in order, stop words removed. */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const word of tokenize(text)) {
    const term = termFor(word);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/** Every word of a text with the term it indexes as, for highlighting and best-sentence scoring. */
export function wordsOf(text: string): Word[] {
  return tokenize(text).map((surface) => ({ surface, term: termFor(surface) }));
}

const CAPITALISED = /^\p{Lu}/u;
const ALL_CAPITALS = /^\p{Lu}{2,}$/u;
const SENTENCE_END: ReadonlySet<string> = new Set([".", "!", "?", ":", ";", '"', "“", "”"]);
const SPACE = /^\s$/u;

/**
 * Lower-case words a text writes as names: capitalised inside a sentence ("the Kremlin"), or in
 * capitals anywhere ("CIA"). Text in title case ("Trump Halts Cyber Operations") says nothing of
 * names, and gives none.
 */
export function namesOf(text: string): Set<string> {
  const names = new Set<string>();
  const matches = wordMatches(text);
  const titleCase = inTitleCase(matches);
  for (const match of matches) {
    const word = match[0];
    if (!CAPITALISED.test(word)) continue;
    if (ALL_CAPITALS.test(word) || (!titleCase && !startsSentence(text, match.index))) {
      for (const part of tokenize(word)) names.add(part);
    }
  }
  return names;
}

/**
 * True when the text is in title case ("Trump Halts Cyber Operations Against Russia"), which
 * capitalises every word but short function words ("of", "the", "on"), so that its names cannot be
 * told from its other words.
 */
export function isTitleCase(text: string): boolean {
  return inTitleCase(text.normalize("NFKC").matchAll(WORD_RUN));
}

// A run of letters and digits (matchAll copies the expression, so it keeps no state between texts).
const WORD_RUN = /[\p{L}\p{N}]+/gu;

/** The runs of letters and digits of a text, NFKC-normalised, with where each starts. */
function wordMatches(text: string): RegExpExecArray[] {
  return [...text.normalize("NFKC").matchAll(WORD_RUN)];
}

/**
 * `isTitleCase` of a text's words, as matched, stopping at the first long word in lower case: most
 * sentences have one early.
 */
function inTitleCase(words: Iterable<RegExpMatchArray>): boolean {
  let long = 0;
  for (const match of words) {
    if (match[0].length < 4) continue;
    if (!CAPITALISED.test(match[0])) return false;
    long++;
  }
  return long >= 3;
}

/** The words a text writes in capitals, as abbreviations are ("CEO", "TV"), in lower case. */
export function abbreviationsOf(text: string): Set<string> {
  const found = new Set<string>();
  for (const match of wordMatches(text)) {
    if (ALL_CAPITALS.test(match[0])) for (const part of tokenize(match[0])) found.add(part);
  }
  return found;
}

/**
 * True when the text before `end` is blank or ends a sentence (closing mark, then spaces): the
 * last character before `end` that is not a space, found by looking back rather than by testing
 * the whole text before every word.
 */
function startsSentence(text: string, end: number): boolean {
  let i = Math.min(end, text.length) - 1;
  while (i >= 0 && SPACE.test(text.charAt(i))) i--;
  return i < 0 || SENTENCE_END.has(text.charAt(i));
}
