import { parseStory } from "../../src/corpus/load.ts";

/** Two one-paragraph stories whose names a refusal's suggested questions are made from. */
export const harbour = parseStory(
  "harbour.md",
  "# Harbour Bridge Reopens\n\nThe Harbour Bridge reopened on Monday after repairs by Port Authority engineers. Port Authority engineers replaced the cables.\n",
);
export const festival = parseStory(
  "festival.md",
  "# Jazz Festival Sells Out\n\nThe Riverside Jazz Festival sold out in an hour. Mayor Ana Lopez opened the Riverside Jazz Festival.\n",
);
