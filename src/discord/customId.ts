import type { FollowUpContext } from "../answer/followUp.ts";
import { DISCORD_LIMITS } from "./limits.ts";

/** What the "More passages" button needs to fetch the next page, carried in its custom_id. */
export interface MoreState {
  /** How many passages were already shown. */
  readonly offset: number;
  /** Whether the answer was private (then a Share button is offered too). */
  readonly private: boolean;
  /** The story the question was limited to, or null for all. */
  readonly story: string | null;
  /** What to ask again: the question itself, or its search words when it is too long to carry. */
  readonly query: string;
}

/** What the "More passages" button is made from: the question, and its search words to fall back on. */
export interface MoreRequest extends Omit<MoreState, "query"> {
  readonly question: string;
  /** The question's search words (stop words dropped, so the ranking is nearly the same). */
  readonly words: readonly string[];
}

/** custom_id of the Share button; the shared answer is read from the message itself. */
export const SHARE_ID = "share";

const MORE_PREFIX = "more";

/**
 * Encodes paging state into a custom_id of at most 100 characters, so the bot keeps no state:
 * `more:<offset>:<p|->:<story>:<query>`. The query is the question when it fits, so the next page
 * is asked exactly as the first ("how many…", "what happened?"); otherwise its search words,
 * dropping trailing ones that do not fit.
 */
export function encodeMore(request: MoreRequest): string {
  const head = `${MORE_PREFIX}:${request.offset}:${request.private ? "p" : "-"}:${request.story ?? ""}:`;
  if (head.length + request.question.length <= DISCORD_LIMITS.customId) {
    return `${head}${request.question}`;
  }
  let words = "";
  for (const word of request.words) {
    const next = words === "" ? word : `${words} ${word}`;
    if (head.length + next.length > DISCORD_LIMITS.customId) break;
    words = next;
  }
  return `${head}${words}`.slice(0, DISCORD_LIMITS.customId);
}

/** Decodes a "More passages" custom_id, or returns null for anything else. */
export function decodeMore(customId: string): MoreState | null {
  const match = /^more:(\d{1,4}):([p-]):([a-z0-9-]*):(.*)$/s.exec(customId);
  if (!match) return null;
  return {
    offset: Number(match[1]),
    private: match[2] === "p",
    story: match[3] ? (match[3] ?? null) : null,
    query: (match[4] ?? "").trim(),
  };
}

/** A follow-up's context as its button and modal carry it, and whether the answer was private. */
export interface FollowUpState extends FollowUpContext {
  readonly private: boolean;
}

const FOLLOW_UP_BUTTON = "fu";
const FOLLOW_UP_MODAL = "fq";

/**
 * Encodes a follow-up's context into a custom_id of at most 100 characters:
 * `fu:<p|->:<stamp>:<paragraph>:<story>:<subject>|<topic>` for the button, `fq:…` for the modal it
 * opens. The topic, then the subject, are cut to fit; null when even the story's slug does not fit.
 */
export function encodeFollowUp(state: FollowUpState, kind: "button" | "modal"): string | null {
  const prefix = kind === "button" ? FOLLOW_UP_BUTTON : FOLLOW_UP_MODAL;
  const head = `${prefix}:${state.private ? "p" : "-"}:${state.stamp}:${state.paragraph}:${state.story}:`;
  const room = DISCORD_LIMITS.customId - head.length - 1;
  if (room < 8) return null;
  const subject = cutWords(clean(state.subject), room);
  const topic = cutWords(clean(state.topic), room - subject.length);
  return `${head}${subject}|${topic}`;
}

/** Decodes a follow-up button's or modal's custom_id, or returns null for anything else or anything damaged. */
export function decodeFollowUp(customId: string, kind: "button" | "modal"): FollowUpState | null {
  const prefix = kind === "button" ? FOLLOW_UP_BUTTON : FOLLOW_UP_MODAL;
  if (customId.length > DISCORD_LIMITS.customId || !customId.startsWith(`${prefix}:`)) return null;
  const match = /^[a-z]+:([p-]):([0-9a-z]{4}):(\d{1,5}):([a-z0-9-]+):([^|:]*)\|([^|:]*)$/u.exec(
    customId,
  );
  if (match === null) return null;
  return {
    private: match[1] === "p",
    stamp: match[2] ?? "",
    paragraph: Number(match[3]),
    story: match[4] ?? "",
    subject: (match[5] ?? "").trim(),
    topic: (match[6] ?? "").trim(),
  };
}

/** What a suggested question's button asks, carried in its custom_id. */
export interface SuggestionState {
  readonly private: boolean;
  readonly story: string | null;
  readonly question: string;
}

const SUGGESTION_PREFIX = "ask";

/** Encodes a suggested question as `ask:<p|->:<story>:<question>`, or null when it does not fit in 100 characters. */
export function encodeSuggestion(state: SuggestionState): string | null {
  const id = `${SUGGESTION_PREFIX}:${state.private ? "p" : "-"}:${state.story ?? ""}:${state.question}`;
  return id.length <= DISCORD_LIMITS.customId ? id : null;
}

/** Decodes a suggested question's custom_id, or returns null for anything else. */
export function decodeSuggestion(customId: string): SuggestionState | null {
  const match = /^ask:([p-]):([a-z0-9-]*):(.+)$/su.exec(customId);
  if (match === null || customId.length > DISCORD_LIMITS.customId) return null;
  return {
    private: match[1] === "p",
    story: match[2] ? (match[2] ?? null) : null,
    question: (match[3] ?? "").trim(),
  };
}

/** The custom_id of a Share button, carrying the question (cut to fit) so the shared copy can show it. */
export function encodeShare(question: string): string {
  return `${SHARE_ID}:${question}`.slice(0, DISCORD_LIMITS.customId);
}

/** The question a Share button carries, "" for none, or null when the custom_id is not a Share button's. */
export function decodeShare(customId: string): string | null {
  if (customId === SHARE_ID) return "";
  return customId.startsWith(`${SHARE_ID}:`) ? customId.slice(SHARE_ID.length + 1).trim() : null;
}

/** Text safe between a custom_id's separators: no ":" or "|". */
function clean(text: string): string {
  return text.replace(/[:|]/gu, " ").replace(/\s+/gu, " ").trim();
}

/** The words of `text` that fit in `room` characters, whole words only. */
function cutWords(text: string, room: number): string {
  if (text.length <= room) return text;
  if (room <= 0) return "";
  const cut = text.slice(0, room + 1);
  const space = cut.lastIndexOf(" ");
  return space > 0 ? cut.slice(0, space) : "";
}
