/**
 * Scores answers to the news test bed's questions the way a member sees them: answered and right,
 * uncertain with the right passage shown or not, confident but wrong, refused; out-of-scope
 * questions answered, uncertain or refused; and the answer phrase, shown and right.
 */
import { answer } from "../../src/answer/answer.ts";
import { asideOf, takenIn } from "../../src/answer/conversation.ts";
import type { PhraseQuestion } from "../../src/answer/extract.ts";
import {
  answerFollowUp,
  type FollowUpContext,
  followUpContext,
} from "../../src/answer/followUp.ts";
import { quotedFirst } from "../../src/answer/layout.ts";
import { readQuestion } from "../../src/answer/question.ts";
import { answerTalkedAbout, setsTalk } from "../../src/answer/talkedAbout.ts";
import type { Answer, AnswerPhrase } from "../../src/answer/types.ts";
import { checkTypedQuestion } from "../../src/discord/messageQuestion.ts";
import type { SearchIndex } from "../../src/search/index.ts";
import { answersAt, type FollowUp, type Gold, goldOf, type NewsQuestion } from "./newsData.ts";
import { f1Score } from "./phrase.ts";

/** One question asked of one index, and what a member saw. */
export interface Scored {
  readonly question: NewsQuestion;
  readonly story: string;
  /** Where the index's stories answer it (`goldOf`): empty when it is out of scope there. */
  readonly gold: readonly Gold[];
  readonly answer: Answer;
  /** The question as the answer read it (spelled out: "hw long" asks a duration). */
  readonly asked: PhraseQuestion;
  /** A passage of a right paragraph of the right story is among those the first page quotes. */
  readonly shown: boolean;
  /** The first passage shown is of a right paragraph of the right story: an answer's answer. */
  readonly first: boolean;
  /** The phrase shown, if any, and whether it is right. */
  readonly phrase: { readonly text: string; readonly right: boolean } | null;
}

/** The phrase a reply shows for an answer, as text: a span, "Yes" or "No". */
export function shownPhrase(a: Answer): string | null {
  return a.phrase?.text ?? null;
}

/**
 * Asks one question of an index and scores what a member sees; with `talkedAbout`, asked in a
 * channel talking about that story (as /ask asks it there).
 */
export function scoreQuestion(
  index: SearchIndex,
  story: string,
  q: NewsQuestion,
  talkedAbout?: string,
): Scored {
  const read = readQuestion(index, q.question);
  const asked =
    talkedAbout === undefined
      ? answer(index, q.question, { top: 3 })
      : answerTalkedAbout(index, read, { top: 3 }, talkedAbout).answer;
  const a = asideTo(index, q.question, asked, talkedAbout !== undefined)
    ? aside(q.question)
    : asked;
  const gold = goldOf(index, story, q);
  const right = (r: Answer["results"][number]) =>
    answersAt(gold, r.citation.story, r.citation.paragraph);
  const text = a.outcome === "refused" ? null : shownPhrase(a);
  const kind = a.phrase?.kind ?? "span";
  return {
    question: q,
    story,
    gold,
    answer: a,
    asked: read,
    shown: quotedFirst(a.results).some(right),
    first: a.results[0] !== undefined && right(a.results[0]),
    phrase:
      text === null
        ? null
        : { text, right: gold.some((g) => phraseRight({ ...q, ...g }, text, kind)) },
  };
}

/**
 * Whether /ask answers the question with a line of its own, quoting no story (`asideTo`,
 * src/discord/ask.ts): small talk ("gn yall"), a question about a story as a document or put to the
 * bot ("source?", "who are you"), or a question leaning on an earlier answer ("what did
 * he say about it?") that the stories do not answer confidently as it stands, asked where no answer
 * is there to follow up. In a channel talking about a story such a question follows up its last
 * answer, which these single questions do not have: it is asked.
 */
function asideTo(index: SearchIndex, text: string, asked: Answer, inChannel: boolean): boolean {
  return asideOf(index, text, { following: inChannel, outcome: () => asked.outcome }) !== null;
}

