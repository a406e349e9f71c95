import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { answer } from "../src/answer/answer.ts";
import { quotedFirst } from "../src/answer/layout.ts";
import type { Answer } from "../src/answer/types.ts";
import { loadCorpus } from "../src/corpus/load.ts";
import { SearchIndex } from "../src/search/index.ts";

interface StoryQuestions {
  readonly story: string;
  readonly questions: readonly {
    readonly question: string;
    readonly paragraph: number;
    /** Every paragraph that answers it, where the reader named several. */
    readonly paragraphs?: readonly number[];
    readonly style: string;
  }[];
  readonly outOfScope: readonly string[];
  /** Questions about nothing in the news, where the set has them. */
  readonly unrelated?: readonly string[];
}

const CORPUS = join(import.meta.dirname, "..", "corpus");

/**
 * The question sets about the shipped story, each written by a session that saw only the story.
 * The floors are what the bot reaches today (2026-12-04, the confidence fitted on SQuAD tune and the
 * news test bed's fit stories, answered from 0.5), to stop regressions; the goals are ≥ 90% of
 * questions shown their paragraph, ≤ 3% answered confidently without it, ≤ 10% of out-of-scope
 * questions answered confidently (set f: 5 of 35, 14%, over it). Sets original, a, b and c each
 * answer one question fewer since the span scorer ranks a question's candidates (issue 19): the
 * answer confidence weighs the phrase's, and was refitted with it (choose stories alone, answered and
 * right 56.4% -> 57.1%, out of scope answered 38.9% -> 36.1%). Sets b, e and f show one, two and
 * one questions fewer their paragraph since the unrelated model (src/answer/unrelated.ts) refuses
 * questions it reads as about another subject: its threshold loses at most 0.5% of the news choose
 * split's shown questions, and loses 4 of the 455 here (0.9%). With the span scorer's lexical
 * pairs and the phrase confidence fitted out of fold (issue 19) and the answer confidence refitted
 * on it (still answered from 0.5), the original set shows one paragraph fewer, b and e answer two
 * questions fewer with their paragraph, and d one more without it (choose stories alone: answered
 * and right 57.1% -> 57.8%, confident but wrong 0.5% both times). Refitted on that phrase, the
 * unrelated model's rule chose 0.668 (was 0.603), and set f shows one question fewer. With the
 * first passage's alignment in meaning (language/alignment.ts) in the unrelated model (its rule
 * chose 0.697; choose stories alone / pooled, unrelated refused 79.2% / 58.3% -> 87.5% / 70.8%, no
 * shown question lost), the original set and set f each lose one answer given with its paragraph
 * to that refusal (2 of 455, 0.4%). With the question's shape in the answer confidence
 * (language/shape.ts; answered from 0.45 by the rule on the choose split, whose stories answer
 * 5 / 9 more questions right alone / pooled, no more wrongly), the seven sets answer 16 more
 * questions with their paragraph (280 -> 296) and two more without it (7 -> 9), the same 13
 * out-of-scope ones: set e answers one more of each and one more out of scope (its ceilings go
 * from 1 and 3 to 2 and 4), set f four more right and one more wrong (ceiling 2 -> 3) and one
 * out of scope fewer, and refuses one question shown before (confidence 0.043 -> 0.013, below
 * the 0.02 refusal: floor 67 -> 66); the other floors rose to what the sets reach. With the
 * extractor's candidates cut as news writes them (datelines, a role before a name, "she" a stop
 * word), a long question's context weighed down (language/focus.ts) and every model refitted on
 * them, the seven sets answer one more question right (296 -> 297) and two fewer wrongly (9 -> 7),
 * the same 13 out of scope; set a answers one fewer right (floor 39 -> 38). With abbreviations of
 * common nouns no longer names ("CEO", "TV": search/analysis.ts) and the unrelated threshold chosen
 * on the fit and choose splits together (0.694 -> 0.611), every model refitted, one question of
 * set e shown before falls under the 0.02 refusal by the refit ("Did government sources
 * acknowledge the freeze…", confidence 0.02 both times, rounded): floor 60 -> 59. Fitted on eleven
 * more news stories (the test bed's second batch, 2026-12-05) and every model refitted, the seven
 * sets answer two questions fewer right (298 -> 296), the same 7 wrongly and 13 out of scope; set a
 * answers one fewer right (floor 38 -> 37). Fitted on the batch's last five fit stories, thresholds
 * chosen on its twelfth choose story, the seven sets answer 294 right, 7 wrongly and 12 out of scope
 * (worth, right - 4 x (wrong + out of scope answered), 218 against 215 without the five stories);
 * set b answers two fewer right (floor 43 -> 41). With the answer's shape read from the question's
 * words in the span scorer (src/answer/answerShape.ts; choose factoid spans right whatever their
 * confidence 307 -> 321 of 720), every model refitted and the answered threshold chosen anew (0.5
 * -> 0.45; the answer confidence's AUC on the choose split 0.816 -> 0.818 alone, 0.850 -> 0.852 in
 * one corpus), the seven sets answer 303 right (was 294), 9 wrongly (7) and 15 out of scope (12):
 * set d one fewer right ("who are the personel that could be affected…", 0.53 -> 0.35; floor 39 ->
 * 38), set e three more near misses (ceiling 4 -> 6), set f two more without the paragraph
 * (ceiling 3 -> 4); the other floors rose to what the sets reach. With race times and lengths of
 * time in several units as one candidate ("2:09:06", "2 hours, 21 minutes and 8 seconds") and
 * every model refitted, two questions cross the answered threshold by a thousandth or two: the
 * original set answers "who are russian cyberatacks targetting now" (0.446 -> 0.452; floor 73 ->
 * 74) and set f no longer "Which cabinet members publicly stood behind the approach?" (0.452 ->
 * 0.439; floor 39 -> 38). Set g (2026-12-06: questions the story answers that speak of the asker,
 * and questions about nothing in the news) was written when the unrelated model came to weigh the
 * question's shape and the asker (src/answer/unrelated.ts); its floors are what it reaches with that
 * model: 81 of its 100 unrelated questions refused, against 67 before it; the other sets' floors held.
 * With sentences no longer cut at "U.S." before a name, odds ("1 in 3,000") as one candidate and a
 * date's day no count (2026-12-06), every model refitted, the answered threshold rose from 0.45 to
 * 0.5 by its rule on the choose split, whose worth is flat between them (299 and 303 of about 300
 * on a grid of 0.01, 0.45 having been the lucky side of a grid of 0.05): the eight sets answer 14
 * fewer right (328 -> 314 of 495) and one fewer wrongly (8 -> 7); at 0.45 the refitted models
 * answer the same 328. Floors: the original set 73 -> 70, a 39 -> 37, b 44 -> 41, e 39 -> 37,
 * g 25 -> 22. With an unknown everyday word's stand-ins weighed by how much the word says in the
 * search (search/candidates.ts: "How old is Vandrell?" no longer puts "dual-use" first) and every
 * model refitted, the rule chose 0.47: the eight sets answer 15 more right (314 -> 329), three more
 * wrongly (7 -> 10) and two more out of scope (13 -> 15), about the worth the rule weighs (a wrong
 * answer costs four right ones). Floors: the original set 70 -> 72, a 37 -> 40, b 41 -> 43, c 31
 * -> 32, f 38 -> 40, g 22 -> 27; ceilings: b out of scope 2 -> 3, c wrong 0 -> 1, e wrong 2 -> 3.
 * With contractions read as one word ("won't" no longer searching "won") and every model refitted,
 * the rule chose 0.48: set c answers one question fewer ("does the pause afect the staff
 * protecting ukraines networks?", 0.47; floor 32 -> 31) and set b one fewer out of scope (3 -> 2).
 * With "how much" read as asking an amount before a verb too and every model refitted, the rule
 * chose 0.47: set b answers "was this decision expected or did it come out of nowhere" uncertain
 * (0.464 -> 0.466; floor 43 -> 42). With a name asked read as a kind of answer ("What is the name
 * of the deckhand who was seriously hurt?": the story gives none) and every model refitted, the
 * rule chose 0.49: four questions rated 0.48-0.49 are uncertain (floors: the original set 72 -> 71,
 * b 42 -> 41, e 37 -> 36, g 26 -> 24); none of the sets asks a name. With the news test bed's
 * questions that their pair's other story answers too labelled right there (2026-12-07), every
 * model refitted and the answered threshold chosen on the choose split and the fit stories rated
 * out of fold together (0.47 -> 0.5, whose worth the fit stories alone put level with 0.47's or
 * above), the eight sets answer 7 fewer right (330 -> 323), one fewer wrongly (11 -> 10) and two
 * fewer out of scope (15 -> 13): set b 41 -> 40. Counted since 2026-12-07 as a member sees a reply
 * (an answer is right when the passage it quotes first is the reader's paragraph; a paragraph is
 * shown when the first page quotes it, not behind More passages), with no answer changed, the
 * eight sets answer 316 right (was 323) and 17 wrongly (10): set c 30 -> 29 right and 1 -> 2
 * wrong, 43 -> 41 shown; e 3 -> 5 wrong; f 40 -> 39 right; g 0 -> 3 wrong. With the answered
 * threshold chosen by the same rule on the same count (an answer is worth its cost when its first
 * quote is right, not when a right passage ranks among the first three: 0.5 -> 0.75, 2026-12-07),
 * the eight sets answer 240 right (was 316), 5 wrongly (17) and 9 out of scope (13); the floors and
 * ceilings are what they reach. With an answer also asking the unrelated model for 0.5
 * (`LIKELY_RELATED`, chosen on the fit split), six typed keywords and vague questions are answered
 * uncertain (240 -> 234 right); no wrong answer went.
 *
 * Consulted while the bot was tuned (their misses were read): the original set and a, b (refusal
 * rules, speaker rule, passage weight), c (chat words, everyday typos, "exactly"), f (the
 * confidence thresholds were checked on it); e's changes were read on 2026-12-05; g's misses were
 * read to choose how the unrelated model weighs the first person. Never consulted:
 * d, written blind before the confidence work and scored once at its end (the one answer a refit
 * moved below its floor was read on 2026-12-05 to name it here; nothing was changed for it), and
 * h, written blind on 2026-12-07 and scored once, with answers from 0.75.
 */
