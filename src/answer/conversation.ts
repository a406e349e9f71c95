import { STOP_WORDS, tokenize } from "../language/text.ts";
import { asksForSummary } from "../language/wording.ts";

/** Small talk a member may type to the bot, and the one friendly line that answers it. */
export type SmallTalk = "thanks" | "greeting" | "praise" | "laugh" | "ok" | "bye";

// Each kind's words; a message of small talk holds one of them and nothing of substance.
const SMALL_TALK: Readonly<Record<SmallTalk, readonly string[]>> = {
  thanks: ["thanks", "thank", "thx", "ty", "cheers", "tysm", "appreciated", "appreciate"],
  greeting: ["hi", "hello", "hey", "yo", "hiya", "howdy", "morning", "evening", "afternoon"],
  praise: ["good", "great", "nice", "cool", "awesome", "amazing", "helpful", "perfect", "wow"],
  laugh: ["lol", "lmao", "haha", "hahaha", "rofl", "heh", "xd"],
  ok: ["ok", "okay", "k", "kk", "alright", "sure", "got", "gotcha", "understood", "noted", "yep"],
  bye: ["bye", "goodbye", "cya", "later", "night", "gn"],
};
// Words that may stand beside small talk without making it a question ("thanks a lot, bot").
const FILLER = new Set([
  ...["bot", "you", "u", "so", "much", "a", "lot", "very", "really", "that", "it", "man", "mate"],
  ...["there", "all", "everyone", "again", "job", "work", "one", "answer", "for", "the", "this"],
  ...["oh", "ah", "i", "see", "makes", "sense", "fine", "thats", "that's", "is", "was"],
]);
const LINES: Readonly<Record<SmallTalk, string>> = {
  thanks: "You're welcome! Ask me anything else about the story.",
  greeting: "Hi! Ask me a question about the story with /ask.",
  praise: "Thank you! Ask me anything else about the story.",
  laugh: "Glad you're enjoying it. Ask me anything about the story.",
  ok: "Alright. Ask me anything else about the story.",
  bye: "Bye! Ask me about the story any time.",
};

/**
 * The kind of small talk a message is ("thanks bot", "hi", "good bot", "lol", "ok"), or null for
 * anything with a word of substance or a question mark.
 *
 * @example smallTalk("thanks bot!") // "thanks"
 */
export function smallTalk(text: string): SmallTalk | null {
  if (text.includes("?")) return null;
  const words = tokenize(text);
  if (words.length === 0 || words.length > 6) return null;
  let kind: SmallTalk | null = null;
  for (const word of words) {
    const found = (Object.keys(SMALL_TALK) as SmallTalk[]).find((k) =>
      SMALL_TALK[k].includes(word),
    );
    if (found !== undefined) kind ??= found;
    else if (!FILLER.has(word)) return null;
  }
  return kind;
}

/** The one short friendly line that answers small talk. */
export function smallTalkLine(kind: SmallTalk): string {
  return LINES[kind];
}

// Words that stand for someone or something named earlier in a conversation.
const PEOPLE = new Set(["he", "she", "him", "his", "her", "hers", "they", "them", "their"]);
const THINGS = new Set(["it", "its", "this", "that", "these", "those"]);
// Openings that carry on from an earlier question: "and what about…", "and then?", "what else?".
const CARRIES_ON =
  /^\s*(?:and |also )?(?:what|how) about\b|^\s*and (?:then|why|how come|what else)\b|^\s*what else\b/iu;

/**
 * The word a question leans on earlier context with ("he" in "what did he say about it?"), or
 * null when it stands alone: it names someone only as "he", "she" or "they", asks about "it" or
 * "that" with no word of substance, or opens with "and what about…".
 *
 * @example leansOnContext("what did he say about it?") // "he"
 */
export function leansOnContext(text: string): string | null {
  const words = tokenize(text);
  const person = words.find((w) => PEOPLE.has(w));
  // A capitalised word after the first is a name the question gives: "he" may be that person.
  const named = /\s\p{Lu}/u.test(text.trim());
  if (person !== undefined && !named) return person;
  const substance = words.filter((w) => !STOP_WORDS.has(w) && !THINGS.has(w));
  const thing = words.find((w) => THINGS.has(w));
  // "What is it about?" asks for the story's gist: "it" is the story.
  if (thing !== undefined && substance.length === 0 && !asksForSummary(words)) return thing;
  const opening = CARRIES_ON.exec(text)?.[0].trim();
  return opening === undefined ? null : opening.toLowerCase();
}