/** What a member sees of a line of /ask's own: no passage, counted as refused. */
function aside(question: string): Answer {
  return { question, outcome: "refused", answered: false, confidence: 0, results: [] };
}

/** A phrase is right when it says the right yes or no, or is a span overlapping the story's answer by F1 ≥ 0.5. */
export function phraseRight(
  q: Pick<NewsQuestion, "answer" | "yes">,
  text: string,
  kind: AnswerPhrase["kind"] = "span",
): boolean {
  if (q.yes !== null) return kind === (q.yes ? "yes" : "no");
  if (q.answer !== null) return kind === "span" && f1Score(text, q.answer) >= 0.5;
  return false;
}

/** Counts of what a member saw, for one group of questions. */
export interface Tally {
  readonly questions: number;
  readonly answeredRight: number;
  readonly uncertainShown: number;
  readonly uncertainNotShown: number;
  /** Uncertain, labelled "probably answers this" (`Answer.likely`), and of those with a right passage first. */
  readonly likely: number;
  readonly likelyRight: number;
  readonly confidentWrong: number;
  readonly refused: number;
  /** Factoid and yes/no questions, phrases shown for them, and right among those. */
  readonly phraseAsked: number;
  readonly phraseShown: number;
  readonly phraseRight: number;
  /** Questions asking no phrase (not factoid, not yes/no) shown one anyway: each is wrong. */
  readonly phraseUnasked: number;
}

/** The tally of in-scope questions. */
export function tallyInScope(rows: readonly Scored[]): Tally {
  const count = (keep: (r: Scored) => boolean) => rows.filter(keep).length;
  // A question the story leaves open is asked too: a yes or no shown for it is wrong.
  const asked = rows.filter(
    (r) => r.gold.some((g) => g.answer !== null || g.yes !== null) || r.question.unsettled,
  );
  return {
    questions: rows.length,
    // An answer is right when the passage it quotes first is: that is the answer a member reads,
    // whatever the passages quoted after it.
    answeredRight: count((r) => r.answer.outcome === "answered" && r.first),
    uncertainShown: count((r) => r.answer.outcome === "uncertain" && r.shown),
    uncertainNotShown: count((r) => r.answer.outcome === "uncertain" && !r.shown),
    likely: count((r) => r.answer.likely === true),
    likelyRight: count((r) => r.answer.likely === true && r.first),
    confidentWrong: count((r) => r.answer.outcome === "answered" && !r.first),
    refused: count((r) => r.answer.outcome === "refused"),
    phraseAsked: asked.length,
    phraseShown: asked.filter((r) => r.phrase !== null).length,
    phraseRight: asked.filter((r) => r.phrase?.right === true).length,
    phraseUnasked: rows.filter((r) => !asked.includes(r) && r.phrase !== null).length,
  };
}

/** Counts of out-of-scope questions by outcome, and phrases shown for them. */
export interface OutTally {
  readonly questions: number;
  readonly answered: number;
  readonly uncertain: number;
  /** Of the uncertain, labelled "probably answers this". */
  readonly likely: number;
  readonly refused: number;
  readonly phraseShown: number;
}

/** The tally of out-of-scope questions. */
export function tallyOutOfScope(rows: readonly Scored[]): OutTally {
  const count = (keep: (r: Scored) => boolean) => rows.filter(keep).length;
  return {
    questions: rows.length,
    answered: count((r) => r.answer.outcome === "answered"),
    uncertain: count((r) => r.answer.outcome === "uncertain"),
    likely: count((r) => r.answer.likely === true),
    refused: count((r) => r.answer.outcome === "refused"),
    phraseShown: count((r) => r.phrase !== null),
  };
}

const pct = (n: number, d: number): string => (d === 0 ? "–" : `${Math.round((100 * n) / d)}%`);

/**
 * The in-scope table by style, then the out-of-scope rows, as Markdown; a near miss that its pair's
 * other story answers, that story loaded, is in scope on a row of its own.
 */
