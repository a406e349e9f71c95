/**
 * The chat set (`test/fixtures/news/chat/`): messages members type to a news bot, labelled by what
 * they are (small talk, a request for the gist, a question about a story as a document, one put to
 * the bot, one about the stories' events), asked of the set's stories in one corpus and scored by
 * what /ask does with each.
 */
import { join } from "node:path";
import { answer } from "../../src/answer/answer.ts";
import { asideOf } from "../../src/answer/conversation.ts";
import { checkQuestion } from "../../src/answer/question.ts";
import type { SearchIndex } from "../../src/search/index.ts";
import { readSets } from "./metaSets.ts";
import { NEWS_DIR } from "./newsData.ts";
import { scoreQuestion } from "./newsScore.ts";

/** What a message is, as its writer labelled it. */
export type ChatKind = "smalltalk" | "gist" | "document" | "bot" | "events";

/** One message of a chat set. */
interface ChatMessage {
  readonly text: string;
  readonly kind: ChatKind;
  /** For events: the story (slug) and its 1-based paragraphs that answer the message. */
  readonly story?: string;
  readonly paragraphs?: readonly number[];
}

/** A chat set and the stories it was written about. */
export interface ChatSet {
  readonly set: string;
  readonly stories: readonly string[];
  readonly messages: readonly ChatMessage[];
}

const CHAT_DIR = join(NEWS_DIR, "chat");

/** The chat sets, in file order: C (a tuning set) and D (held out, its misses unread). */
export function loadChatSets(): ChatSet[] {
  return readSets<ChatSet>(CHAT_DIR);
}

/** What /ask did with a message: a line of its own (by kind), the gist, or passages searched. */
export type ChatSeen = "small talk" | "bot" | "document" | "leans" | "gist" | "searched";

/** Of each kind, how many messages there are and how many /ask met as their kind asks. */
export type ChatCounts = Record<ChatKind, { readonly messages: number; readonly met: number }>;

/** What /ask does with a message asked of `index` (no story chosen, no channel story). */
export function seenAs(index: SearchIndex, text: string): ChatSeen {
  const check = checkQuestion(text);
  if (!check.ok) return "searched";
  const reply = answer(index, check.text);
  const aside = asideOf(index, check.text, { outcome: () => reply.outcome });
  // A paragraph asked for by number is asked of the story as a document.
  if (aside !== null) return aside.kind === "paragraph" ? "document" : aside.kind;
  // A summary quotes the stories' openings in reading order, scored by no search.
  const gist = reply.results.length > 0 && reply.results.every((r) => r.score === 0);
  return gist ? "gist" : "searched";
}

/** Counts the messages /ask met as their kind asks: each kind its line or the gist; events their right paragraph. */
export function chatCounts(set: ChatSet, index: SearchIndex): ChatCounts {
  const counts: Record<ChatKind, { messages: number; met: number }> = {
    smalltalk: { messages: 0, met: 0 },
    gist: { messages: 0, met: 0 },
    document: { messages: 0, met: 0 },
    bot: { messages: 0, met: 0 },
    events: { messages: 0, met: 0 },
  };
  for (const m of set.messages) {
    const count = counts[m.kind];
    count.messages++;
    if (m.kind === "events") {
      const q = {
        question: m.text,
        style: "chat" as const,
        paragraphs: m.paragraphs ?? [],
        answer: null,
        yes: null,
        unsettled: false,
      };
      if (scoreQuestion(index, m.story ?? "", q).shown) count.met++;
      continue;
    }
    const seen = seenAs(index, m.text);
    const wanted: Record<Exclude<ChatKind, "events">, ChatSeen> = {
      smalltalk: "small talk",
      gist: "gist",
      document: "document",
      bot: "bot",
    };
    if (seen === wanted[m.kind]) count.met++;
  }
  return counts;
}

/** The table of each set asked of its own stories in one corpus (`indexOf` builds it). */
export function chatTable(
  sets: readonly ChatSet[],
  indexOf: (set: ChatSet) => SearchIndex,
): string {
  const rows = sets.map((set) => {
    const c = chatCounts(set, indexOf(set));
    const cell = (k: ChatKind) => {
      const { messages, met } = c[k];
      return `${met} of ${messages} (${messages === 0 ? 0 : Math.round((100 * met) / messages)}%)`;
    };
    return `| ${set.set}, its ${set.stories.length} stories | ${cell("smalltalk")} | ${cell("gist")} | ${cell("document")} | ${cell("bot")} | ${cell("events")} |`;
  });
  return [
    "| set, asked of | small talk: a line of its own | gist: the stories' openings | document: details given | bot: what it is | events: right paragraph shown |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows,
  ].join("\n");
}
