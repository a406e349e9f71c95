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

/** Counts asks per member; one per process, so with several replicas or shards each counts its own. */
export interface Cooldown {
  /** How many asks, in what window. */
  readonly setting: AskCooldown;
  /** Counts one ask by `memberId` and says whether it is within the limit. */
  take(memberId: string): Promise<CooldownResult>;
  /** How many members are being counted now; a member leaves once their window has passed. */
  tracked(): number;
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
    async take(memberId) {
      try {
        await limiter.consume(memberId);
        return { ok: true };
      } catch (rejection) {
        // The limiter rejects with its result when the member is over the limit, with an Error otherwise.
        if (rejection instanceof Error) throw rejection;
        return { ok: false, retryAfterMs: (rejection as RateLimiterRes).msBeforeNext };
      }
    },
    tracked: () => limiter.dump().storage.length,
  };
}

/** What a member over the limit is told: "You can ask again in 12 s." */
export function cooldownMessage(retryAfterMs: number): string {
  return `You can ask again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`;
}
