import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { answer } from "../src/answer/answer.ts";
import { renderAnswerText } from "../src/answer/renderText.ts";
import { loadCorpus, parseStory } from "../src/corpus/load.ts";
import { SearchIndex } from "../src/search/index.ts";

describe("renderAnswerText", () => {
  let shipped: SearchIndex;
  beforeAll(async () => {
    shipped = SearchIndex.build(
      (await loadCorpus(join(import.meta.dirname, "..", "corpus"))).stories,
    );
  });

  test("GIVEN an answer from the headline THEN the title is quoted once, cited as the headline", () => {
    const text = renderAnswerText(answer(shipped, "What's the headline of this story?"));
    const title =
      "Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts";
    expect(text).toContain(`"${title}" (headline)`);
    expect(text.split(title).length - 1).toBe(1);
  });

  test("GIVEN a sentence that opens with a quotation THEN it is quoted in other marks, never two alike", () => {
    const story = parseStory(
      "election.md",
      [
        "# Opposition wins",
        "",
        '"Tonight the people of Calvessa chose change," Ilaria Dostani told supporters after the vote.',
        "",
      ].join("\n"),
    );
    const text = renderAnswerText(
      answer(SearchIndex.build([story]), "What did Dostani tell supporters?"),
    );
    expect(text).toContain('“"Tonight the people of Calvessa chose change," Ilaria Dostani told');
    expect(text).not.toContain('""');
  });
});