/** What a set's answers must reach: floors, and ceilings on what is answered wrongly. */
interface SetFloors {
  readonly file: string;
  readonly shown: number;
  readonly right: number;
  readonly confidentWrong: number;
  readonly outOfScopeConfident: number;
  /** Of the set's questions about nothing in the news, how many are refused at least. */
  readonly unrelatedRefused?: number;
}

const SETS: readonly SetFloors[] = [
  {
    file: "story-questions.json",
    shown: 91,
    // 74 until the unrelated model weighed how much a question's subject sounds like news: the
    // keyword search "shumer reaction", its name misspelt, is now refused; 73 until the answered
    // threshold rose to 0.5, 70 until it fell to 0.47 with the search's stand-ins, 72 until it
    // rose to 0.49 with a name asked read as a kind of answer (above).
    // 71 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    // 63 until answers asked the unrelated model for 0.5 (above): "story title", "hegset directive", "cybr comand order".
    right: 60,
    // 2 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    confidentWrong: 0,
    outOfScopeConfident: 0,
  },
  {
    file: "story-questions-reader-a.json",
    shown: 55,
    // 40 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    right: 31,
    confidentWrong: 0,
    outOfScopeConfident: 2,
  },
  {
    file: "story-questions-reader-b.json",
    shown: 49,
    // 40 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    right: 32,
    confidentWrong: 0,
    outOfScopeConfident: 2,
  },
  {
    file: "story-questions-reader-c.json",
    // 44 until the unrelated model learned from four more sets about nothing in the news (u14-u17):
    // "whats the headline say, on mobile and it got cut off" is refused as about something else.
    // 43 until the sets were counted as a member sees a reply (below).
    shown: 41,
    // 31 until every model was refitted with acronyms spelled out (no acronym of this story's):
    // "What were the cyber operations meant to counter?" rates 0.49 just under the threshold.
    // 30 until counted as a member sees a reply (below).
    // 29 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    right: 21,
    // 1 until counted as a member sees a reply (below).
    // 2 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    confidentWrong: 0,
    // 1 until chat shortenings were spelled out and the answered threshold fell to 0.46 in the
    // refit: "Did the Kremlin or Putin comment on the US halting cyber operations?" shows at 0.46.
    // 2 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    outOfScopeConfident: 0,
  },
  {
    file: "story-questions-reader-d.json",
    shown: 46,
    // 38 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    // 27 until answers asked the unrelated model for 0.5 (above): "whats this one called again, the title i mean".
    right: 26,
    // 2 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    confidentWrong: 0,
    outOfScopeConfident: 0,
  },
  {
    file: "story-questions-reader-e.json",
    shown: 59,
    // 36 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    right: 28,
    // 3 until counted as a member sees a reply (below).
    // 5 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    confidentWrong: 2,
    // 6 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    outOfScopeConfident: 2,
  },
  {
    file: "story-questions-reader-f.json",
    shown: 66,
    // 40 until counted as a member sees a reply (below).
    // 39 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    right: 25,
    // 4 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    confidentWrong: 1,
    // 5 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    outOfScopeConfident: 3,
  },
  {
    file: "story-questions-reader-g.json",
    // 31 until the unrelated model learned from 300 more questions about nothing in the news: three
    // vague questions about the asker ("what happens next? i want to follow this") are now refused.
    // 30 until it learned from six more sets (u18–u23): "im confused, is trump planning to talk to
    // putin himself?" (0.15) is refused as about the asker.
    shown: 29,
    // 27 until chat shortenings were spelled out and every model refitted: "my grandpa asked me
    // who the secretary of state is in this story" rates just under the new threshold (0.46). 24
    // until the unrelated model learned from six more sets about nothing in the news: "i saw a
    // headline saying the US is lining up with russian narratives, does this article mention
    // that" (0.61) is now refused as unrelated.
    // 23 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    // 13 until answers asked the unrelated model for 0.5 (above): "i missed the news, what happened between trump and zelensky" and
    // "i dont get it, is the administration trying to make peace or not".
    right: 11,
    // 0 until counted as a member sees a reply (below).
    // 3 until the answered threshold was chosen on the passage quoted first (0.5 -> 0.75, above).
    confidentWrong: 2,
    outOfScopeConfident: 0,
    // 67 before the unrelated model read the asker; 81 then; 80 once the refusal threshold was
    // chosen on the news choose split; 91 once the unrelated model learned from the shipped story's
    // sets (this one's questions among them) and 300 more questions about nothing in the news; 89
    // since it weighs how much a question's subject sounds like news ("when did the titanic sink");
    // 86 since that reading weighs the function words too: "did the lakers win" is asked as a story
    // is, and the choose split's 528 such questions are refused 69.9% with all stories in one
    // corpus, not 59.5%.
    unrelatedRefused: 86,
  },
  {
    // Written blind on 2026-12-07 by a session that saw only the story's numbered paragraphs, and
    // scored once when added: the floors are what it reached then.
    file: "story-questions-reader-h.json",
    shown: 58,
    right: 31,
    confidentWrong: 1,
    outOfScopeConfident: 2,
    unrelatedRefused: 8,
  },
];

