/**
 * Refits the answer confidence on SQuAD tune and the news test bed's fit stories (its thresholds
 * chosen on its choose split), then the news-subject and unrelated models, and writes
 * src/answer/confidence.json, newsSubject.json and unrelated.json: the same input always gives the
 * same files, and test/calibration.test.ts checks the committed ones are them.
 *
 * Usage: `npm run calibrate`
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  calibrateWithNews,
  calibrationReport,
  predict,
  reliabilityTable,
  samplesOf,
} from "./calibration.ts";
import { newsCalibrationSamples } from "./newsSamples.ts";
import { calibrateRelated } from "./relatedFit.ts";
import { loadHalf } from "./squadData.ts";

const MODEL_FILE = join(import.meta.dirname, "..", "..", "src", "answer", "confidence.json");
const RELATED_FILE = join(import.meta.dirname, "..", "..", "src", "answer", "unrelated.json");
const NEWS_SUBJECT_FILE = join(
  import.meta.dirname,
  "..",
  "..",
  "src",
  "answer",
  "newsSubject.json",
);

const squad = samplesOf(loadHalf("tune"));
const news = await newsCalibrationSamples();
const model = calibrateWithNews(squad, news.fit, news.choose, news.folds);
const samples = [...squad, ...news.fit];
writeFileSync(MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
const { newsSubject, related } = calibrateRelated(news, model);
writeFileSync(NEWS_SUBJECT_FILE, `${JSON.stringify(newsSubject, null, 2)}\n`);
writeFileSync(RELATED_FILE, `${JSON.stringify(related, null, 2)}\n`);
const report = calibrationReport(
  predict(samples, model),
  samples.map((s) => s.label),
);
console.log(
  `SQuAD tune and the news fit stories, ${samples.length} samples: Brier ${report.brier.toFixed(4)}, AUC ${report.auc.toFixed(4)}, ECE ${report.ece.toFixed(4)}\n`,
);
console.log(reliabilityTable(report));
console.log(
  `\nThresholds: answered from ${model.thresholds.answered}, refused below ${model.thresholds.refused}; unrelated below ${related.threshold}.\nWrote ${MODEL_FILE}, ${RELATED_FILE} and ${NEWS_SUBJECT_FILE}`,
);
