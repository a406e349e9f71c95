import { defaultLexicon } from "./lexicon.ts";
import type { Wording } from "./wording.ts";

/**
 * Whether a question asks an amount of money and whether a sentence gives one: "How much did
 * Northgate pay to buy Brightwage?" is not answered by "Northgate, which has owned Brightwage since
 * 2021, said…", though a number stands in it.
 */

// "How much", not "by how much" (a change, often a share: "by 8.5 percent").
const HOW_MUCH = /(?<!\bby )\bhow much\b/u;
// Words that make "how much" a question of money: what is paid, charged, spent or earned.
const MONEY =
  /\b(?:pa(?:y|ys|id|ying)|cost(?:s|ing)?|spen(?:d|ds|t|ding)|fined?|charg(?:e|es|ed|ing)|earn(?:s|ed|ing)?|owe(?:s|d)?|worth|prices?|salar(?:y|ies)|wages?|money|compensation|fees?|funding|grants?|settle(?:d|ment)?|damages|budget|revenue|raised?|sold|sell(?:s|ing)?|bought|buy)\b/u;

/** True when a question asks how much money: "How much are the closed library buildings appraised at?" is not. */
export function asksAmount(question: Pick<Wording, "text" | "yesNo">): boolean {
  // A question asking yes or no asks whether, not how much.
  if (question.yesNo) return false;
  const text = question.text.toLowerCase();
  return HOW_MUCH.test(text) && MONEY.test(text);
}

// A sum written with its currency's sign ("$1.4 million", "€4.2 million", "£300"), or a share,
// which answers how much a price or a wage rose ("3.1%", "8.5 percent").
const SIGNED = /[$€£¥₹]\s?\d|\d\s?(?:%|percent\b|per cent\b)/u;
// A number and the word after it, or the one after "million" or "billion": "140 marks", "10 cents".
const COUNTED = /\b\d[\d,.]*(?:\s+(?:thousand|million|billion|trillion))?\s+([\p{L}]+)/gu;

/**
 * True when the sentence gives an amount of money: a currency's sign before a number, or a number
 * before what WordNet files as a monetary unit ("140 marks", "10 cents", "2 million euros"); or a
 * share ("rose 3.1%").
 */
export function holdsAmount(sentence: string): boolean {
  if (SIGNED.test(sentence)) return true;
  const wordnet = defaultLexicon().wordnet;
  if (wordnet === null) return /\d/u.test(sentence);
  for (const match of sentence.matchAll(COUNTED)) {
    const unit = match[1]?.toLowerCase();
    if (unit !== undefined && wordnet.isKindOf(unit, "monetary_unit")) return true;
  }
  return false;
}
