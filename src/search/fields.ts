import type { Passage } from "../corpus/types.ts";
import { termFor, tokenize } from "../language/text.ts";
import type { FieldBoost } from "./scorer.ts";

/** A passage as MiniSearch indexes it: its text, its story's title and the words of its kind. */
export interface IndexedDocument {
  id: string;
  text: string;
  title: string;
  kind: string;
}

// Words a reader uses for the headline passage ("what's the headline?", "story title"), indexed
// with it so that such questions find it in any story.
const HEADLINE_WORDS = "headline title";

const TITLE_BOOST = 0.5;

/** How MiniSearch cuts and indexes a passage's fields, and how a search weighs them. */
export const MINISEARCH_OPTIONS = {
  fields: ["text", "title", "kind"],
  storeFields: [] as string[],
  tokenize: (text: string) => tokenize(text),
  processTerm: (word: string) => termFor(word),
  searchOptions: { boost: { title: TITLE_BOOST } },
};

const FIELD_BOOSTS: Readonly<Record<string, number>> = MINISEARCH_OPTIONS.searchOptions.boost;

/** The fields MiniSearch searches, in its order, each with its boost (1 when none is set). */
export const SEARCH_FIELDS: readonly FieldBoost[] = MINISEARCH_OPTIONS.fields.map((field) => ({
  field,
  boost: FIELD_BOOSTS[field] || 1,
}));

/** The words indexed in a passage's `kind` field: the headline answers questions about the headline. */
export function kindText(passage: Passage): string {
  return passage.kind === "headline" ? HEADLINE_WORDS : "";
}
