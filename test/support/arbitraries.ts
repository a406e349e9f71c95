import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";

/**
 * Runs per property: enough to meet every kind of piece below many times, few enough that the
 * property suite stays within seconds on a shared 2-core machine. fast-check prints the seed and
 * path of a failure; pass them as `{ seed, path }` to replay it.
 */
export const RUNS = 200;

/** The shipped story, the base that `mutatedStory` damages. */
export const SHIPPED_STORY = readFileSync(
  join(import.meta.dirname, "..", "..", "corpus", "trump-halts-cyber-operations.md"),
  "utf8",
);

// Control characters, invisible ones (zero-width, joiners, direction marks and overrides, BOM),
// combining marks, surrogate pairs, emoji sequences, scripts written right to left or without
// spaces, and characters NFKC changes.
const TRICKY = [
  "\u0000",
  "\u0007",
  "\u001b",
  "\t",
  "\u000b",
  "\f",
  "\u007f",
  "\u0085",
  "\u00a0",
  "\u2028",
  "\u2029",
  "\u200b",
  "\u200c",
  "\u200d",
  "\u200e",
  "\u200f",
  "\u202a",
  "\u202e",
  "\u2066",
  "\u2069",
  "\ufeff",
  "\u0301",
  "e\u0301",
  "é",
  "😀",
  "👩‍👩‍👧",
  "🇺🇦",
  "𝔘𝔫𝔦",
  "中文",
  "。",
  "عربي",
  "שלום",
  "ß",
  "ﬁ",
  "Ⅻ",
  "İ",
  "\u3000",
] as const;

const MARKDOWN = [
  "#",
  "# ",
  "## ",
  "######",
  "**",
  "__",
  "*",
  "_",
  "`",
  "[",
  "]",
  "(",
  ")",
  "](",
  "![",
  ">",
  "> ",
  "- ",
  "+ ",
  "---",
  "\\",
] as const;

const BREAKS = ["\n", "\n", "\n\n", "\r\n", "\r"] as const;
const PUNCTUATION = [".", ". ", "!", "?", ",", ";", ":", '"', "'", "”", "’", "…", "—"] as const;
const WORDS = [
  "the",
  "The",
  "pause",
  "cyber",
  "operations",
  "Russia",
  "Trump",
  "said",
  "and",
  "a",
  "in",
  "Mr.",
  "U.S.",
  "3.5",
  "2025",
  "café",
] as const;

/** One piece of text: mostly words and spaces, with line breaks, punctuation, Markdown and the characters above. */
const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 8, arbitrary: fc.constant(" ") },
  { weight: 3, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 3, arbitrary: fc.constantFrom(...BREAKS) },
  { weight: 3, arbitrary: fc.constantFrom(...MARKDOWN) },
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 3 }) },
);

/** Text of up to `maxPieces` pieces: arbitrary Unicode (no lone surrogates) and arbitrary Markdown. */
export function unicodeText(maxPieces = 120): fc.Arbitrary<string> {
  return fc.string({ unit: piece, maxLength: maxPieces });
}

/** A line far longer than a passage: a short run of pieces repeated, with or without spaces. */
export const longLine: fc.Arbitrary<string> = fc
  .tuple(fc.string({ unit: piece, minLength: 1, maxLength: 12 }), fc.integer({ min: 60, max: 600 }))
  .map(([run, times]) => run.replace(/[\r\n]/g, "").repeat(times));

/** Story-like text: arbitrary text, now and then with a very long line inside. */
export const storyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: unicodeText() },
  {
    weight: 1,
    arbitrary: fc
      .tuple(unicodeText(30), longLine, unicodeText(30))
      .map(([before, line, after]) => `${before}\n${line}\n${after}`),
  },
);

/** Text that may also hold lone surrogates, as a JSON string from Discord can. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  unicodeText(),
  fc.string({ unit: fc.constantFrom("\ud800", "\udfff", "a", " ", "😀"), maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 40 }),
);

/** One change to a story file, as data so that a failing case prints readably. */
export type Mutation =
  | { readonly kind: "insert"; readonly at: number; readonly text: string }
  | { readonly kind: "delete"; readonly at: number; readonly length: number }
  | { readonly kind: "duplicate-line"; readonly line: number }
  | { readonly kind: "delete-line"; readonly line: number }
  | { readonly kind: "swap-lines"; readonly line: number; readonly other: number }
  | { readonly kind: "line-endings"; readonly ending: "\r\n" | "\r" }
  | { readonly kind: "join-lines"; readonly line: number }
  | { readonly kind: "case"; readonly line: number; readonly upper: boolean };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("insert"), at: fc.nat(), text: unicodeText(10) }),
  fc.record({
    kind: fc.constant("delete"),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 400 }),
  }),
  fc.record({ kind: fc.constant("duplicate-line"), line: fc.nat() }),
  fc.record({ kind: fc.constant("delete-line"), line: fc.nat() }),
  fc.record({ kind: fc.constant("swap-lines"), line: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant("line-endings"), ending: fc.constantFrom("\r\n", "\r") }),
  fc.record({ kind: fc.constant("join-lines"), line: fc.nat() }),
  fc.record({ kind: fc.constant("case"), line: fc.nat(), upper: fc.boolean() }),
) as fc.Arbitrary<Mutation>;

/** Applies one mutation; positions wrap around the text and never split a surrogate pair. */
export function mutate(text: string, change: Mutation): string {
  const lines = text.split("\n");
  const line = (n: number): number => n % lines.length;
  switch (change.kind) {
    case "insert": {
      const at = boundary(text, change.at % (text.length + 1));
      return text.slice(0, at) + change.text + text.slice(at);
    }
    case "delete": {
      const at = boundary(text, change.at % (text.length + 1));
      return (
        text.slice(0, at) + text.slice(boundary(text, Math.min(text.length, at + change.length)))
      );
    }
    case "duplicate-line":
      lines.splice(line(change.line), 0, lines[line(change.line)] ?? "");
      return lines.join("\n");
    case "delete-line":
      lines.splice(line(change.line), 1);
      return lines.join("\n");
    case "swap-lines": {
      const [a, b] = [line(change.line), line(change.other)];
      [lines[a], lines[b]] = [lines[b] ?? "", lines[a] ?? ""];
      return lines.join("\n");
    }
    case "line-endings":
      return text.replaceAll("\n", change.ending);
    case "join-lines": {
      const at = line(change.line);
      lines.splice(at, 2, `${lines[at] ?? ""} ${lines[at + 1] ?? ""}`);
      return lines.join("\n");
    }
    case "case": {
      const at = line(change.line);
      const original = lines[at] ?? "";
      lines[at] = change.upper ? original.toUpperCase() : original.toLowerCase();
      return lines.join("\n");
    }
  }
}

/** Up to eight changes to a story; apply them with `mutateStory`, so a failure prints the changes. */
export const storyMutations: fc.Arbitrary<readonly Mutation[]> = fc.array(mutation, {
  maxLength: 8,
});

/** The shipped story with `changes` applied in order. */
export function mutateStory(changes: readonly Mutation[]): string {
  return changes.reduce(mutate, SHIPPED_STORY);
}

/** A position in `text` moved forward off the second half of a surrogate pair. */
function boundary(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at + 1 : at;
}

/** True when the string has no lone surrogate (String.prototype.isWellFormed, before ES2024 typings). */
export function isWellFormed(text: string): boolean {
  return !/\p{Cs}/u.test(text);
}
