/** What a passage is: the story's headline or one of its paragraphs (or a part of a long one). */
export type PassageKind = "headline" | "paragraph";

/** One citable piece of a story, as a reader would quote it. */
export interface Passage {
  /** Stable id: `<story-slug>#<paragraph>`, or `<story-slug>#<paragraph>.<part>` for a split paragraph. */
  readonly id: string;
  readonly story: string;
  readonly kind: PassageKind;
  /** Paragraph number as a reader counts in the cleaned story; 0 for the headline. */
  readonly paragraph: number;
  /** 1-based part of a paragraph too long for one citation, or null when it is whole. */
  readonly part: number | null;
  readonly text: string;
  /** 1-based line of the source file where the passage starts. */
  readonly line: number;
}

/** One story of the corpus with its metadata and cleaned passages. */
export interface Story {
  readonly slug: string;
  readonly title: string;
  readonly source: string | null;
  readonly url: string | null;
  readonly date: string | null;
  /** Path of the file the story was read from. */
  readonly file: string;
  readonly passages: readonly Passage[];
  /** How many repeated headlines and paragraphs were dropped while cleaning. */
  readonly duplicatesRemoved: number;
  /** Paragraphs past `MAX_PARAGRAPHS` that were not kept; 0 for a story of a sane length. */
  readonly paragraphsDropped: number;
}

/** A story file that could not be loaded, and why. */
export interface CorpusProblem {
  readonly file: string;
  readonly message: string;
}

/** The stories that loaded, and the files that did not. */
export interface Corpus {
  readonly stories: readonly Story[];
  readonly problems: readonly CorpusProblem[];
}
