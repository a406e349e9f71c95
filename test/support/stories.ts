import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseStory } from "../../src/corpus/load.ts";
import { SearchIndex } from "../../src/search/index.ts";

const NEWS_STORIES = join(import.meta.dirname, "..", "fixtures", "news", "stories");

/** Stories of the news test bed (test/fixtures/news/), by slug, in one index. */
export function newsIndex(...slugs: string[]): SearchIndex {
  return SearchIndex.build(
    slugs.map((slug) =>
      parseStory(`${slug}.md`, readFileSync(join(NEWS_STORIES, `${slug}.md`), "utf8")),
    ),
  );
}

/** Two one-paragraph stories whose names a refusal's suggested questions are made from. */
export const harbour = parseStory(
  "harbour.md",
  "# Harbour Bridge Reopens\n\nThe Harbour Bridge reopened on Monday after repairs by Port Authority engineers. Port Authority engineers replaced the cables.\n",
);
export const festival = parseStory(
  "festival.md",
  "# Jazz Festival Sells Out\n\nThe Riverside Jazz Festival sold out in an hour. Mayor Ana Lopez opened the Riverside Jazz Festival.\n",
);
