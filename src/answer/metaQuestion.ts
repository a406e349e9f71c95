import type { Passage } from "../corpus/types.ts";
import { citedParagraph } from "../language/citedParagraph.ts";
import { STOP_WORDS, tokenize } from "../language/text.ts";
import { asksForGist, PERSON_PRONOUNS } from "../language/wording.ts";
import { TELLING } from "../search/analysis.ts";
import type { SearchIndex } from "../search/index.ts";
import type { StoryInfo } from "../search/types.ts";
import { paragraphRunLabel } from "./layout.ts";
import { storiesNamed } from "./storyNamed.ts";

/** What a question about a story as a document asks for. */
export type DocumentDetail = "source" | "link" | "date" | "author" | "title";

/**
 * A question about no story's events: about a story as a document ("source?", "who wrote this
 * article") or one of its paragraphs by number ("what does ¶3 say"), naming the story by its
 * title's words or not; or one put to the bot itself ("who are you", "are you sure").
 */
export type MetaQuestion =
  | { readonly kind: "document"; readonly asks: DocumentDetail; readonly story: string | null }
  | {
      readonly kind: "paragraph";
      readonly paragraph: number | "last" | "cited";
      /** The last of a run asked for ("paragraphs 2-4"), or null for one paragraph. */
      readonly through: number | null;
      readonly story: string | null;
    }
  | { readonly kind: "bot" };

// Words that ask for a detail of the story as a document. Plurals are left out: "the authors",
// "sources said" and "links" are people and things inside stories, not the story's byline. Whether
// a story is real is answered with its source.
const DETAILS: ReadonlyMap<string, DocumentDetail> = new Map([
  ...detail("source", ["source", "outlet", "newspaper", "paper", "publication", "publisher"]),
  ...detail("source", ["website", "site", "wire", "from", "real", "fake", "legit", "satire"]),
  // Chat's "sauce?" for the source, and whether a story can be trusted, which its source answers.
  ...detail("source", ["sauce", "reliable", "credible", "trustworthy", "biased", "accurate"]),
  ...detail("source", ["trust", "opinion", "editorial", "original"]),
  ...detail("link", ["link", "url", "href", "online", "full", "whole", "entire"]),
  ...detail("link", ["lnk", "paywall", "paywalled", "archive", "archived"]),
  ...detail("date", ["published", "publish", "posted", "date", "dated", "old", "recent"]),
  ...detail("author", ["author", "wrote", "written", "writer", "byline", "journalist"]),
  ...detail("author", ["reporter", "reported"]),
  ...detail("title", ["headline", "title"]),
]);
// Details that ask about a story only when the question points at it or names it as a document
// ("how old is this article" but not "how old is the victim", "where is this from", "the full
// story"), or is that word alone ("date?").
const POINTED = new Set([
  ...["old", "recent", "from", "date", "site", "online", "full", "whole", "entire"],
  ...["real", "fake", "legit", "satire", "sauce", "reliable", "credible", "trustworthy", "biased"],
  ...["accurate", "archive", "archived", "trust"],
]);
// Details that ask about a story only beside a noun calling it one ("an opinion piece", "the
// original article"), not "whats your opinion on all this".
const CALLED = new Set(["opinion", "editorial", "original"]);
// Ways of saying a story was published: "when did this come out", "when did it go up".
const PUBLISHED = /\b(?:come|came|comes|coming|go|went|goes) (?:out|up|online)\b/u;
// Ways of asking where the stories come from: "where did u get this story".
const FETCHED = /\bwhere (?:did|do|does) (?:you|u|ya|they) (?:get|find|pull|take)\b/u;
// Words that name a story as a document ("the lumenfold piece"), or point at it.
const DOCUMENT = new Set([
  "story",
  "stories",
  "article",
  "articles",
  "piece",
  "post",
  "news",
  "item",
  "page",
  "text",
]);
const POINTING = new Set(["this", "it", "that", "these", "ths"]);
// Words a request for a document's details may hold besides them ("can u send the link pls").
const REQUEST = new Set([
  ...["send", "give", "share", "show", "drop", "find", "read", "see", "need", "want", "provide"],
  ...["name", "came", "come", "actual", "pls", "thx"],
]);

function detail(kind: DocumentDetail, words: readonly string[]): [string, DocumentDetail][] {
  return words.map((w) => [w, kind]);
}

