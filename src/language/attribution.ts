/**
 * Questions about what someone said ("What did Putin say about the pause?", "What does the Kremlin
 * think?") and whether a passage reports them speaking. A story can name a person without
 * reporting a word of theirs, and then it does not say what they said, however many of the
 * question's other words it shares.
 */
import { stemmer } from "stemmer";
import type { Expansion } from "./expand.ts";
import type { Word } from "./text.ts";

// Verbs by which news text reports speech, a reaction or a view ("Schumer described the pause as
// a mistake", "Waltz dismissed suggestions"), compared as Porter stems of the surface word. Nouns
// that are also such verbs but often mean other things ("state", "post", "note") are left out.
const REPORTING_VERBS = [
  ...["say", "says", "said", "saying", "stating", "tell", "told", "speak", "spoke", "spoken"],
  ...["write", "wrote", "written", "tweet", "quote", "comment", "remark", "note", "noted"],
  ...["claim", "argue", "assert", "insist", "insisted", "maintain", "contend", "declare"],
  ...["warn", "describe", "call", "label", "dismiss", "emphasize", "emphasise", "stress"],
  ...["defend", "criticize", "criticise", "condemn", "denounce", "decry", "slam", "praise"],
  ...["hail", "welcome", "reject", "deny", "denied", "confirm", "reveal", "announce"],
  ...["acknowledge", "admit", "concede", "suggest", "explain", "point", "observe", "respond"],
  ...["react", "reply", "replied", "accuse", "blame", "urge", "vow", "pledge", "promise"],
  ...["threaten", "predict", "propose", "recommend", "recall", "teach", "taught", "believe"],
  ...["think", "thought", "feel", "felt", "consider", "assume"],
];
const REPORTING_STEMS: ReadonlySet<string> = new Set(REPORTING_VERBS.map((verb) => stemmer(verb)));

// Words between a name and the verb it is the subject of: "Chuck Schumer described", "Senate
// Minority Leader Chuck Schumer described", "Marco Rubio, defended".
const SUBJECT_WINDOW = 10;
// Words of a name and its title before the word matched: "by Senator Chuck Schumer".
const NAME_WORDS = 4;
// Words between a reporting verb and the "by" of its speaker: "denounced as a racket by".
// "Officials revealed that the directive, issued by Hegseth" reports the officials.
const PASSIVE_WINDOW = 4;
const PRONOUNS: ReadonlySet<string> = new Set(["he", "she", "they"]);

// A reaction can be a deed ("How did Louis XV respond?" "He dispatched six regiments"), so only
// words and views are asked for here.
const SPEECH_VERB =
  "say|said|says|saying|think|thinks|thought|tell|told|claim|claimed|argue|argued|comment|commented|call|called|make of|describe|described|have to say|had to say";
const SPEECH_NOUN =
  "response|reaction|view|views|position|take|statement|comment|comments|reply|answer|verdict";
// Active only: "What was the campaign called?" asks for a name, not for what someone said.
const AUXILIARY = "did|does|do|has|have|had|will|would";

// How a question asks what someone said; the group is who, as tokenized (possessive 's dropped).
const QUESTION_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\b(?:what|how) (?:${AUXILIARY}) (.+?) (?:${SPEECH_VERB})\\b`, "u"),
  new RegExp(`\\b(?:what|how) (?:is|was|are|were) (.+?) (?:${SPEECH_NOUN})\\b`, "u"),
  /^(?:has|have|did|does|do) (.+?) (?:say|said|comment|commented|speak|spoke|spoken)\b/u,
];

/** What the speaker patterns read of a question's term: the search's `QueryTerm` is one. */
export interface SpeakerTerm {
  /** The word as typed, lower-case. */
  readonly word: string;
  /** The index term it becomes. */
  readonly term: string;
  /** True when the question writes the word as a name. */
  readonly name: boolean;
  /** Corpus terms that stand in for the word when the corpus lacks it. */
  readonly expansions: readonly Expansion[];
}

/** Whom a question asks the words of: the names as typed, and the terms that stand for them. */
export interface Speaker {
  /** The question's words that name the speaker, lower-case, from the first name on: ["chuck", "shumer"]. */
  readonly words: readonly string[];
  /** Their terms with the stand-ins the index found for them ("kremlin" → "moscow"). */
  readonly terms: ReadonlySet<string>;
}

/**
 * Whom the question asks the words of, when it asks what a named person or body said; null when
 * it does not.
 *
 * @param words the question's words, tokenized
 * @param terms the question's terms, as the index analysed them
 */
export function askedSpeaker(
  words: readonly string[],
  terms: readonly SpeakerTerm[],
): Speaker | null {
  const text = words.join(" ");
  for (const pattern of QUESTION_PATTERNS) {
    const who = pattern.exec(text)?.[1];
    if (who === undefined) continue;
    const spanWords = who.split(" ");
    const span = new Set(spanWords);
    const named = terms.filter((t) => span.has(t.word));
    // The speaker is whom the last word names: "the top US diplomat" is a diplomat, not the US.
    const head = named.at(-1);
    if (head === undefined || !isName(head)) return null;
    const names = named.filter(isName);
    const speaker = new Set<string>();
    for (const name of names) {
      speaker.add(name.term);
      // A word-vector neighbour is someone else, not the same speaker ("Putin" ~ "Trump").
      for (const e of name.expansions) if (e.source !== "meaning") speaker.add(e.term);
    }
    // As asked, from the first name on: "chuck shumer", "the top senate democrat" → "senate democrat".
    const first = spanWords.findIndex((w) => names.some((n) => n.word === w));
    return { words: spanWords.slice(Math.max(0, first)), terms: speaker };
  }
  return null;
}

/** A name, or a misspelt one ("shumer" for "Schumer"); a word-vector neighbour that is a name is not enough. */
function isName(term: SpeakerTerm): boolean {
  return term.name || term.expansions.some((e) => e.name && e.source !== "meaning");
}

/**
 * True when one of the sentences reports the speaker speaking: their name followed closely by a
 * reporting verb ("Schumer described…"), or "according to" or "by" the name ("was criticized by
 * Schumer"). "Trump announced talks with Putin" reports Trump, not Putin.
 */
export function reportsSpeaker(
  sentences: readonly (readonly Word[])[],
  speaker: ReadonlySet<string>,
): boolean {
  const named = (word: Word): boolean => word.term !== null && speaker.has(word.term);
  // Once named, a speaker is often "he" or "they": "Christians, he said, must not slacken".
  const pronoun = sentences.some((words) => words.some(named));
  return sentences.some((words) =>
    words.some((word, at) => {
      if (!named(word) && !(pronoun && PRONOUNS.has(word.surface))) return false;
      if (words[at - 2]?.surface === "according" && words[at - 1]?.surface === "to") return true;
      // "was denounced as a racket by Smedley Butler": "by" before the name, a verb before that.
      const by = words
        .slice(Math.max(0, at - NAME_WORDS), at)
        .findLastIndex((w) => w.surface === "by");
      if (by >= 0) {
        const end = Math.max(0, at - NAME_WORDS) + by;
        const passive = words.slice(Math.max(0, end - PASSIVE_WINDOW), end);
        if (passive.some(reports)) return true;
      }
      return words.slice(at + 1, at + 1 + SUBJECT_WINDOW).some(reports);
    }),
  );
}

/** True when the word is a reporting verb; its index term is its stem, except for stop words ("said"). */
function reports(word: Word): boolean {
  return REPORTING_STEMS.has(word.term ?? stemmer(word.surface));
}