/** How the answer to one in-scope question went. */
interface Row {
  readonly style: string;
  readonly answer: Answer;
  /** The reader's paragraph is among the passages the first page quotes (answered or uncertain). */
  readonly shown: boolean;
  /** The passage quoted first, an answer's answer, is of the reader's paragraph. */
  readonly first: boolean;
}

function rowOf(index: SearchIndex, q: StoryQuestions["questions"][number]): Row {
  const a = answer(index, q.question, { top: 3 });
  const right = (r: Answer["results"][number]) =>
    (q.paragraphs ?? [q.paragraph]).includes(r.citation.paragraph);
  const [best] = a.results;
  return {
    style: q.style,
    answer: a,
    shown: quotedFirst(a.results).some(right),
    first: best !== undefined && right(best),
  };
}

function count<T>(items: readonly T[], keep: (item: T) => boolean): number {
  return items.filter(keep).length;
}

/** The three outcomes of a set's questions, by style, as a table for the test log. */
function outcomeTable(
  rows: readonly Row[],
  outOfScope: readonly Answer[],
  unrelated: readonly Answer[],
) {
  const table: Record<string, Record<string, number>> = {};
  for (const style of [...new Set(rows.map((r) => r.style)), "all"]) {
    const group = rows.filter((r) => style === "all" || r.style === style);
    table[style] = {
      questions: group.length,
      "answered, paragraph first": count(group, (r) => r.answer.answered && r.first),
      "answered, another first": count(group, (r) => r.answer.answered && !r.first),
      "uncertain, paragraph shown": count(
        group,
        (r) => r.answer.outcome === "uncertain" && r.shown,
      ),
      "uncertain, not shown": count(group, (r) => r.answer.outcome === "uncertain" && !r.shown),
      refused: count(group, (r) => r.answer.outcome === "refused"),
    };
  }
  const outcomes = (answers: readonly Answer[]) => ({
    questions: answers.length,
    answered: count(answers, (a) => a.outcome === "answered"),
    uncertain: count(answers, (a) => a.outcome === "uncertain"),
    refused: count(answers, (a) => a.outcome === "refused"),
  });
  table["out of scope"] = outcomes(outOfScope);
  if (unrelated.length > 0) table["about nothing in the news"] = outcomes(unrelated);
  return table;
}

