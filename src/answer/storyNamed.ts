import { termFor, tokenize } from "../language/text.ts";
import type { SearchIndex } from "../search/index.ts";
import type { QueryTerm, StoryInfo } from "../search/types.ts";

// Passages searched for the stories a few words name: more than one story's title may hold them.
const SEARCHED = 20;

/**
 * The stories a few words name ("arena tax" in "the arena tax article", "corvane" in "recap the
 * corvane story"): the story of the best passage searched for them, when it holds the most telling
 * of the words the stories hold ("broke" alone does not name the marathon story in "what kind of
 * publication broke the lindqvist news"), then any other whose title holds every word as its title
 * does ("the recall story" of a car recall and a mayor's recall vote); empty when none.
 *
 * @param words the naming words, each telling something (`TELLING`)
 * @param inTitle the first story's title must hold every word too ("reno" in "what's going on in
 *   reno", not "corvane stock" of "Corvane Motors recalls…")
 */
export function storiesNamed(
  index: SearchIndex,
  words: readonly string[],
  { inTitle = false }: { readonly inTitle?: boolean } = {},
): StoryInfo[] {
  const terms = index.analyze(words.join(" "));
  const rarest = terms
    .filter((t) => t.known)
    .reduce<QueryTerm | null>(
      (a, b) => (a === null || b.informativeness > a.informativeness ? b : a),
      null,
    );
  const hits = index.search({ terms, answerType: null }, { limit: SEARCHED }).hits;
  const first = hits[0]?.story;
  if (first === undefined || rarest === null) return [];
  const titled = (story: StoryInfo) => terms.every((t) => titleHolds(story, t.term));
  if (inTitle ? !titled(first) : !storyHolds(index, first, rarest.term)) return [];
  if (!titled(first)) return [first];
  const named = new Map([[first.slug, first]]);
  for (const { story } of hits)
    if (!named.has(story.slug) && titled(story)) named.set(story.slug, story);
  return [...named.values()];
}

/** Whether a story's title holds an index term. */
function titleHolds(story: StoryInfo, term: string): boolean {
  return tokenize(story.title).some((w) => termFor(w) === term);
}

/** Whether a story's title or passages hold an index term. */
function storyHolds(index: SearchIndex, story: StoryInfo, term: string): boolean {
  if (titleHolds(story, term)) return true;
  return index.passagesOf(story.slug).some((p) => index.termsOf(p.id).includes(term));
}
