/**
 * The questions the answer phrase's models are fitted and chosen on: SQuAD tune (own paragraph and
 * our first passage), the news test bed's fit stories, and its choose stories, each story asked
 * alone and with all stories in one corpus, as `npm run eval -- news` asks them.
 */
import { join } from "node:path";
import { loadCorpus } from "../../src/corpus/load.ts";
import { SearchIndex } from "../../src/search/index.ts";
import { loadNews } from "./newsData.ts";
import { newsCases, type PhraseCase, squadCases } from "./phraseFit.ts";
import { loadHalf } from "./squadData.ts";

/** The fit cases by source, and the choose cases. */
export interface PhraseData {
  readonly fit: {
    readonly squadParagraph: readonly PhraseCase[];
    readonly squadRetrieved: readonly PhraseCase[];
    readonly news: readonly PhraseCase[];
  };
  readonly choose: readonly PhraseCase[];
}

/** Loads SQuAD tune and the news test bed's fit and choose splits (never the locked test split). */
export async function phraseData(): Promise<PhraseData> {
  const tune = loadHalf("tune");
  const news = await loadNews();
  const shipped = (await loadCorpus(join(import.meta.dirname, "..", "..", "corpus"))).stories;
  const pooled = SearchIndex.build([...news.map((n) => n.story), ...shipped]);
  return {
    fit: {
      squadParagraph: squadCases(tune, "paragraph"),
      squadRetrieved: squadCases(tune, "retrieved"),
      news: newsCases(news, "fit", pooled),
    },
    choose: newsCases(news, "choose", pooled),
  };
}