let index: SearchIndex;

beforeAll(async () => {
  index = SearchIndex.build((await loadCorpus(CORPUS)).stories);
});

for (const set of SETS) {
  describe(`answers to the questions of ${set.file}`, () => {
    const fixture = JSON.parse(
      readFileSync(join(import.meta.dirname, "fixtures", set.file), "utf8"),
    ) as StoryQuestions;
    let rows: Row[];
    let outOfScope: Answer[];
    let unrelated: Answer[];

    beforeAll(() => {
      rows = fixture.questions.map((q) => rowOf(index, q));
      outOfScope = fixture.outOfScope.map((q) => answer(index, q));
      unrelated = (fixture.unrelated ?? []).map((q) => answer(index, q));
      console.log(`${set.file}:`);
      console.table(outcomeTable(rows, outOfScope, unrelated));
    });

    test("covers the shipped story", () => {
      expect(fixture.story).toBe("trump-halts-cyber-operations");
    });

    test(`show the reader's paragraph, answered or uncertain, for at least ${set.shown} questions`, () => {
      expect(count(rows, (r) => r.shown)).toBeGreaterThanOrEqual(set.shown);
    });

    test(`answer at least ${set.right} questions confidently with the reader's paragraph`, () => {
      expect(count(rows, (r) => r.answer.answered && r.first)).toBeGreaterThanOrEqual(set.right);
    });

    test(`answer at most ${set.confidentWrong} questions confidently without the reader's paragraph`, () => {
      expect(count(rows, (r) => r.answer.answered && !r.first)).toBeLessThanOrEqual(
        set.confidentWrong,
      );
    });

    test(`answer at most ${set.outOfScopeConfident} out-of-scope questions confidently`, () => {
      expect(count(outOfScope, (a) => a.answered)).toBeLessThanOrEqual(set.outOfScopeConfident);
    });

    if (set.unrelatedRefused !== undefined) {
      const floor = set.unrelatedRefused;
      test(`refuse at least ${floor} of its questions about nothing in the news`, () => {
        expect(count(unrelated, (a) => a.outcome === "refused")).toBeGreaterThanOrEqual(floor);
      });
    }

    test("show passages whenever they do not refuse, and none when they do", () => {
      for (const a of [...rows.map((r) => r.answer), ...outOfScope, ...unrelated]) {
        expect(a.results.length > 0).toBe(a.outcome !== "refused");
      }
    });
  });
}

describe("answers to the original set's questions in the story's own words", () => {
  const fixture = JSON.parse(
    readFileSync(join(import.meta.dirname, "fixtures", "story-questions.json"), "utf8"),
  ) as StoryQuestions;

  test("cite the reader's paragraph first for every keyword and 'who' question, refusing none", () => {
    const own = fixture.questions.filter((q) => q.style === "keyword" || q.style === "who");
    const missed = own.filter((q) => {
      const a = answer(index, q.question);
      return a.outcome === "refused" || a.results[0]?.citation.paragraph !== q.paragraph;
    });
    expect(missed).toEqual([]);
  });

  test("refuse every question naming something the story never names, saying so", () => {
    const named = [
      "Who is the director of the CIA?",
      "Did the UK also pause its cyber operations against Russia?",
      "What did China say about the cyber pause?",
      "What is the capital of France?",
    ];
    for (const question of named) {
      const a = answer(index, question);
      expect(a.outcome).toBe("refused");
      expect(a.refusal?.kind).toBe("unnamed");
    }
  });
});
