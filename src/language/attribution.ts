/**
 * Questions about what someone said ("What did Putin say about the pause?", "What does the Kremlin
 * think?") and whether a passage reports them speaking. A story can name a person without
 * reporting a word of theirs, and then it does not say what they said, however many of the
 * question's other words it shares.
 */
import { stemmer } from "stemmer";
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
// Verbs of speech that news writes before their speaker after a quote ('"…," said Pemberton').
const INVERTED_VERBS = [
  ...["say", "says", "said", "write", "wrote", "add", "added", "note", "noted", "explained"],
  ...["recalled", "insisted", "argued", "remarked", "continued"],
];
const INVERTED_STEMS: ReadonlySet<string> = new Set(INVERTED_VERBS.map((verb) => stemmer(verb)));

// Words between a name and the verb it is the subject of: "Chuck Schumer described", "Senate
// Minority Leader Chuck Schumer described", "Marco Rubio, defended".
const SUBJECT_WINDOW = 10;
// Words of a name and its title before the word matched: "by Senator Chuck Schumer".
const NAME_WORDS = 4;
// Words between a reporting verb and the "by" of its speaker: "denounced as a racket by".
// "Officials revealed that the directive, issued by Hegseth" reports the officials.
const PASSIVE_WINDOW = 4;
// Words of a name and a long title between a reporting verb and the word matched: "said Senate
// Minority Leader Chuck Schumer".
const TITLED_NAME_WORDS = 6;
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

/**
 * The words of a question that name whom it asks the words of, as asked ("what did chuck shumer
 * say" → ["chuck", "shumer"]); null when it does not ask what someone said. Which of them are
 * names, and what stands for them in the corpus, the search's analysis tells (`search/speaker.ts`).
 *
 * @param words the question's words, tokenized
 */
export function speakerWords(words: readonly string[]): readonly string[] | null {
  const text = words.join(" ");
  for (const pattern of QUESTION_PATTERNS) {
    const who = pattern.exec(text)?.[1];
    if (who !== undefined) return who.split(" ");
  }
  return null;
}

const REPORTING_WORDS: ReadonlySet<string> = new Set(REPORTING_VERBS);

/**
 * True when one of the words is a verb by which news reports speech or a view, as written ("say",
 * "commented", "denied"): compared by stem, "stating" would make "state" one.
 */
export function reportsSpeech(words: readonly string[]): boolean {
  return words.some(
    (word) => REPORTING_WORDS.has(word) || REPORTING_WORDS.has(word.replace(/(?:ed|s)$/u, "")),
  );
}

/**
 * The terms of everyone the sentences report speaking, so that a speaker is reported when one of
 * their terms is here: each word followed closely by a reporting verb ("Schumer described…"), or
 * after "according to" or "by" and a reporting verb ("was criticized by Schumer"): "Trump announced
 * talks with Putin" reports Trump, not Putin. Since a speaker once named is often "he" or "they"
 * ("Christians, he said, must not slacken"), every term of the sentences counts when a pronoun is
 * reported speaking.
 */
export function reportedTerms(sentences: readonly (readonly Word[])[]): ReadonlySet<string> {
  const reported = new Set<string>();
  let pronoun = false;
  for (const words of sentences) {
    for (const [at, word] of words.entries()) {
      const isPronoun = PRONOUNS.has(word.surface);
      if ((word.term === null || reported.has(word.term)) && (!isPronoun || pronoun)) continue;
      if (!reportedAt(words, at)) continue;
      if (word.term !== null) reported.add(word.term);
      if (isPronoun) pronoun = true;
    }
  }
  if (pronoun) {
    for (const words of sentences)
      for (const word of words) if (word.term !== null) reported.add(word.term);
  }
  return reported;
}

/** True when the word at `at` is the subject of a reporting verb, or the speaker of a passive one. */
function reportedAt(words: readonly Word[], at: number): boolean {
  if (words[at - 2]?.surface === "according" && words[at - 1]?.surface === "to") return true;
  // "was denounced as a racket by Smedley Butler": "by" before the name, a verb before that.
  const by = words.slice(Math.max(0, at - NAME_WORDS), at).findLastIndex((w) => w.surface === "by");
  if (by >= 0) {
    const end = Math.max(0, at - NAME_WORDS) + by;
    const passive = words.slice(Math.max(0, end - PASSIVE_WINDOW), end);
    if (passive.some(reports)) return true;
  }
  if (words.slice(at + 1, at + 1 + SUBJECT_WINDOW).some(reports)) return true;
  // After the quote, news puts the verb first: '"…," said Circuit Judge Franklin Haskett'; the
  // words between are the name and its title, never a stop word ("announced talks with Putin"),
  // and the verb one of speech, not one whose object the name would be ("criticized Harrigan").
  for (let k = at - 1; k >= Math.max(0, at - TITLED_NAME_WORDS); k--) {
    const before = words[k] as Word;
    if (INVERTED_STEMS.has(stemOf(before))) return true;
    if (before.term === null) return false;
  }
  return false;
}

/** True when the word is a reporting verb; its index term is its stem, except for stop words ("said"). */
function reports(word: Word): boolean {
  return REPORTING_STEMS.has(stemOf(word));
}

/** A word's index term, or the stem of a stop word ("said"), as the verb sets hold them. */
function stemOf(word: Word): string {
  return word.term ?? stemmer(word.surface);
}
