/**
 * Where the yes/no reading goes right and wrong on the news test bed's fit and choose splits (never
 * the locked test split): per question, whether the first passage is right, the yes or no read, its
 * confidence and the settling sentence. Usage: `npx tsx test/eval/yesNoStudy.ts [fit|choose] [--print]`
 */
import { answer } from "../../src/answer/answer.ts";
import { readingOrder } from "../../src/answer/extract.ts";
import { PHRASE_MODEL } from "../../src/answer/phraseModel.ts";
import { readQuestion } from "../../src/answer/question.ts";
import { rankSentences } from "../../src/answer/rankSentences.ts";
import { readYesNo } from "../../src/answer/yesNo.ts";
import { SearchIndex } from "../../src/search/index.ts";
import { loadNews } from "./newsData.ts";

const split = process.argv[2] === "choose" ? "choose" : "fit";
const print = process.argv.includes("--print");
const news = (await loadNews()).filter((n) => n.split === split);
const rows: { first: boolean; gold: boolean; yes: boolean; confidence: number }[] = [];
for (const { story, questions } of news) {
  const index = SearchIndex.build([story]);
  for (const q of questions) {
    if (q.yes === null) continue;
    const asked = readQuestion(index, q.question);
    const a = answer(index, q.question, { top: 3 });
    const best = a.results[0];
    if (best === undefined) continue;
    const first =
      best.citation.story === story.slug && q.paragraphs.includes(best.citation.paragraph);
    const read = readYesNo(asked, readingOrder(best.bestSentence, rankSentences(asked, best.text)));
    if (read === null) continue;
    rows.push({ first, gold: q.yes, yes: read.yes, confidence: read.confidence });
    if (print)
      console.log(
        `${first ? "R" : "-"} gold=${q.yes ? "Y" : "N"} read=${read.yes ? "Y" : "N"} ${read.confidence.toFixed(2)} ${a.phrase ? "SHOWN" : ""} | ${q.question}\n    ${read.sentence}`,
      );
  }
}
const t = PHRASE_MODEL.thresholds.yesNo;
for (const first of [true, false]) {
  const r = rows.filter((x) => x.first === first);
  const right = r.filter((x) => x.yes === x.gold);
  const shown = r.filter((x) => x.confidence >= t);
  console.log(
    `${split} first passage ${first ? "right" : "wrong"}: ${r.length}, gold yes ${r.filter((x) => x.gold).length}; read right ${right.length}; over ${t}: ${shown.length}, right ${shown.filter((x) => x.yes === x.gold).length}`,
  );
}
