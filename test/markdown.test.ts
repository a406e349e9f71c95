import { describe, expect, test } from "vitest";
import { classifyLine, stripMarkdown } from "../src/corpus/markdown.ts";

describe("classifyLine", () => {
  const cases = [
    { raw: "# Big News", out: { text: "Big News", heading: true } },
    { raw: "  ## Big News ##  ", out: { text: "Big News", heading: true } },
    { raw: "# Learn C#", out: { text: "Learn C#", heading: true } },
    { raw: "# ###", out: { text: "", heading: true } },
    { raw: "#hashtag", out: { text: "#hashtag", heading: false } },
    { raw: "####### seven", out: { text: "####### seven", heading: false } },
    { raw: "**Bold Headline**", out: { text: "Bold Headline", heading: true } },
    { raw: "**Bold** and **bold**", out: { text: "Bold and bold", heading: false } },
    { raw: "Plain *text*.", out: { text: "Plain text.", heading: false } },
  ] as const;
  for (const { raw, out } of cases) {
    test(`reads ${JSON.stringify(raw)} as ${out.heading ? "a heading" : "text"}`, () => {
      expect(classifyLine(raw)).toEqual(out);
    });
  }

  // Regression: the heading pattern backtracked cubically, 33 s for this 4 kB line.
  test("reads a heading with thousands of spaces inside at once", () => {
    expect(classifyLine(`# a${" ".repeat(4000)}b`)).toEqual({ text: "a b", heading: true });
  });
});

describe("stripMarkdown", () => {
  const cases = [
    { text: "A [link](https://example.com) here", out: "A link here" },
    { text: "[Foo](https://en.wikipedia.org/wiki/Foo_(bar)) it", out: "Foo it" },
    { text: "An ![image](a.png) here", out: "An image here" },
    { text: "Some `code` and __strong__ and _em_", out: "Some code and strong and em" },
    { text: "> > quoted", out: "quoted" },
    { text: "- a bullet", out: "a bullet" },
    { text: "snake_case_name and 2*3*4", out: "snake_case_name and 2*3*4" },
    { text: "  many \t  spaces  ", out: "many spaces" },
  ] as const;
  for (const { text, out } of cases) {
    test(`turns ${JSON.stringify(text)} into ${JSON.stringify(out)}`, () => {
      expect(stripMarkdown(text)).toBe(out);
    });
  }

  // Regressions: each unclosed opener scanned to the end of the line, 9 s and 8 s for these.
  test("leaves 20,000 unclosed '**' alone at once", () => {
    const line = "**a ".repeat(20_000);
    expect(stripMarkdown(line)).toBe(line.trim());
  });

  test("leaves 25,000 unclosed image links alone at once", () => {
    const line = "![a](".repeat(25_000);
    expect(stripMarkdown(line)).toBe(line);
  });
});
