import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import {
  IN_SCOPE_STYLES,
  loadNews,
  NEWS_DIR,
  type NewsStory,
  OUT_OF_SCOPE_STYLES,
  PAIRS_DIR,
  readUnrelated,
  UNRELATED_DIR,
} from "./eval/newsData.ts";

let news: NewsStory[];

beforeAll(async () => {
  news = await loadNews();
});

/** The text of each paragraph of a story, as the bot numbers and cites it. */
function paragraphsOf(story: NewsStory): Map<number, string> {
  const out = new Map<number, string>();
  for (const p of story.story.passages)
    out.set(p.paragraph, `${out.get(p.paragraph) ?? ""} ${p.text}`);
  return out;
}

describe("the news test bed", () => {
  test("holds sixty-four stories of seven to ten paragraphs, each with its question set", () => {
    expect(news).toHaveLength(64);
    for (const n of news) {
      expect(paragraphsOf(n).size).toBeGreaterThanOrEqual(7);
      expect(paragraphsOf(n).size).toBeLessThanOrEqual(10);
      expect(n.questions.length).toBeGreaterThanOrEqual(50);
    }
  });

  test("puts every story in exactly one split, 40 to fit, 12 to choose and 12 locked for test", () => {
    const split = JSON.parse(readFileSync(join(NEWS_DIR, "split.json"), "utf8")) as Record<
      string,
      string[]
    >;
    const all = [...(split.fit ?? []), ...(split.choose ?? []), ...(split.test ?? [])];
    expect(all).toHaveLength(64);
    expect(new Set(all).size).toBe(64);
    expect(news.filter((n) => n.split === "fit")).toHaveLength(40);
    expect(news.filter((n) => n.split === "choose")).toHaveLength(12);
    expect(news.filter((n) => n.split === "test")).toHaveLength(12);
  });

  test("names only paragraphs the story has, and finds every answer span word for word in one of them", () => {
    for (const n of news) {
      const paragraphs = paragraphsOf(n);
      const asked = [
        ...n.questions,
        ...n.followUps.map((f) => ({
          question: f.followUp,
          paragraphs: f.paragraphs,
          answer: f.answer,
        })),
      ];
      for (const q of asked) {
        for (const p of q.paragraphs)
          expect(paragraphs.has(p), `${n.story.slug}: ${q.question}`).toBe(true);
        if (q.answer === null) continue;
        const span = q.answer;
        expect(
          q.paragraphs.some((p) => paragraphs.get(p)?.includes(span)),
          `${n.story.slug}: "${span}" for ${q.question}`,
        ).toBe(true);
      }
    }
  });

  test("gives every question a known style, paragraphs exactly when in scope, and yes/no answers to yes/no questions, or none where the story leaves them open", () => {
    const inScope: readonly string[] = IN_SCOPE_STYLES;
    const outOfScope: readonly string[] = OUT_OF_SCOPE_STYLES;
    for (const n of news) {
      for (const q of n.questions) {
        expect([...inScope, ...outOfScope], q.question).toContain(q.style);
        expect(q.paragraphs.length > 0, q.question).toBe(inScope.includes(q.style));
        if (q.style === "yesno") expect(q.yes, q.question).not.toBeNull();
        // A question the story leaves open is in scope and has no yes or no.
        if (q.unsettled)
          expect({ yes: q.yes, inScope: q.paragraphs.length > 0 }).toEqual({
            yes: null,
            inScope: true,
          });
      }
    }
  });

  test("deals each set about nothing in the news to the stories of its split, every question once", () => {
    const split = JSON.parse(readFileSync(join(NEWS_DIR, "split.json"), "utf8")) as {
      unrelated: Record<string, string[]>;
    };
    const files = readdirSync(UNRELATED_DIR).map((f) => f.replace(/\.json$/, ""));
    expect(Object.values(split.unrelated).flat().sort()).toEqual(files.sort());
    for (const [part, sets] of Object.entries(split.unrelated)) {
      const written = sets.flatMap((set) => readUnrelated(set).questions);
      expect(new Set(written).size).toBe(written.length);
      for (const q of written) expect(q.trim().length, q).toBeGreaterThan(0);
      const dealt = news
        .filter((n) => n.split === part)
        .flatMap((n) => n.questions.filter((q) => q.set !== undefined));
      expect(dealt.map((q) => q.question).sort()).toEqual([...written].sort());
      expect(dealt.every((q) => q.style === "unrelated" && q.paragraphs.length === 0)).toBe(true);
    }
    // None is dealt to the locked test split.
    expect(news.filter((n) => n.split === "test").some((n) => n.questions.some((q) => q.set))).toBe(
      false,
    );
  });

  test("judges every question of the ten pairs on one subject against the other story, with only its paragraphs and its own words", () => {
    const byNumber = new Map(news.map((n) => [n.story.slug.slice(0, 2), n]));
    const files = readdirSync(PAIRS_DIR).filter((f) => f.endsWith(".json"));
    expect(files).toHaveLength(10);
    let answered = 0;
    for (const name of files) {
      const file = JSON.parse(readFileSync(join(PAIRS_DIR, name), "utf8")) as {
        pair: [string, string];
        labels: {
          of: string;
          other: string;
          question: string;
          paragraphs: number[];
          answer: string | null;
          yes: boolean | null;
          differs: boolean;
        }[];
      };
      for (const [own, other] of [file.pair, [...file.pair].reverse()]) {
        const asked = byNumber.get(own ?? "");
        const sibling = byNumber.get(other ?? "");
        if (asked === undefined || sibling === undefined) throw new Error(`${name}: no story`);
        const labels = file.labels.filter((l) => l.of === own);
        expect(labels.every((l) => l.other === other)).toBe(true);
        // Each question but the unrelated ones, once.
        expect(labels.map((l) => l.question).sort()).toEqual(
          asked.questions
            .filter((q) => q.style !== "unrelated")
            .map((q) => q.question)
            .sort(),
        );
        const paragraphs = paragraphsOf(sibling);
        for (const l of labels) {
          for (const p of l.paragraphs)
            expect(paragraphs.has(p), `${name}: ${l.question}`).toBe(true);
          if (l.paragraphs.length === 0 || l.differs)
            expect({ paragraphs: l.paragraphs, answer: l.answer, yes: l.yes }, l.question).toEqual({
              paragraphs: [],
              answer: null,
              yes: null,
            });
          const span = l.answer;
          if (span !== null)
            expect(
              l.paragraphs.some((p) => paragraphs.get(p)?.includes(span)),
              `${name}: "${span}" for ${l.question}`,
            ).toBe(true);
          if (l.paragraphs.length > 0) answered++;
        }
      }
    }
    // loadNews gives each such question its sibling's answer.
    const withSibling = news.flatMap((n) => n.questions.filter((q) => q.sibling !== undefined));
    expect(withSibling).toHaveLength(answered);
    expect(withSibling.every((q) => q.style !== "unrelated")).toBe(true);
  });
});
