import type { CorpusProblem, Passage, Story } from "../../corpus/types.ts";
import type { Vocabulary } from "../../language/expand.ts";
import type { IndexData } from "../types.ts";
import { checkPacked, type PackedIndex } from "./packed.ts";
import {
  isCount,
  isRecord,
  malformed,
  type PayloadParts,
  PayloadReader,
  PayloadWriter,
} from "./payload.ts";
import { NO_PART, PASSAGE_KINDS, StoredPassages } from "./storedPassages.ts";

/**
 * What a snapshot's payload holds and how it maps onto the payload's tables, strings and JSON
 * section (`payload.ts`): passages, postings, vocabulary.
 */

/** What a snapshot's payload holds: the index and the problems of the corpus it was built from. */
export interface SnapshotContent {
  readonly index: IndexData;
  readonly problems: readonly CorpusProblem[];
}

interface StoryEntry extends Omit<Story, "passages"> {
  readonly passages: number;
}

/** The snapshot's data in the payload's JSON section (see `PayloadReader.data`). */
interface ContentLayout {
  readonly stories: readonly StoryEntry[];
  readonly problems: readonly CorpusProblem[];
  readonly postings: Pick<
    PackedIndex,
    "documentCount" | "nextId" | "dirtCount" | "fieldIds" | "averageFieldLength"
  > & {
    /** Index terms, the first of the `terms` strings; the vocabulary may add others after them. */
    readonly terms: number;
  };
}

/**
 * Encodes a snapshot's content in the binary payload of snapshot format 6: an 8-byte prefix,
 * typed-array tables (postings, field lengths, passage numbers, string lengths) that a reader views
 * without copying, a JSON section (the layout, story metadata, problems) and the strings (passage
 * ids, terms, words, then the passage texts, which a reader may leave unread) as UTF-8.
 *
 * @returns the payload in pieces, to be written one after the other.
 * @throws Error when the content cannot be saved faithfully (a passage filed under another story,
 *   a number that is no 32-bit integer), naming the passage and the value.
 */
export function encodePayload(content: SnapshotContent): Uint8Array[] {
  const writer = new PayloadWriter();
  const { stories, postings, vocabulary } = content.index;
  const passages = stories.flatMap((story) => story.passages);
  for (const story of stories) {
    for (const passage of story.passages) {
      if (passage.story !== story.slug) {
        throw new Error(
          `passage ${passage.id} says it belongs to story ${passage.story}, but is filed under ${story.slug}`,
        );
      }
      // A loaded index finds a passage by the slug its id starts with (`StoredPassages`).
      if (passage.id.lastIndexOf("#") !== story.slug.length || !passage.id.startsWith(story.slug)) {
        throw new Error(
          `passage ${passage.id} has no id of story ${story.slug} ("${story.slug}#…")`,
        );
      }
    }
  }
  const ids = passages.map((p) => p.id);
  const texts = passages.map((p) => p.text);
  const kinds = Uint8Array.from(passages, (p) => PASSAGE_KINDS.indexOf(p.kind));
  const paragraphs = int32Table("paragraph", passages, (p) => p.paragraph);
  const partNumbers = int32Table("part", passages, (p) => p.part ?? NO_PART);
  const lines = int32Table("line", passages, (p) => p.line);
  writer.strings("passage.id", ids);
  writer.table("passage.kind", kinds);
  writer.table("passage.paragraph", paragraphs);
  writer.table("passage.part", partNumbers);
  writer.table("passage.line", lines);

  const passageOf = new Map(passages.map((p, i) => [p.id, i]));
  const documentPassages = postings.ids.map((id) => {
    const passage = passageOf.get(id);
    if (passage === undefined) {
      throw new Error(`indexed document ${id} is no passage of the stories`);
    }
    return passage;
  });
  // One list of terms for the postings and the vocabulary, whose terms are nearly all indexed.
  const terms = [...postings.terms];
  const termOf = new Map(terms.map((term, t) => [term, t]));
  const termNumber = (term: string): number => {
    let t = termOf.get(term);
    if (t === undefined) {
      t = terms.push(term) - 1;
      termOf.set(term, t);
    }
    return t;
  };
  writer.table("postings.shortIds", postings.shortIds);
  writer.table("postings.passages", Int32Array.from(documentPassages));
  writer.table("postings.fieldLengths", postings.fieldLengths);
  writer.table("postings.termLists", postings.termLists);
  writer.table("postings.listFields", postings.listFields);
  writer.table("postings.listStarts", postings.listStarts);
  writer.table("postings.documents", postings.documents);
  writer.table("postings.counts", narrowCounts(postings.counts));
  writer.table("vocabulary.terms", Int32Array.from(vocabulary.terms.keys(), termNumber));
  writer.table("vocabulary.passages", Uint32Array.from(vocabulary.terms.values()));
  writer.table("vocabulary.wordTerms", Int32Array.from(vocabulary.words.values(), termNumber));
  writer.strings("vocabulary.words", [...vocabulary.words.keys()]);
  writer.strings("vocabulary.names", [...vocabulary.names]);
  writer.strings("terms", terms);
  // Last, so that a reader can leave them in the file: most of the payload's bytes.
  writer.lazyStrings("passage.text", texts);

  return writer.finish({
    stories: stories.map(({ passages, ...story }) => ({ ...story, passages: passages.length })),
    problems: content.problems,
    postings: {
      documentCount: postings.documentCount,
      nextId: postings.nextId,
      dirtCount: postings.dirtCount,
      fieldIds: postings.fieldIds,
      averageFieldLength: postings.averageFieldLength,
      terms: postings.terms.length,
    },
  });
}

