import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { slugFor } from "../../src/corpus/load.ts";
import { decodeMore, encodeMore, type MoreRequest } from "../../src/discord/customId.ts";
import { DISCORD_LIMITS } from "../../src/discord/limits.ts";
import { anyString, RUNS, unicodeText } from "../support/arbitraries.ts";

/** A "More passages" request as the renderer builds one: the story is a real slug or none. */
const request: fc.Arbitrary<MoreRequest> = fc.record({
  offset: fc.integer({ min: 0, max: 9999 }),
  private: fc.boolean(),
  story: fc.option(
    unicodeText(60).map((name) => slugFor(`${name}.md`)),
    { nil: null },
  ),
  question: anyString,
  words: fc.array(
    fc.string({
      unit: fc.constantFrom("a", "é", "z", "9", "😀", "中"),
      minLength: 1,
      maxLength: 15,
    }),
    { maxLength: 30 },
  ),
});

describe("encodeMore and decodeMore properties", () => {
  test("GIVEN any request THEN the custom_id fits Discord's 100 characters and decodes to the same page", () => {
    fc.assert(
      fc.property(request, (more) => {
        const id = encodeMore(more);
        expect(id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
        const decoded = decodeMore(id);
        expect(decoded).toMatchObject({
          offset: more.offset,
          private: more.private,
          story: more.story,
        });
        // The documented layout: more:<offset>:<p|->:<story>:<query>.
        const head = `more:${more.offset}:${more.private ? "p" : "-"}:${more.story ?? ""}:`;
        if (head.length + more.question.length <= DISCORD_LIMITS.customId) {
          expect(decoded?.query).toBe(more.question.trim());
        } else {
          // As many of the question's search words as fit, in order.
          const words = decoded?.query === "" ? [] : (decoded?.query.split(" ") ?? []);
          expect(words).toEqual(more.words.slice(0, words.length));
          const next = more.words[words.length];
          if (next !== undefined) {
            expect(head.length + [...words, next].join(" ").length).toBeGreaterThan(
              DISCORD_LIMITS.customId,
            );
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  test("GIVEN any string THEN decodeMore returns null or a page it can serve, and never throws", () => {
    const ids = fc.oneof(
      anyString,
      fc
        .tuple(fc.nat(99_999), fc.constantFrom("p", "-", "x"), anyString, anyString)
        .map(([offset, mark, story, query]) => `more:${offset}:${mark}:${story}:${query}`),
    );
    fc.assert(
      fc.property(ids, (id) => {
        const decoded = decodeMore(id);
        if (decoded === null) return;
        expect(Number.isInteger(decoded.offset) && decoded.offset >= 0).toBe(true);
        expect(decoded.offset).toBeLessThanOrEqual(9999);
        expect(decoded.story === null || /^[a-z0-9-]+$/.test(decoded.story)).toBe(true);
        expect(decoded.query).toBe(decoded.query.trim());
      }),
      { numRuns: RUNS },
    );
  });
});
