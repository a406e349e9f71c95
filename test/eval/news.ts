/**
 * The news test bed eval: what a member sees for each question style, with each story its own
 * corpus and with every story (and the shipped one) in one corpus, where the right story must be
 * picked; then the same for the shipped story's question sets, and for the document and bot sets.
 *
 * Usage: `npm run eval -- news [--split fit|choose|test] [--outside dir] [--json path]`. Without
 * `--split`, the fit and choose splits. The test split is locked: score it once, at the end of a
 * round, and do not read its misses. `--outside dir` scores, instead, stories and question sets kept
 * outside the project (laid out as `test/fixtures/news/` is, without a split file) as a locked split,
 * each story alone and pooled with every story of the test bed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { loadCorpus } from "../../src/corpus/load.ts";
import { SearchIndex } from "../../src/search/index.ts";
import { afterTable, loadAfterSets } from "./afterReply.ts";
import { type ChatSet, chatTable, loadChatSets } from "./chatSet.ts";
import { loadMetaSets, metaTable } from "./metaSets.ts";
import { loadNews, loadOutside, SPLITS, type Split } from "./newsData.ts";
import {
  type FollowUpScore,
  followUpRow,
  outcomeTable,
  type Scored,
  SUMMARY_HEADER,
  type Summary,
  scoreFollowUp,
  scoreQuestion,
  summarize,
  summaryRow,
} from "./newsScore.ts";
import { PHRASE_LOSS_HEADER, phraseLossRow } from "./phraseLoss.ts";
import { loadShippedQuestions } from "./shippedSets.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "news"),
  options: {
    split: { type: "string", multiple: true },
    json: { type: "string" },
    misses: { type: "boolean" },
    outside: { type: "string" },
  },
});
const outside = values.outside === undefined ? [] : await loadOutside(values.outside);
if (values.outside !== undefined && outside.length === 0) {
  throw new Error(`eval news: no stories with question sets under "${values.outside}"`);
}
const chosen = (
  values.outside !== undefined ? ["test"] : (values.split ?? ["fit", "choose"])
) as Split[];
for (const s of chosen) {
  if (!SPLITS.includes(s))
    throw new Error(`eval news: unknown split "${s}": use fit, choose or test`);
}
if (chosen.includes("test") && values.misses) {
  throw new Error("eval news: the test split is locked: its misses are not printed");
}

const bed = await loadNews();
// Scoring an outside set, its stories are the only "test" ones, pooled with the whole test bed.
const news =
  outside.length > 0 ? [...bed.map((n) => ({ ...n, split: "fit" as const })), ...outside] : bed;
const shipped = (await loadCorpus(join(import.meta.dirname, "..", "..", "corpus"))).stories;
const pooled = SearchIndex.build([...news.map((n) => n.story), ...shipped]);
const summaries: Record<string, Summary> = {};
const out: string[] = [];
const followUps: string[] = [];
const phraseLosses: string[] = [];

for (const split of chosen) {
  const stories = news.filter((n) => n.split === split);
  const label = outside.length > 0 ? "outside" : split;
  const alone: Scored[] = [];
  const together: Scored[] = [];
  // Asked in a channel talking about their story, and in one still talking about the next story.
  const afterOwn: Scored[] = [];
  const afterOther: Scored[] = [];
  const followAlone: FollowUpScore[] = [];
  const followTogether: FollowUpScore[] = [];
  // The follow-up typed as /ask in the channel right after the first answer, not pressed.
  const typedAlone: FollowUpScore[] = [];
  const typedTogether: FollowUpScore[] = [];
  for (const [i, { story, questions, followUps: pairs }] of stories.entries()) {
    const own = SearchIndex.build([story]);
    const other = stories[(i + 1) % stories.length]?.story.slug ?? story.slug;
    for (const q of questions) {
      alone.push(scoreQuestion(own, story.slug, q));
      together.push(scoreQuestion(pooled, story.slug, q));
      afterOwn.push(scoreQuestion(pooled, story.slug, q, story.slug));
      afterOther.push(scoreQuestion(pooled, story.slug, q, other));
    }
    for (const pair of pairs) {
      followAlone.push(scoreFollowUp(own, story.slug, pair));
      followTogether.push(scoreFollowUp(pooled, story.slug, pair));
      typedAlone.push(scoreFollowUp(own, story.slug, pair, "typed"));
      typedTogether.push(scoreFollowUp(pooled, story.slug, pair, "typed"));
    }
  }
  followUps.push(
    followUpRow(`${label}, each story alone`, followAlone),
    followUpRow(`${label}, all stories in one corpus`, followTogether),
    followUpRow(`${label}, each story alone, typed as /ask`, typedAlone),
    followUpRow(`${label}, all stories in one corpus, typed as /ask`, typedTogether),
  );
  phraseLosses.push(
    phraseLossRow(`${label}, each story alone`, alone),
    phraseLossRow(`${label}, all stories in one corpus`, together),
  );
  summaries[`${label}, each story alone`] = summarize(alone);
  summaries[`${label}, all stories in one corpus`] = summarize(together);
  summaries[`${label}, one corpus, channel on its story`] = summarize(afterOwn);
  summaries[`${label}, one corpus, channel on another story`] = summarize(afterOther);
  out.push(
    `## ${label} split (${stories.length} stories), each story its own corpus\n\n${outcomeTable(alone)}\n`,
    `## ${label} split, all ${news.length + shipped.length} stories in one corpus\n\n${outcomeTable(together)}\n`,
  );
  if (values.misses) out.push(missesOf(alone));
}

// The shipped story's question sets, in the test bed's shape.
const shippedIndex = SearchIndex.build(shipped);
const slug = shipped[0]?.slug ?? "";
const shippedRows: Scored[] = loadShippedQuestions().map((q) =>
  scoreQuestion(shippedIndex, slug, q),
);
summaries["shipped story, sets original and a–g"] = summarize(shippedRows);
out.push(`## The shipped story's eight question sets\n\n${outcomeTable(shippedRows)}\n`);

console.log(`# News test bed, ${new Date().toISOString().slice(0, 10)}\n`);
console.log(
  `${SUMMARY_HEADER}\n${Object.entries(summaries)
    .map(([name, s]) => summaryRow(name, s))
    .join("\n")}\n`,
);
console.log(
  `## Follow-ups (the first question, then the follow-up in its context: pressing Follow up, or typed as /ask in the channel right after)\n\n| pairs of | pairs | right paragraph shown (≥ 85%) | answered, right (≥ 70%) |\n|---|---:|---:|---:|\n${followUps.join("\n")}\n`,
);
console.log(
  `## Where the answer phrase is lost (questions with an answer span, counted at the first stage that holds; the first passage shown read whatever the phrase's confidence)\n\n${PHRASE_LOSS_HEADER}\n${phraseLosses.join("\n")}\n`,
);
if (outside.length === 0) {
  console.log(
    `## Questions about a story as a document, put to the bot, and about events in the same words (sets in test/fixtures/news/meta/)\n\n${metaTable(loadMetaSets(), bed, pooled)}\n`,
  );
  const own = (set: ChatSet) =>
    SearchIndex.build(bed.filter((n) => set.stories.includes(n.story.slug)).map((n) => n.story));
  console.log(
    `## What members type to the bot: small talk, the gist, the story as a document, the bot, events (test/fixtures/news/chat/; D held out)\n\n${chatTable(loadChatSets(), own)}\n`,
  );
  const ownAfter = (set: { readonly stories: readonly string[] }) =>
    SearchIndex.build(bed.filter((n) => set.stories.includes(n.story.slug)).map((n) => n.story));
  console.log(
    `## What members type right after a reply, asked in its channel (test/fixtures/news/after/)\n\n${afterTable(loadAfterSets(), ownAfter)}\n`,
  );
}
console.log(out.join("\n"));

if (values.json) {
  mkdirSync(dirname(values.json), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify(summaries, null, 2)}\n`);
}

/** The questions of a split that were not answered right, for reading (never on the test split). */
function missesOf(rows: readonly Scored[]): string {
  const lines = ["### Misses", ""];
  for (const r of rows) {
    const inScope = r.gold.length > 0;
    const ok = inScope
      ? r.answer.outcome === "answered" && r.first
      : r.answer.outcome !== "answered";
    if (ok) continue;
    const cited = r.answer.results
      .map((x: Scored["answer"]["results"][number]) => x.citation.paragraph)
      .join(",");
    lines.push(
      `- [${r.story.slice(0, 2)} ${r.question.style}] ${r.question.question} → ${r.answer.outcome} ${r.answer.confidence.toFixed(2)} ¶${cited || "-"} (want ¶${r.question.paragraphs.join(",") || "none"})${r.answer.refusal ? ` ${r.answer.refusal.kind}` : ""}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