// What a bot may be asked it is ("are you a real person", "r u an ai"): no word about the stories.
const BOT_NATURE = new Set([
  ...["bot", "person", "human", "ai", "robot", "machine", "program", "computer", "chatbot"],
  ...["chatgpt", "gpt", "llm"],
]);
// "this bot", "the bot": the bot named in the third person ("who runs this bot").
const POINTING_AT_BOT = new Set(["this", "the", "ur", "your"]);
/** The words that address the bot. */
const SECOND_PERSON = new Set(["you", "u", "your", "ur", "yours", "yourself", "youre", "thou"]);
// "You" is the one asked about after these ("are you", "can u", "r u"), and "your" always.
const OWN = new Set(["your", "ur", "yours", "yourself", "youre"]);
// Not "if" or "when": "what happens if you drink it" asks about anyone.
const AUXILIARIES = new Set([
  ...["are", "r", "do", "did", "does", "can", "could", "will", "would", "have", "had", "were"],
  ...["should", "shall", "may", "might", "must", "dont", "didnt", "cant", "wont", "arent"],
  ...["wouldnt", "couldnt", "havent"],
]);
// A word the stories hold counts as asking about them only when it tells something (`TELLING`):
// "how old r u" holds "old", "are you sure" "sure", words any story may hold. Of the news test bed's
// 2,652 fit and choose questions in scope, none is taken for a document or bot question at 0.1 or
// 0.2, 4 at 0.3 and 18 at 0.45 (2026-12-07).
// At most this many such words name a story ("the kansas gerrymandering story").
const NAMING_WORDS = 4;

/**
 * What a question asks that is not about a story's events, or null for a question about them.
 *
 * @param words the question's words, when it was tokenized already
 *
 * @example metaQuestion(index, "who wrote this article?") // { kind: "document", asks: "author", story: null }
 */
export function metaQuestion(
  index: SearchIndex,
  text: string,
  words: readonly string[] = tokenize(text),
): MetaQuestion | null {
  const paragraph = paragraphQuestion(index, text);
  if (paragraph !== null) return paragraph;
  const document = documentQuestion(index, words);
  if (document !== null) return document;
  // "can u summarize this" asks for the story's gist, which the answer gives; "who owns this bot"
  // asks who made the bot whatever the stories say of owners.
  if (asksForGist(words) || !addressed(words)) return null;
  return madeBy(words) || !holdsTelling(index, text) ? { kind: "bot" } : null;
}

/**
 * Whether the question addresses the bot: "you" as the subject ("are you a bot", "what can u
 * do", "you're wrong"), "your" ("whats ur name"), or "you" as what someone asked about made ("who
 * made you"), not as any other object ("how much do they fine u", "is it bad for you").
 */
function addressed(words: readonly string[]): boolean {
  return words.some(
    (w, i) =>
      OWN.has(w) ||
      (w === "bot" && POINTING_AT_BOT.has(words[i - 1] ?? "")) ||
      (SECOND_PERSON.has(w) &&
        (i === 0 || AUXILIARIES.has(words[i - 1] ?? "") || words[i - 2] === "who")),
  );
}

/** Whether the question asks who did something to the bot: "who made you", "who owns this bot". */
function madeBy(words: readonly string[]): boolean {
  if (words[0] !== "who" || words.length > 4) return false;
  return /^(?:you|u|(?:this|the) bot)$/u.test(words.slice(2).join(" "));
}

/**
 * Whether the question holds a word the stories hold that tells something, the second person,
 * the details asked of a document and the nouns calling it one aside ("are you real" asks the bot
 * what "is this real" asks of a story; "what news do u have" what it holds).
 */
function holdsTelling(index: SearchIndex, text: string): boolean {
  return index
    .analyze(text)
    .some(
      (t) =>
        t.known &&
        !SECOND_PERSON.has(t.word) &&
        !DETAILS.has(t.word) &&
        !DOCUMENT.has(t.word) &&
        !BOT_NATURE.has(t.word) &&
        t.informativeness >= TELLING,
    );
}