/**
 * Decodes a payload written by `encodePayload`. Its tables become views of `parts.tables`, which
 * is copied only if it is not 8-byte aligned; the passages are made when asked for (see
 * `StoredPassages`), their texts read from `parts.tail` when given, else from `parts.rest`.
 *
 * @throws Error saying what does not fit when the payload is malformed.
 */
export function decodePayload(parts: PayloadParts): SnapshotContent {
  const reader = new PayloadReader(parts);
  const layout = reader.data;
  if (!isContentLayout(layout)) malformed("its JSON section lacks part of the layout");
  const ids = reader.strings("passage.id");
  const texts = reader.lazyStrings("passage.text");
  const kinds = reader.table("passage.kind", "u8");
  const paragraphs = reader.table("passage.paragraph", "i32");
  const partNumbers = reader.table("passage.part", "i32");
  const lines = reader.table("passage.line", "i32");
  const passageCount = layout.stories.reduce((sum, story) => sum + story.passages, 0);
  for (const [name, length] of [
    ["passage ids", ids.length],
    ["passage texts", texts.count],
    ["passage kinds", kinds.length],
    ["paragraph numbers", paragraphs.length],
    ["parts", partNumbers.length],
    ["lines", lines.length],
  ] as const) {
    if (length !== passageCount) malformed(`${length} ${name} for ${passageCount} passages`);
  }
  kinds.forEach((kind, i) => {
    if (PASSAGE_KINDS[kind] === undefined) malformed(`passage ${ids[i]} has kind ${kind}`);
  });
  const storyStarts = new Uint32Array(layout.stories.length + 1);
  layout.stories.forEach((entry, s) => {
    storyStarts[s + 1] = (storyStarts[s] ?? 0) + entry.passages;
  });
  const passages = new StoredPassages({
    slugs: layout.stories.map((entry) => entry.slug),
    storyStarts,
    ids,
    kinds,
    paragraphs,
    parts: partNumbers,
    lines,
    texts,
  });
  const stories: Story[] = layout.stories.map(
    (entry, s) =>
      Object.defineProperty(
        {
          slug: entry.slug,
          title: entry.title,
          source: entry.source,
          url: entry.url,
          date: entry.date,
          file: entry.file,
          duplicatesRemoved: entry.duplicatesRemoved,
          paragraphsDropped: entry.paragraphsDropped,
        },
        // Made when read, so that a start-up holds no passage objects (see `StoredPassages`).
        "passages",
        { enumerable: true, get: () => passages.ofStory(s) },
      ) as Story,
  );

  const terms = reader.strings("terms");
  const indexed = layout.postings.terms;
  if (indexed > terms.length) malformed(`${indexed} index terms of ${terms.length} terms`);
  const documentPassages = reader.table("postings.passages", "i32");
  const postings: PackedIndex = {
    documentCount: layout.postings.documentCount,
    nextId: layout.postings.nextId,
    dirtCount: layout.postings.dirtCount,
    fieldIds: layout.postings.fieldIds,
    averageFieldLength: layout.postings.averageFieldLength,
    shortIds: reader.table("postings.shortIds", "i32"),
    ids: Array.from(
      documentPassages,
      (passage) => ids[passage] ?? malformed(`no passage ${passage}`),
    ),
    fieldLengths: reader.table("postings.fieldLengths", "i32"),
    terms: terms.slice(0, indexed),
    termLists: reader.table("postings.termLists", "u32"),
    listFields: reader.table("postings.listFields", "u8"),
    listStarts: reader.table("postings.listStarts", "u32"),
    documents: reader.table("postings.documents", "i32"),
    counts: reader.counts("postings.counts"),
  };
  const problem = checkPacked(postings);
  if (problem !== null) malformed(problem);

  const termOf = (t: number): string => terms[t] ?? malformed(`no term ${t}`);
  const vocabularyTerms = reader.table("vocabulary.terms", "i32");
  const vocabularyPassages = reader.table("vocabulary.passages", "u32");
  const words = reader.strings("vocabulary.words");
  const wordTerms = reader.table("vocabulary.wordTerms", "i32");
  if (vocabularyPassages.length !== vocabularyTerms.length || wordTerms.length !== words.length) {
    malformed("the vocabulary's tables do not fit together");
  }
  const vocabulary: Vocabulary = {
    terms: new Map(Array.from(vocabularyTerms, (t, i) => [termOf(t), vocabularyPassages[i] ?? 0])),
    words: new Map(words.map((word, i) => [word, termOf(wordTerms[i] ?? -1)])),
    names: new Set(reader.strings("vocabulary.names")),
  };
  return { index: { stories, passages, postings, vocabulary }, problems: layout.problems };
}

