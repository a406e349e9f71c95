import type { Passage, PassageKind } from "../../corpus/types.ts";
import { CappedCache } from "../../language/cappedCache.ts";
import { PREPARED_PASSAGES_MAX } from "../prepared.ts";
import type { LazyStrings } from "./lazyStrings.ts";

/**
 * The passages of a snapshot, by id, kept as the snapshot's tables and made into `Passage`
 * objects only when asked for, their texts read then. At 1,075,392 passages a start-up that made
 * them all kept 1,130 MB resident; this one keeps 584 MB (heap 296 → 119 MB, strings outside the
 * heap, the texts, 396 → 53 MB).
 */

// Passages made recently, kept so that asking again for one gives the same object (a question
// asks for its ~20 candidates several times, and `passageWords` caches by object). A snapshot the
// background preparation reads whole (`PREPARED_PASSAGES_MAX`) keeps every passage it made: at
// 10,005 passages (the scale bench) dropping them every 4,096 threw away the words prepared for
// them, and answer() p99 over its 500 questions went 4.5-5.8 -> 3.7-4.2 ms, p50 0.61 -> 0.51.
const RECENT_PASSAGES = 4096;

/** What a snapshot keeps of its passages, passage after passage, stories one after another. */
export interface PassageTables {
  readonly slugs: readonly string[];
  /** Where each story's passages start, and where the last one's end (one more than `slugs`). */
  readonly storyStarts: Uint32Array;
  readonly ids: readonly string[];
  readonly kinds: Uint8Array;
  readonly paragraphs: Int32Array;
  /** The part of a split paragraph, or `NO_PART`. */
  readonly parts: Int32Array;
  readonly lines: Int32Array;
  readonly texts: LazyStrings;
}

/** The part number that stands for a whole paragraph (`part: null`). */
export const NO_PART = -1;

/** Passage kinds in the order a snapshot numbers them. */
export const PASSAGE_KINDS = ["headline", "paragraph"] as const satisfies readonly PassageKind[];

/** A snapshot's passages as a read-only map from id to passage, made when asked for. */
export class StoredPassages implements ReadonlyMap<string, Passage> {
  private readonly storyOf = new Map<string, number>();
  private readonly recent: CappedCache<number, Passage>;

  /** The passages of these tables; each id starts with its story's slug and `#` (`encodePayload` checks). */
  constructor(private readonly tables: PassageTables) {
    const keepsAll = tables.ids.length <= PREPARED_PASSAGES_MAX;
    this.recent = new CappedCache(keepsAll ? Number.POSITIVE_INFINITY : RECENT_PASSAGES);
    tables.slugs.forEach((slug, s) => {
      if (!this.storyOf.has(slug)) this.storyOf.set(slug, s);
    });
  }

  /** How many passages there are. */
  get size(): number {
    return this.tables.ids.length;
  }

  /** The passage with this id, or undefined. */
  get(id: string): Passage | undefined {
    const at = this.find(id);
    return at === -1 ? undefined : this.passageAt(at);
  }

  /** Whether a passage has this id. */
  has(id: string): boolean {
    return this.find(id) !== -1;
  }

  /** The passages of the story at `story` (in the snapshot's order of stories), in stored order. */
  ofStory(story: number): Passage[] {
    const { storyStarts, texts } = this.tables;
    const from = storyStarts[story] ?? 0;
    const to = storyStarts[story + 1] ?? from;
    const list = texts.range(from, to);
    return list.map((text, i) => this.passageAt(from + i, text));
  }

  /** How many paragraphs the story at `story` has, its headline not counted. */
  paragraphCount(story: number): number {
    const { storyStarts, kinds, paragraphs } = this.tables;
    const numbers = new Set<number>();
    for (let i = storyStarts[story] ?? 0; i < (storyStarts[story + 1] ?? 0); i++) {
      if (PASSAGE_KINDS[kinds[i] ?? 0] !== "headline") numbers.add(paragraphs[i] ?? 0);
    }
    return numbers.size;
  }

  /** Every id, story after story. */
  keys(): MapIterator<string> {
    return this.tables.ids.values();
  }

  /** Every passage, story after story, each story's texts read at once. */
  *values(): MapIterator<Passage> {
    for (let s = 0; s < this.tables.slugs.length; s++) yield* this.ofStory(s);
  }

  /** Every id with its passage. */
  *entries(): MapIterator<[string, Passage]> {
    for (const passage of this.values()) yield [passage.id, passage];
  }

  [Symbol.iterator](): MapIterator<[string, Passage]> {
    return this.entries();
  }

  /** Calls `visit` with every passage and its id, story after story. */
  forEach(visit: (passage: Passage, id: string, map: ReadonlyMap<string, Passage>) => void): void {
    for (const [id, passage] of this.entries()) visit(passage, id, this);
  }

  // The slug is the id up to its last "#": the story's range is searched for the whole id.
  private find(id: string): number {
    const story = this.storyOf.get(id.slice(0, id.lastIndexOf("#")));
    if (story === undefined) return -1;
    const { storyStarts, ids } = this.tables;
    for (let i = storyStarts[story] ?? 0; i < (storyStarts[story + 1] ?? 0); i++) {
      if (ids[i] === id) return i;
    }
    return -1;
  }

  private passageAt(at: number, text?: string): Passage {
    const known = this.recent.get(at);
    if (known !== undefined) return known;
    const { ids, kinds, paragraphs, parts, lines, slugs, storyStarts } = this.tables;
    const part = parts[at] ?? NO_PART;
    const passage: Passage = {
      id: ids[at] ?? "",
      story: slugs[storyAt(storyStarts, at)] ?? "",
      kind: PASSAGE_KINDS[kinds[at] ?? 0] ?? "paragraph",
      paragraph: paragraphs[at] ?? 0,
      part: part === NO_PART ? null : part,
      text: text ?? this.tables.texts.at(at),
      line: lines[at] ?? 0,
    };
    // Dropping all at once when full costs a question a re-read of its ~20 candidates' texts.
    this.recent.set(at, passage);
    return passage;
  }
}

/** The story whose range holds passage `at`: the last start at or before it. */
function storyAt(starts: Uint32Array, at: number): number {
  let low = 0;
  let high = starts.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}