export function outcomeTable(rows: readonly Scored[]): string {
  const inScope = rows.filter((r) => r.gold.length > 0);
  const outOfScope = rows.filter((r) => r.gold.length === 0);
  const styles = [...new Set(inScope.map((r) => r.question.style))];
  const lines = [
    '| style | questions | answered, right | uncertain, shown | uncertain, not shown | of the uncertain, "probably": right first | confident but wrong | refused | phrase shown | phrase right | phrase shown, none asked |',
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const row = (name: string, t: Tally) =>
    `| ${name} | ${t.questions} | ${t.answeredRight} (${pct(t.answeredRight, t.questions)}) | ${t.uncertainShown} | ${t.uncertainNotShown} | ${t.likelyRight}/${t.likely} | ${t.confidentWrong} | ${t.refused} | ${t.phraseShown}/${t.phraseAsked} | ${t.phraseRight}/${t.phraseShown} | ${t.phraseUnasked} |`;
  for (const style of styles)
    lines.push(
      row(
        style === "near-miss" ? "near-miss its pair answers" : style,
        tallyInScope(inScope.filter((r) => r.question.style === style)),
      ),
    );
  lines.push(row("**all in scope**", tallyInScope(inScope)));
  lines.push(
    "",
    '| out of scope | questions | answered | uncertain | of which "probably" | refused | phrase shown |',
    "|---|---:|---:|---:|---:|---:|---:|",
  );
  for (const style of [...new Set(outOfScope.map((r) => r.question.style))]) {
    const t = tallyOutOfScope(outOfScope.filter((r) => r.question.style === style));
    lines.push(
      `| ${style} | ${t.questions} | ${t.answered} (${pct(t.answered, t.questions)}) | ${t.uncertain} | ${t.likely} | ${t.refused} (${pct(t.refused, t.questions)}) | ${t.phraseShown} |`,
    );
  }
  return lines.join("\n");
}

/** The goal figures of one group: shares of in-scope and out-of-scope questions. */
export interface Summary {
  readonly inScope: number;
  readonly answeredRight: number;
  readonly shown: number;
  /** Shown with a right passage first (answered or uncertain): the passage a member reads first. */
  readonly first: number;
  readonly confidentWrong: number;
  readonly uncertain: number;
  /** In scope, labelled "probably answers this" (uncertain). */
  readonly likely: number;
  /** Of every question so labelled, in scope or out, those with a right passage first. */
  readonly likelyRight: number;
  readonly outOfScope: number;
  readonly outAnswered: number;
  readonly unrelated: number;
  readonly unrelatedRefused: number;
  readonly phraseShown: number;
  readonly phraseRight: number;
  readonly outPhraseShown: number;
}

/** The shares the goals are stated in. */
export function summarize(rows: readonly Scored[]): Summary {
  const inScope = rows.filter((r) => r.gold.length > 0);
  const out = rows.filter((r) => r.gold.length === 0);
  const unrelated = out.filter((r) => r.question.style === "unrelated");
  const t = tallyInScope(inScope);
  const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    inScope: inScope.length,
    answeredRight: share(t.answeredRight, t.questions),
    shown: share(
      inScope.filter((r) => r.shown && r.answer.outcome !== "refused").length,
      t.questions,
    ),
    first: share(
      inScope.filter((r) => r.first && r.answer.outcome !== "refused").length,
      t.questions,
    ),
    confidentWrong: share(t.confidentWrong, t.questions),
    uncertain: share(t.uncertainShown + t.uncertainNotShown, t.questions),
    likely: share(t.likely, t.questions),
    likelyRight: share(
      t.likelyRight,
      t.likely + out.filter((r) => r.answer.likely === true).length,
    ),
    outOfScope: out.length,
    outAnswered: share(out.filter((r) => r.answer.outcome === "answered").length, out.length),
    unrelated: unrelated.length,
    unrelatedRefused: share(
      unrelated.filter((r) => r.answer.outcome === "refused").length,
      unrelated.length,
    ),
    phraseShown: share(t.phraseShown, t.phraseAsked),
    phraseRight: share(t.phraseRight, t.phraseShown),
    outPhraseShown: share(out.filter((r) => r.phrase !== null).length, out.length),
  };
}

