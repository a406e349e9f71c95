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
