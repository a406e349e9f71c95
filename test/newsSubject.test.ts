import { describe, expect, test } from "vitest";
import {
  NEWS_SUBJECT_FEATURES,
  newsLikeness,
  newsSubjectVector,
} from "../src/answer/newsSubject.ts";
import { defaultLexicon } from "../src/language/lexicon.ts";
import { subjectOf } from "../src/language/subject.ts";
import { tokenize } from "../src/language/text.ts";

const lexicon = defaultLexicon();
const likeness = (text: string) => {
  const words = tokenize(text);
  return newsLikeness(subjectOf(words, lexicon), words);
};

describe("newsSubjectVector", () => {
  test("reads each function word a question says as 1 and every other as 0", () => {
    const x = newsSubjectVector(null, ["how", "do", "i", "boil", "an", "egg"]);
    const said = NEWS_SUBJECT_FEATURES.filter((_, i) => x[i] === 1);
    expect(said).toEqual(['says "how"', 'says "do"', 'says "i"', 'says "an"'].sort(byFeature));
    expect(x).toHaveLength(NEWS_SUBJECT_FEATURES.length);
  });

  test("reads the subject as a unit vector, and no subject as zeros", () => {
    const words = ["flood", "wall"];
    const x = newsSubjectVector(subjectOf(words, lexicon), words);
    const subject = x.slice(0, 100);
    expect(Math.hypot(...subject)).toBeCloseTo(1, 6);
    expect(
      newsSubjectVector(null, words)
        .slice(0, 100)
        .every((v) => v === 0),
    ).toBe(true);
  });
});

describe("newsLikeness", () => {
  test("finds a question asked of a story more newsy than one asked of a textbook on its subject", () => {
    expect(likeness("What did the judge decide about the impeachment?")).toBeGreaterThan(
      likeness("how does impeachment work step by step"),
    );
  });

  test("finds a question about a story's events more newsy than one about the asker's dinner", () => {
    expect(likeness("Why did the council delay the flood wall?")).toBeGreaterThan(
      likeness("how long do i boil an egg for a runny yolk"),
    );
  });
});

/** Features in the order `NEWS_SUBJECT_FEATURES` lists them. */
function byFeature(a: string, b: string): number {
  return NEWS_SUBJECT_FEATURES.indexOf(a) - NEWS_SUBJECT_FEATURES.indexOf(b);
}