function documentQuestion(index: SearchIndex, words: readonly string[]): MetaQuestion | null {
  const named = words.some((w) => DOCUMENT.has(w));
  const details = words.filter(
    (w, i) => DETAILS.has(w) && (w !== "from" || fromStory(words, i)) && (named || !CALLED.has(w)),
  );
  const joined = words.join(" ");
  const published = PUBLISHED.test(joined);
  if (FETCHED.test(joined)) details.push("source");
  if (details.length === 0 && !published) return null;
  const pointed = named || words.some((w) => POINTING.has(w));
  // The words that say what else the question is about: "lumenfold" in "the lumenfold piece", or
  // "solitude" in "who wrote One Hundred Years of Solitude".
  const about = aboutWords(words, DETAILS);
  // A detail that may be about anything ("old", "legit", "went up") asks about a story only when
  // the question points at it ("how old is this", "is the lumenfold piece legit"), or is that word
  // alone ("date?"); and calls it a story when it says more ("that" in "first date ideas that
  // aren't dinner" points at no story).
  if (published || details.every((w) => POINTED.has(w))) {
    // "are you biased" asks the bot; "how old is she" asks about someone, not a story.
    const alone =
      !addressed(words) &&
      words.every((w) => DETAILS.has(w) || (STOP_WORDS.has(w) && !PERSON_PRONOUNS.has(w)));
    if ((!pointed && !alone) || (about.length > 0 && !named)) return null;
  }
  // "When" asks the date ("when was this written"); any other detail is more telling than the
  // source, which "from" and "real" ask ("is this from a real paper").
  const kinds = details.flatMap((w) => DETAILS.get(w) ?? []);
  const asks: DocumentDetail =
    words.includes("when") || published ? "date" : (kinds.find((k) => k !== "source") ?? "source");
  const telling = about.filter((w) => index.analyzer.informativeness(w) >= TELLING);
  if (telling.length === 0) return { kind: "document", asks, story: null };
  // Words that tell something must name a story the question calls a document ("when was the deep
  // sea species article published"), and be few: "who wrote the majority opinion" asks about a
  // story's events, and "who wrote One Hundred Years of Solitude" about no story.
  if (!named || telling.length > NAMING_WORDS) return null;
  // Words no story holds ("the ev story", a shortening) name none the reply could pick.
  if (index.analyze(telling.join(" ")).every((t) => !t.known)) {
    return { kind: "document", asks, story: null };
  }
  const story = storiesNamed(index, telling)[0];
  return story === undefined ? null : { kind: "document", asks, story: story.slug };
}

// Words a request for a paragraph by number may hold besides those of any request ("what does ¶3
// say exactly", "quote para 2 again").
const PARAGRAPH_REQUEST = new Set([
  ...["say", "says", "said", "quote", "quoted", "paste", "post", "text", "full", "whole", "entire"],
  ...["again", "exactly", "mean", "means", "talk", "talks", "cover", "covers", "contain"],
  ...["contains", "plz", "please", "pls", "print", "display", "open", "go"],
]);

/**
 * A request to see a paragraph by the number answers cite it with ("what does ¶3 say", "show me
 * para 5", "the last paragraph of the reno story"), or null: its other words only ask ("show",
 * "say", "full") or name a story it calls one. "what does ¶3 say about the budget" asks about the
 * budget, and is searched.
 */
function paragraphQuestion(index: SearchIndex, text: string): MetaQuestion | null {
  const cited = citedParagraph(text);
  if (cited === null) return null;
  const about = aboutWords(cited.rest, PARAGRAPH_REQUEST);
  const { paragraph, through } = cited;
  const telling = about.filter((w) => index.analyzer.informativeness(w) >= TELLING);
  // "the paragraph" cites the one a reply just cited only when nothing else is said: "the paragraph
  // where the ceo is named" asks the search for it.
  if (paragraph === "cited" && telling.length > 0) return null;
  // Words no story holds ("ty", "fr") name nothing and ask nothing the reply could search for.
  const known = index.analyze(telling.join(" ")).filter((t) => t.known);
  if (known.length === 0) return { kind: "paragraph", paragraph, through, story: null };
  const named = cited.rest.some((w) => DOCUMENT.has(w));
  if (!named || telling.length > NAMING_WORDS) return null;
  const story = storiesNamed(index, telling)[0];
  return story === undefined ? null : { kind: "paragraph", paragraph, through, story: story.slug };
}

/**
 * The words of a request about a story as a document that say what else it is about: not the
 * words asking (`asking`, and any request's), nor those calling it a document or pointing at it.
 */
