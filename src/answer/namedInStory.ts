import { CappedCache } from "../language/cappedCache.ts";
import { tokenize } from "../language/text.ts";
import type { SearchIndex } from "../search/index.ts";

// Whether a story has a word, by index, story and word: a question's missing names are looked up
// in the whole story on every answer, which tokenized each of its passages. Cleared when full.
const NAMED_CACHE_SIZE = 10_000;
const namedCache = new WeakMap<SearchIndex, CappedCache<string, boolean>>();

/** True when some passage of the story has the word (a question's word, lower-case). */
export function namedInStory(index: SearchIndex, story: string, word: string): boolean {
  const perIndex = namedCache.get(index) ?? new CappedCache<string, boolean>(NAMED_CACHE_SIZE);
  namedCache.set(index, perIndex);
  const key = `${story}\n${word}`;
  const cached = perIndex.get(key);
  if (cached !== undefined) return cached;
  const named = index.passagesOf(story).some((p) => tokenize(p.text).includes(word));
  perIndex.set(key, named);
  return named;
}