/** The counts in the narrowest array that holds them: a byte each unless a term repeats 256 times in a field. */
function narrowCounts(counts: PackedIndex["counts"]): PackedIndex["counts"] {
  let max = 0;
  for (const count of counts) if (count > max) max = count;
  if (max <= 0xff) return counts instanceof Uint8Array ? counts : Uint8Array.from(counts);
  if (max <= 0xffff) return counts instanceof Uint16Array ? counts : Uint16Array.from(counts);
  return counts;
}

function int32Table(
  name: string,
  passages: readonly Passage[],
  value: (passage: Passage) => number,
): Int32Array {
  const table = new Int32Array(passages.length);
  passages.forEach((passage, i) => {
    const number = value(passage);
    table[i] = number;
    if (table[i] !== number) {
      throw new Error(`passage ${passage.id} has ${name} ${number}, not a 32-bit integer`);
    }
  });
  return table;
}

function isContentLayout(
  value: Readonly<Record<string, unknown>>,
): value is ContentLayout & Readonly<Record<string, unknown>> {
  const { stories, problems, postings } = value;
  return (
    Array.isArray(stories) &&
    stories.every(
      (story: unknown) =>
        isRecord(story) &&
        typeof story.slug === "string" &&
        typeof story.title === "string" &&
        isNullableString(story.source) &&
        isNullableString(story.url) &&
        isNullableString(story.date) &&
        typeof story.file === "string" &&
        isCount(story.passages) &&
        isCount(story.duplicatesRemoved) &&
        isCount(story.paragraphsDropped),
    ) &&
    Array.isArray(problems) &&
    problems.every(
      (problem: unknown) =>
        isRecord(problem) &&
        typeof problem.file === "string" &&
        typeof problem.message === "string",
    ) &&
    isRecord(postings) &&
    isCount(postings.documentCount) &&
    isCount(postings.nextId) &&
    isCount(postings.dirtCount) &&
    isCount(postings.terms) &&
    isRecord(postings.fieldIds) &&
    Object.values(postings.fieldIds).every(isCount) &&
    Array.isArray(postings.averageFieldLength) &&
    postings.averageFieldLength.every((length: unknown) => typeof length === "number")
  );
}

function isNullableString(value: unknown): value is string | null {
  return value === null || typeof value === "string";
}