function aboutWords(words: readonly string[], asking: { has(word: string): boolean }): string[] {
  return words.filter(
    (w) =>
      !asking.has(w) &&
      !DOCUMENT.has(w) &&
      !POINTING.has(w) &&
      !STOP_WORDS.has(w) &&
      !REQUEST.has(w) &&
      !SECOND_PERSON.has(w),
  );
}

/**
 * Whether "from", at `i`, asks where a story is from: it follows the words pointing at it ("is
 * this from AP", "where'd you get these stories from"), not "sick from it" or "from the tap".
 */
function fromStory(words: readonly string[], i: number): boolean {
  return words.slice(0, i).some((w) => POINTING.has(w) || DOCUMENT.has(w));
}

/** The story's source as a reader should see it, or null when it only names the file it came in. */
export function readerSource(source: string | null): string | null {
  return source === null || FILE_NAME.test(source) ? null : source;
}

// A source that only names the file a story came in ("delivered as 000_4edb1f.txt") tells a reader nothing.
const FILE_NAME = /\.(?:txt|md|markdown)\b/iu;

/** How the lines write a story's title and link: plain for a terminal, escaped for Discord. */
export interface DocumentStyle {
  readonly title: (title: string) => string;
  readonly text: (text: string) => string;
  readonly link: (url: string) => string;
}

const PLAIN: DocumentStyle = { title: (t) => `“${t}”`, text: (t) => t, link: (u) => u };
// A list of stories longer than this ends with how many more /story lists.
const LISTED = 5;

/**
 * The reply to a question about stories as documents: each story's title with the source, date
 * and link its file gives, saying so when it does not give what was asked (a story file names no
 * author); at most `limit` characters, the stories that do not fit counted at the end.
 *
 * @example documentLine([story], "link") // "“Title” gives no link (from Example Wire, dated 2025-03-02)."
 */
export function documentLine(
  stories: readonly StoryInfo[],
  asks: DocumentDetail,
  style: DocumentStyle = PLAIN,
  limit = Number.POSITIVE_INFINITY,
): string {
  const lines: string[] = [];
  // Room is kept for the line saying how many more there are.
  const room = limit - 40;
  let used = 0;
  for (const story of stories.slice(0, LISTED)) {
    const line = storyLine(story, asks, style);
    if (lines.length > 0 && used + line.length + 1 > room) break;
    lines.push(line);
    used += line.length + 1;
  }
  const more = stories.length - lines.length;
  if (more > 0) lines.push(`…and ${more} more: /story lists them all.`);
  return lines.join("\n");
}

function storyLine(story: StoryInfo, asks: DocumentDetail, style: DocumentStyle): string {
  const source = readerSource(story.source);
  const details = [
    source === null ? null : `from ${style.text(source)}`,
    story.date === null ? null : `dated ${style.text(story.date)}`,
    story.url === null ? null : style.link(story.url),
  ].filter((d) => d !== null);
  const title = style.title(story.title);
  if (asks === "title") return `${title}${details.length > 0 ? ` (${details.join(", ")})` : ""}.`;
  // Story files give no author: the source is what a question about the writer can be told.
  const given = { source, link: story.url, date: story.date, author: null }[asks] !== null;
  if (given) return `${title}: ${details.join(", ")}.`;
  return `${title} gives no ${asks}${details.length > 0 ? ` (${details.join(", ")})` : ""}.`;
}

/**
 * The stories a question about a story as a document is answered with: the one it names (by
 * `story.named`), else the one it was asked of (`story.asked`), else the only one, else the one
 * the channel talks about (`story.talked`), else all.
 */
export function documentStories(
  index: SearchIndex,
  story: {
    readonly named: string | null;
    readonly asked?: string | null;
    readonly talked?: string | null;
  },
): readonly StoryInfo[] {
  for (const slug of [story.named, story.asked, index.stories.length === 1 ? null : story.talked]) {
    const found = slug === null || slug === undefined ? undefined : index.story(slug);
    if (found !== undefined) return [found];
  }
  return index.stories;
}

/**
 * The stories a question about stories as documents is answered with (`documentStories`), or null
 * when it asks for the headline of one story that has a headline passage: the search answers that,
 * cited "headline", as for any question.
 */
