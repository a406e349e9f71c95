import { STOP_WORDS } from "../language/text.ts";

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * Longest piece of text given to the segmenter at once. Intl.Segmenter slows down with both the
 * length of its text and the number of sentences in it: 8,000 sentences in one 184 kB paragraph
 * took 24.6 s, and 20,000 "!a" 1.2 s; in windows of this size they take well under a second.
 */
const WINDOW_CHARS = 2000;

/** Texts up to this long (any real paragraph: SQuAD's longest is under 4,000) are segmented whole. */
const WHOLE_CHARS = 10_000;

/** A piece of a text, from `start` up to (not including) `end`. */
export type Span = readonly [start: number, end: number];

/**
 * Splits text into trimmed sentences with Unicode sentence segmentation (Intl.Segmenter), a
 * sentence cut after a title's or a month's abbreviation joined to the next.
 */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map(([start, end]) => text.slice(start, end));
}

/**
 * Where each sentence of `text` lies, without the white space around it, in order; a piece the
 * segmenter ends after an abbreviation ("Chief Executive Dr." / "Lena Ortiz said…") is joined to the
 * next, so a quote never stops inside a name or a date. A text longer
 * than 10,000 characters is segmented in windows of 2,000 that end after a sentence's final punctuation
 * where one is near, else at a space (and the sentence is then joined across the two windows).
 */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let continues = false;
  for (let from = 0; from < text.length; ) {
    const { end: to, atSentence } = windowEnd(text, from);
    for (const { segment, index } of segmenter.segment(text.slice(from, to))) {
      let start = from + index;
      let end = start + segment.length;
      while (start < end && isSpace(text.charAt(start))) start++;
      while (end > start && isSpace(text.charAt(end - 1))) end--;
      if (end === start) continue;
      const last = spans.at(-1);
      // The window before ended inside this sentence: the two pieces are one sentence.
      if (continues && last !== undefined) spans[spans.length - 1] = [last[0], end];
      else spans.push([start, end]);
      continues = false;
    }
    continues = !atSentence;
    from = to;
  }
  return joinAbbreviations(text, spans);
}

// A sentence "ending" in a title or a month's abbreviation was cut inside a name or a date: "said
// Rep." / "Renata Dorsey, …", "begins Sept." / "16." (Intl.Segmenter knows no abbreviations).
const ABBREVIATION_END =
  /\b(?:Rep|Sen|Gov|Dr|Mr|Mrs|Ms|Prof|Gen|Lt|Col|Capt|Sgt|Adm|Rev|St|Supt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|No|Jr|Sr|Inc|Corp|Co|Ltd|Mt|Ft|Atty|Amb)\.$/u;

// A sentence "ending" in an initialism with points ("U.S.", "D.C.") ends there only when the next
// starts with a word that opens sentences ("The", "He", "But"): "in U.S." / "District Court in
// Tampa" is one sentence. The segmenter cut 12 such sentences in the news test bed's 64 stories.
const INITIALISM_END = /(?:^|[^\p{L}])(?:\p{Lu}\.){2,}$/u;

// A wire dateline's state, abbreviated ("JEFFERSON CITY, Mo. (Wire) — Gov. Daniel Harrigan…"): the
// segmenter ends a sentence at its point, but no sentence opens with a bracket or a dash, so the
// dateline stays with the sentence it opens. Six of the news test bed's 64 stories were cut so.
const ABBREVIATED_END = /^\p{Lu}[\p{L}.]{0,5}\.$/u;
const OPENS_MID_SENTENCE = /^[([—–-]/u;

/** The spans with each one that ends after an abbreviation, or an initialism inside a name, joined to the next. */
function joinAbbreviations(text: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  let pending: Span | null = null;
  spans.forEach((span, i) => {
    const joined: Span = pending === null ? span : [pending[0], span[1]];
    // Its last word, read alone: the sentences of a long paragraph are not copied to be tested.
    const lastWord = text.slice(
      Math.max(joined[0], text.lastIndexOf(" ", joined[1] - 1) + 1),
      joined[1],
    );
    const next = spans[i + 1];
    if (
      ABBREVIATION_END.test(lastWord) ||
      (INITIALISM_END.test(lastWord) && next !== undefined && !opensSentence(text, next)) ||
      (ABBREVIATED_END.test(lastWord) &&
        next !== undefined &&
        OPENS_MID_SENTENCE.test(text.charAt(next[0])))
    ) {
      pending = joined;
    } else {
      out.push(joined);
      pending = null;
    }
  });
  if (pending !== null) out.push(pending);
  return out;
}

/** True when a span starts with a word that opens sentences, a stop word ("The", "He", "But"), or no word. */
function opensSentence(text: string, [start, end]: Span): boolean {
  const first = /^[\p{L}\p{N}'’]+/u.exec(text.slice(start, Math.min(end, start + 40)))?.[0];
  return first === undefined || /^\p{Ll}/u.test(first) || STOP_WORDS.has(first.toLowerCase());
}

/** True for the characters `String.prototype.trim` removes. */
export function isSpace(char: string): boolean {
  return /\s/.test(char);
}

function windowEnd(text: string, from: number): { end: number; atSentence: boolean } {
  const limit = from + WINDOW_CHARS;
  if (limit >= text.length || text.length <= WHOLE_CHARS) {
    return { end: text.length, atSentence: true };
  }
  const half = from + WINDOW_CHARS / 2;
  for (let at = limit - 1; at > half; at--) {
    if (!isSpace(text.charAt(at))) continue;
    let before = at - 1;
    while (before > half && CLOSERS.includes(text.charAt(before))) before--;
    if (TERMINATORS.includes(text.charAt(before))) return { end: at, atSentence: true };
  }
  const space = text.lastIndexOf(" ", limit);
  if (space > half) return { end: space, atSentence: false };
  // No space at all: cut anywhere but inside a surrogate pair.
  const code = text.charCodeAt(limit);
  return { end: code >= 0xdc00 && code <= 0xdfff ? limit - 1 : limit, atSentence: false };
}

const TERMINATORS = ".!?…";
const CLOSERS = `"')]”’`;