/** One summary as a Markdown row: `| name | … |`. */
export function summaryRow(name: string, s: Summary): string {
  const p = (x: number) => `${(100 * x).toFixed(1)}%`;
  // The shipped story's sets have no unrelated question: no share to give.
  return `| ${name} | ${s.inScope} | ${p(s.answeredRight)} | ${p(s.shown)} | ${p(s.first)} | ${p(s.confidentWrong)} | ${p(s.uncertain)} | ${p(s.likely)}, ${p(s.likelyRight)} | ${s.outOfScope} | ${p(s.outAnswered)} | ${s.unrelated === 0 ? "–" : p(s.unrelatedRefused)} | ${p(s.phraseShown)} | ${p(s.phraseRight)} |`;
}

/** The header of `summaryRow`'s table, with the goals. */
export const SUMMARY_HEADER = [
  '| questions of | in scope | answered, right (≥ 75%) | shown (≥ 92%) | right passage first | confident but wrong (≤ 2%) | uncertain (≤ 15%) | of it "probably", right first | out of scope | answered (≤ 5%) | unrelated refused (100%) | phrase shown (≥ 60%) | phrase right (≥ 85%) |',
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
].join("\n");

/** How a follow-up went: its right paragraph shown on the first page, and answered with it first. */
export interface FollowUpScore {
  readonly shown: boolean;
  readonly answeredRight: boolean;
}

/** Asks a pair's first question, then its follow-up in the first answer's context, as the Follow up button does. */
export function scoreFollowUp(
  index: SearchIndex,
  story: string,
  pair: FollowUp,
  how: "button" | "typed" = "button",
): FollowUpScore {
  const first = answer(index, pair.first, { top: 3 });
  const context = followUpContext(first);
  const a = how === "button" ? pressed(index, context, pair) : typed(index, first, context, pair);
  if (a === null) return { shown: false, answeredRight: false };
  const right = (r: Answer["results"][number]) =>
    r.citation.story === story && pair.paragraphs.includes(r.citation.paragraph);
  const best = a.results[0];
  return {
    shown: quotedFirst(a.results).some(right),
    answeredRight: a.outcome === "answered" && best !== undefined && right(best),
  };
}

/**
 * The follow-up asked in the Follow up box under the first answer, as the box's reply takes it
 * (`modalSubmit`, src/discord/components.ts): null for a line of its own, as for no box at all.
 */
function pressed(index: SearchIndex, context: FollowUpContext | null, pair: FollowUp) {
  if (context === null) return null;
  const text = pair.followUp;
  const { story } = context;
  const outcome = () => answer(index, text, { story }).outcome;
  if (asideOf(index, text, { story, following: true, outcome }) !== null) return null;
  return answerFollowUp(index, context, text, { top: 3 });
}

/**
 * The follow-up typed as /ask right after the first answer, public, in the same channel, as /ask
 * takes it (`takenIn`, src/discord/ask.ts): a question leaning on the first answer follows it up,
 * any other is asked of every story, the channel on the first answer's story when it was answered
 * or likely;
 * null for a line of /ask's own (no passage), as a leaning one with nothing to follow up gets.
 */
function typed(index: SearchIndex, first: Answer, context: FollowUpContext | null, pair: FollowUp) {
  const check = checkTypedQuestion(pair.followUp);
  if (!check.ok) return null;
  const text = check.text;
  const talked = setsTalk(first) ? (first.results[0]?.citation.story ?? null) : null;
  const taken = takenIn(
    index,
    text,
    { story: null, talked, last: context },
    { outcome: () => answer(index, text).outcome },
  );
  if (taken.kind === "aside") return null;
  if (taken.kind === "follow-up") return answerFollowUp(index, taken.context, text, { top: 3 });
  return answerTalkedAbout(index, readQuestion(index, text), { top: 3 }, talked).answer;
}

/** The follow-up rows of a table: pairs, right paragraph shown, answered and right. */
export function followUpRow(name: string, scores: readonly FollowUpScore[]): string {
  const n = scores.length;
  const shown = scores.filter((s) => s.shown).length;
  const right = scores.filter((s) => s.answeredRight).length;
  return `| ${name} | ${n} | ${shown} (${pct(shown, n)}) | ${right} (${pct(right, n)}) |`;
}