export function storiesForDocument(
  index: SearchIndex,
  question: Extract<MetaQuestion, { kind: "document" }>,
  story: { readonly asked?: string | null; readonly talked?: string | null },
): readonly StoryInfo[] | null {
  const stories = documentStories(index, { named: question.story, ...story });
  const [only] = stories;
  if (question.asks === "title" && stories.length === 1 && only !== undefined) {
    if (index.passagesOf(only.slug).some((p) => p.kind === "headline")) return null;
  }
  return stories;
}

/** A paragraph asked for by number, read from the story meant. */
export interface ParagraphShown {
  /** The number asked for, resolved once a story is picked ("last", "cited"). */
  readonly paragraph: number | "last" | "cited";
  /** The last of a run asked for, or null for one paragraph. */
  readonly through: number | null;
  /** The story it is read from, or null when several are loaded and none is meant. */
  readonly story: StoryInfo | null;
  /** Its passages, in order: none when the story has no such paragraph or none was picked. */
  readonly parts: readonly Passage[];
}

// The most paragraphs one reply shows of a run asked for: five fill an embed's 4,096 characters.
const RUN_SHOWN = 5;

/** A paragraph a reply cited: its story's slug and its number. */
export interface CitedIn {
  readonly story: string;
  readonly paragraph: number;
}

/**
 * The paragraph a request for one by number shows (`metaQuestion`): of the story it names, else
 * the one it was asked of, else the only one, else the one the channel talks about (as
 * `documentStories` picks), else the one the channel's last reply cited (`cited`), whose paragraph
 * "the full paragraph" asks for; no story when several could be meant.
 */
export function paragraphShown(
  index: SearchIndex,
  question: Extract<MetaQuestion, { kind: "paragraph" }>,
  story: {
    readonly asked?: string | null;
    readonly talked?: string | null;
    readonly cited?: CitedIn | null;
  },
): ParagraphShown {
  const { cited = null } = story;
  const stories = documentStories(index, {
    named: question.story,
    asked: story.asked ?? null,
    talked: story.talked ?? cited?.story ?? null,
  });
  const only = stories.length === 1 ? stories[0] : undefined;
  const none = { paragraph: question.paragraph, through: question.through, story: null, parts: [] };
  if (only === undefined) return none;
  const paragraph =
    question.paragraph === "last"
      ? only.paragraphs
      : question.paragraph === "cited"
        ? cited !== null && cited.story === only.slug
          ? cited.paragraph
          : null
        : question.paragraph;
  if (paragraph === null) return none;
  const last = Math.min(question.through ?? paragraph, paragraph + RUN_SHOWN - 1);
  // The story's own passages, not every passage: an archive's texts are read from disk.
  const parts = index
    .passagesOf(only.slug)
    .filter((p) => p.kind !== "headline" && p.paragraph >= paragraph && p.paragraph <= last);
  return { paragraph, through: question.through === null ? null : last, story: only, parts };
}

/**
 * The line that answers a request for a paragraph no one story's paragraph answers: the story has
 * no such paragraph, or several stories could be meant (`pick`, how to name one), or no reply cited
 * the paragraph "the full paragraph" asks for.
 */
export function paragraphMissingLine(
  shown: ParagraphShown,
  pick: string,
  style: DocumentStyle = PLAIN,
): string {
  if (shown.paragraph === "cited") {
    return "Which paragraph? Ask for it by the number an answer cites: “what does ¶3 say”.";
  }
  const asked =
    shown.paragraph === "last"
      ? "last paragraph"
      : shown.through === null
        ? `¶${shown.paragraph}`
        : paragraphRunLabel(shown.paragraph, shown.through);
  if (shown.story === null) return `Which story's ${asked}? ${pick}`;
  const title = style.title(shown.story.title);
  const count = shown.story.paragraphs;
  return count === 0
    ? `${title} has no paragraphs, only its headline.`
    : `${title} has no ${asked}: its paragraphs are ${count === 1 ? "¶1" : `¶1 to ¶${count}`}.`;
}

/** The line that answers a question put to the bot: what it is, and what to ask it. */
export function botLine(stories: number): string {
  const them = stories === 1 ? "the story" : "the stories";
  return `I'm a bot that answers questions about ${them} loaded here: I quote ${stories === 1 ? "it" : "them"} and cite the paragraph, so you can check every answer. I know nothing else, not even about myself. Ask me about ${them} with /ask.`;
}
