import { createRequire } from "node:module";
import type { RateLimiterMemory as Limiter, RateLimiterRes } from "rate-limiter-flexible";
import type { AskCooldown } from "../config.ts";

// The package's entry point loads all of its store back-ends (Redis, Mongo, SQL…): 80–105 ms at
// start-up against 7–12 ms for the memory limiter alone (three cold `node -e require` runs each).
const RateLimiterMemory = createRequire(import.meta.url)(
  "rate-limiter-flexible/lib/RateLimiterMemory.js",
) as typeof Limiter;

/** Whether a member may ask now, or how long until they may. */
export type CooldownResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly retryAfterMs: number };

/**
 * Counts asks per member: in this process's memory ({@link createCooldown}), or in a Redis that every
 * replica shares (`createRedisCooldown` in redisCooldown.ts).
 */
export interface Cooldown {
  /** How many asks, in what window. */
  readonly setting: AskCooldown;
  /** Counts one ask by `memberId` and says whether it is within the limit. */
  take(memberId: string): Promise<CooldownResult>;
  /** How many members are being counted in this process's memory; a member leaves once their window has passed. */
  tracked(): number;
  /** Lets go of what the cooldown holds open (a Redis connection), so the process can exit. */
  close(): Promise<void>;
}

/**
 * A fixed-window cooldown over rate-limiter-flexible's memory limiter: each member's window starts
 * at their first ask and their entry is dropped when it ends, so memory holds only the members who
 * asked within the last window.
 *
 * @example
 * const cooldown = createCooldown({ limit: 5, windowMs: 30_000 });
 * const result = await cooldown.take(userId); // { ok: false, retryAfterMs: 11_400 } on the sixth
 */
export function createCooldown(setting: AskCooldown): Cooldown {
  const limiter = new RateLimiterMemory({
    points: setting.limit,
    duration: setting.windowMs / 1000,
  });
  return {
    setting,
    take: (memberId) => consumeAsk(limiter, memberId),
    tracked: () => limiter.dump().storage.length,
    close: async () => {},
  };
}

/** Counts one ask by `memberId` with a rate-limiter-flexible limiter and turns its answer into a {@link CooldownResult}. */
export async function consumeAsk(
  limiter: Pick<Limiter, "consume">,
  memberId: string,
): Promise<CooldownResult> {
  try {
    await limiter.consume(memberId);
    return { ok: true };
  } catch (rejection) {
    // The limiter rejects with its result when the member is over the limit, with an Error otherwise.
    if (rejection instanceof Error) throw rejection;
    return { ok: false, retryAfterMs: (rejection as RateLimiterRes).msBeforeNext };
  }
}

/**
 * What a member over the limit is told, the limit first when known: "You can ask 5 times every
 * 30 s. You can ask again in 12 s."
 */
export function cooldownMessage(retryAfterMs: number, setting?: AskCooldown): string {
  const again = `You can ask again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`;
  if (setting === undefined) return again;
  const seconds = Math.round(setting.windowMs / 1000);
  const window = seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
  return `You can ask ${setting.limit} ${setting.limit === 1 ? "time" : "times"} every ${window}. ${again}`;
}
