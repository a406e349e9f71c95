/**
 * Refits the answer phrase's models and writes src/answer/phrase.json: the same input always gives
 * the same file, and test/phraseModel.test.ts checks the committed one is it. Prints, for the choose
 * split, the share of factoid and yes/no questions whose phrase is shown, and right.
 *
 * Usage: `npm run fit-phrases`
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { phraseData } from "./phraseData.ts";
import { fitPhraseModel, showing } from "./phraseFit.ts";

const MODEL_FILE = join(import.meta.dirname, "..", "..", "src", "answer", "phrase.json");

const data = await phraseData();
const model = fitPhraseModel(data.fit, data.choose);
writeFileSync(MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
const pct = (n: number, d: number) => (d === 0 ? "–" : `${((100 * n) / d).toFixed(1)}%`);
for (const yesNo of [false, true]) {
  const s = showing(data.choose, model, yesNo);
  console.log(
    `choose split, ${yesNo ? "yes/no" : "factoid"} (each story alone and all in one corpus): shown ${s.shown}/${s.asked} (${pct(s.shown, s.asked)}), right ${s.right}/${s.shown} (${pct(s.right, s.shown)}); out-of-scope shown ${s.outShown}`,
  );
}
console.log(
  `Thresholds: span ${model.thresholds.span}, yes/no ${model.thresholds.yesNo}.\nWrote ${MODEL_FILE}`,
);
