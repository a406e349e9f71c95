import { describe, expect, test } from "vitest";
import { MAX_PASSAGE_CHARS, splitLongText, splitPassages } from "../src/corpus/passages.ts";

const summary = (body: string) =>
  splitPassages("s", body).passages.map((p) => `${p.id} ${p.kind} L${p.line}: ${p.text}`);

describe("splitPassages", () => {
  const cases = [
    {
      name: "a blank line separates paragraphs",
      body: "One first.\n\nTwo second.",
      out: ["s#1 paragraph L1: One first.", "s#2 paragraph L3: Two second."],
    },
    {
      name: "a single line break separates paragraphs too",
      body: "One first.\nTwo second.",
      out: ["s#1 paragraph L1: One first.", "s#2 paragraph L2: Two second."],
    },
    {
      name: "a line visibly hard-wrapped mid-sentence joins the next",
      body: "The pause was\nordered on Friday.\nA new paragraph.",
      out: [
        "s#1 paragraph L1: The pause was ordered on Friday.",
        "s#2 paragraph L3: A new paragraph.",
      ],
    },
    {
      name: "a bold line is the headline, without its asterisks",
      body: "**Big News Today**\nBody text.",
      out: ["s#0 headline L1: Big News Today", "s#1 paragraph L2: Body text."],
    },
    {
      name: "a Markdown heading is the headline",
      body: "# Big News Today\n\nBody text.",
      out: ["s#0 headline L1: Big News Today", "s#1 paragraph L3: Body text."],
    },
    {
      name: "a repeated headline and paragraphs are kept once, at their first occurrence",
      body: "**Head**\n\n**Head**\nA para.\nB para.\nA para.\nB  para.",
      out: ["s#0 headline L1: Head", "s#1 paragraph L4: A para.", "s#2 paragraph L5: B para."],
    },
    {
      name: "later subheadings are not citable passages",
      body: "# Head\nA para.\n## Background\nB para.",
      out: ["s#0 headline L1: Head", "s#1 paragraph L2: A para.", "s#2 paragraph L4: B para."],
    },
    {
      name: "inline Markdown is stripped from passage text",
      body: "A *very* **bold** [link](https://example.com) and `code`.",
      out: ["s#1 paragraph L1: A very bold link and code."],
    },
    {
      name: "text with no trailing newline keeps its last paragraph",
      body: "Only one.",
      out: ["s#1 paragraph L1: Only one."],
    },
    {
      name: "white space only gives no passages",
      body: " \n\t\n",
      out: [],
    },
  ] as const;
  for (const { name, body, out } of cases) {
    test(name, () => {
      expect(summary(body)).toEqual(out);
    });
  }

  test("counts the duplicates it dropped", () => {
    expect(splitPassages("s", "**H**\n**H**\nA.\nB.\nA.\nB.").duplicatesRemoved).toBe(3);
  });

  test("a paragraph too long for one citation is split at sentence boundaries into numbered parts", () => {
    const sentence = "This sentence is about sixty characters long, give or take. ";
    const body = sentence.repeat(30).trim();
    const { passages } = splitPassages("s", body);
    expect(passages.map((p) => p.id)).toEqual(["s#1.1", "s#1.2"]);
    expect(passages.every((p) => p.paragraph === 1 && p.text.length <= MAX_PASSAGE_CHARS)).toBe(
      true,
    );
    expect(passages.every((p) => p.text.endsWith("take."))).toBe(true);
    expect(passages.map((p) => p.text).join(" ")).toBe(body);
  });
});

describe("splitPassages bounds", () => {
  test("reads a heading longer than a passage as a paragraph, split into parts", () => {
    const heading = "very long heading ".repeat(60).trim();
    const { headline, passages } = splitPassages("s", `# ${heading}\nBody.`);
    expect(headline).toBeNull();
    expect(passages.map((p) => `${p.id} ${p.kind}`)).toEqual([
      "s#1.1 paragraph",
      "s#1.2 paragraph",
      "s#2 paragraph",
    ]);
  });

  test("joins a paragraph hard-wrapped into 20,000 lines, as one paragraph", () => {
    const lines = ["It began", ...Array.from({ length: 20_000 }, () => "and went on")];
    const { passages } = splitPassages("s", lines.join("\n"));
    expect(new Set(passages.map((p) => p.paragraph))).toEqual(new Set([1]));
    expect(passages.map((p) => p.text).join(" ")).toBe(lines.join(" "));
  });
});

describe("splitLongText", () => {
  test("cuts one huge sentence at spaces when it has no sentence boundary", () => {
    const parts = splitLongText("word ".repeat(100).trim(), 50);
    expect(parts.every((p) => p.length <= 50)).toBe(true);
    expect(parts.join(" ")).toBe("word ".repeat(100).trim());
  });

  // Regression found by the properties: parts were trimmed sentences joined by a space, so a
  // sentence boundary with no space after it gained one.
  test("cuts text whose sentences have no space between them into pieces of the text itself", () => {
    const text = "你好。世界。".repeat(20);
    const parts = splitLongText(text, 50);
    expect(parts.every((p) => text.includes(p) && p.length <= 50)).toBe(true);
    expect(parts.join("")).toBe(text);
  });

  test("never cuts a surrogate pair in two", () => {
    const parts = splitLongText(`a${"😀".repeat(30)}`, 10);
    expect(parts.every((p) => p.length <= 10 && !/\p{Cs}/u.test(p))).toBe(true);
    expect(parts.join("")).toBe(`a${"😀".repeat(30)}`);
  });

  test("leaves text within the limit alone", () => {
    expect(splitLongText("Short. Text.", 50)).toEqual(["Short. Text."]);
  });
});
