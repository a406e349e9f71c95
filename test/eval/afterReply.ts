/**
 * The after-reply set (`test/fixtures/news/after/`): messages members type with /ask right after a
 * reply in the channel, asked of the set's stories in one corpus as /ask asks them there (the
 * channel's last public answer followed up, its story talked about when it was confident), and
 * scored by what each asks for: the paragraph it asks to see, the right paragraph, a line of
 * /ask's own, or no confident answer where the stories do not answer it.
 */
import { join } from "node:path";
import { answer } from "../../src/answer/answer.ts";
import { takenIn } from "../../src/answer/conversation.ts";
import { answerFollowUp, followUpContext } from "../../src/answer/followUp.ts";
import { quotedFirst } from "../../src/answer/layout.ts";
import { readQuestion } from "../../src/answer/question.ts";
import { answerTalkedAbout } from "../../src/answer/talkedAbout.ts";
import type { Answer } from "../../src/answer/types.ts";
import { checkTypedQuestion } from "../../src/discord/messageQuestion.ts";
import { readWording } from "../../src/language/wording.ts";
import type { SearchIndex } from "../../src/search/index.ts";
import { readSets } from "./metaSets.ts";
import { NEWS_DIR } from "./newsData.ts";

/** What a message is, as its writer labelled it. */
export type AfterKind =
  | "paragraph"
  | "followup"
  | "correction"
  | "document"
  | "smalltalk"
  | "other";

const KINDS: readonly AfterKind[] = [
  "paragraph",
  "followup",
  "correction",
  "document",
  "smalltalk",
  "other",
];

/** One message typed right after a reply. */
interface AfterMessage {
  readonly text: string;
  readonly kind: AfterKind;
  /** The story (slug) and its 1-based paragraphs that answer it: none when the stories do not. */
  readonly story?: string;
  readonly paragraphs: readonly number[];
  /** For a paragraph asked for: its number, or null for the one the reply cited. */
  readonly paragraph?: number | null;
}

/** An after-reply set: its stories, and each question asked with the messages typed after its reply. */
export interface AfterSet {
  readonly set: string;
  readonly stories: readonly string[];
  readonly replies: readonly {
    readonly question: string;
    readonly messages: readonly AfterMessage[];
  }[];
}

/** The after-reply sets, in file order. */
export function loadAfterSets(): AfterSet[] {
  return readSets<AfterSet>(join(NEWS_DIR, "after"));
}

/** Of each kind, how many messages there are and how many got what they ask for. */
export type AfterCounts = Record<AfterKind, { readonly messages: number; readonly met: number }>;

/** What /ask did with a message typed after a reply: a line of its own, a paragraph shown, or an answer. */
type Met =
  | { readonly kind: "aside"; readonly aside: string }
  | { readonly kind: "paragraph"; readonly story: string; readonly paragraph: number }
  | { readonly kind: "answer"; readonly answer: Answer }
  | { readonly kind: "notice" };

/** Asks `text` as /ask does, public, in a channel whose last public answer is `first` (src/discord/ask.ts). */
export function askedAfter(index: SearchIndex, first: Answer, text: string): Met {
  const check = checkTypedQuestion(text);
  if (!check.ok) return { kind: "notice" };
  const talked = first.outcome === "answered" ? (first.results[0]?.citation.story ?? null) : null;
  const wording = readWording(check.text);
  const taken = takenIn(
    index,
    check.text,
    { story: null, talked, last: followUpContext(first) },
    { words: wording.words, outcome: () => answer(index, check.text).outcome },
  );
  if (taken.kind === "aside") {
    const { aside } = taken;
    if (aside.kind === "paragraph" && aside.story !== null && aside.parts.length > 0) {
      return {
        kind: "paragraph",
        story: aside.story.slug,
        paragraph: aside.parts[0]?.paragraph ?? 0,
      };
    }
    return { kind: "aside", aside: aside.kind };
  }
  const found =
    taken.kind === "follow-up"
      ? answerFollowUp(index, taken.context, check.text, { top: 3 })
      : answerTalkedAbout(index, readQuestion(index, check.text), { top: 3 }, talked).answer;
  return { kind: "answer", answer: found };
}

/**
 * Counts the messages that got what they ask for: a paragraph asked for, that paragraph of the
 * reply's story; a document question, its details; small talk, a line of its own; any other with
 * paragraphs that answer it, one of them shown; one the stories do not answer, no confident answer.
 */
export function afterCounts(set: AfterSet, index: SearchIndex): AfterCounts {
  const counts = Object.fromEntries(KINDS.map((k) => [k, { messages: 0, met: 0 }])) as Record<
    AfterKind,
    { messages: number; met: number }
  >;
  for (const { question, messages } of set.replies) {
    const first = answer(index, question, { top: 3 });
    const replied = first.results[0]?.citation;
    for (const m of messages) {
      const count = counts[m.kind];
      count.messages++;
      const met = askedAfter(index, first, m.text);
      if (metAsAsked(m, met, replied)) count.met++;
    }
  }
  return counts;
}

function metAsAsked(
  m: AfterMessage,
  met: Met,
  replied: { readonly story: string; readonly paragraph: number } | undefined,
): boolean {
  switch (m.kind) {
    case "paragraph":
      return (
        met.kind === "paragraph" &&
        met.story === replied?.story &&
        met.paragraph === (m.paragraph ?? replied.paragraph)
      );
    case "document":
      return met.kind === "aside" && met.aside === "document";
    case "smalltalk":
      return met.kind === "aside" && met.aside === "small talk";
    default: {
      if (m.paragraphs.length === 0)
        return met.kind !== "answer" || met.answer.outcome !== "answered";
      return (
        met.kind === "answer" &&
        quotedFirst(met.answer.results).some(
          (r) => r.citation.story === m.story && m.paragraphs.includes(r.citation.paragraph),
        )
      );
    }
  }
}

/** The after-reply table: each set's kinds, met of messages. */
export function afterTable(
  sets: readonly AfterSet[],
  indexOf: (set: AfterSet) => SearchIndex,
): string {
  const rows = sets.map((set) => {
    const c = afterCounts(set, indexOf(set));
    const cell = (k: AfterKind) => `${c[k].met} of ${c[k].messages}`;
    return `| ${set.set}, its ${set.stories.length} stories | ${KINDS.map(cell).join(" | ")} |`;
  });
  return [
    "| set, asked of | paragraph asked for: shown | follow-up: right paragraph shown | correction: right paragraph, or no confident answer | document: details given | small talk: a line of its own | other: right paragraph, or no confident answer |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...rows,
  ].join("\n");
}
