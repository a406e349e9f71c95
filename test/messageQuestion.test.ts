import { describe, expect, test } from "vitest";
import { MAX_QUESTION_CHARS } from "../src/answer/question.ts";
import {
  cleanMessageText,
  questionFromMessage,
  questionWords,
} from "../src/discord/messageQuestion.ts";
import { userMessage } from "./support/interactions.ts";

describe("cleanMessageText", () => {
  const cases = [
    { input: "Who issued the directive?", out: "Who issued the directive?" },
    { input: "<@1300000000000000302> who is **Rubio**?", out: "who is Rubio?" },
    { input: "<@!1300000000000000302> <@&1300000000000000100> hi", out: "hi" },
    { input: "see <#1300000000000000200> and </ask:1300000000000000500>", out: "see and" },
    { input: "<:pepe:1300000000000000999> <a:dance:1300000000000000998> wow", out: "wow" },
    { input: "since <t:1740000000:R> @everyone @here", out: "since" },
    {
      input: "[the story](https://example.com/x) says <https://example.com/y>",
      out: "the story says",
    },
    {
      input: "> quoted line\n>>> more\n# Heading\n-# small print",
      out: "quoted line more Heading small print",
    },
    { input: "- one\n* two\n1. three", out: "one two three" },
    {
      input: "||spoiler|| ~~struck~~ __under__ *it* _em_ `code`",
      out: "spoiler struck under it em code",
    },
    { input: "```ts\nconst x = 1;\n```", out: "const x = 1;" },
    { input: "ｆｕｌｌ width", out: "full width" },
  ] as const;
  for (const { input, out } of cases) {
    test(`GIVEN ${JSON.stringify(input)} THEN it reads ${JSON.stringify(out)}`, () => {
      expect(cleanMessageText(input)).toBe(out);
    });
  }
});

describe("questionWords", () => {
  test.each([
    ["<@1300000000000000302> who is **Rubio**?", "who is **Rubio**?"],
    ["who wrote this https://apnews.com/article/cyber-pause-0123", "who wrote this"],
    ["is [this story](https://example.com/x) real", "is this story real"],
    [
      "<a:wave:1300000000000000998> who ordered the pause <t:1740000000:R>",
      "who ordered the pause",
    ],
    ["@everyone https://example.com", ""],
  ])("GIVEN %j THEN the question read is %j, its Markdown kept", (typed, read) => {
    expect(questionWords(typed)).toBe(read);
  });
});

describe("questionFromMessage", () => {
  test("GIVEN a forwarded message THEN the forwarded text is the question", () => {
    const forwarded = userMessage({ content: "Who is Schumer?" });
    const message = {
      ...userMessage({ content: "" }),
      message_snapshots: [{ message: forwarded }],
    };
    expect(questionFromMessage(message)).toEqual({ ok: true, text: "Who is Schumer?" });
  });

  test("GIVEN a long message THEN its claims and questions are taken from anywhere in it, in its order, a repeated sentence once", () => {
    const claims = [
      "Hegseth ordered Cyber Command to stand down on Russia planning.",
      "Did Schumer really call it a gift to Putin?",
    ];
    const small = "Lol this is so wild honestly. ".repeat(20);
    const content = `Wow. ${small}${claims[0]} ${small}${claims[1]} ok.`;
    const result = questionFromMessage(userMessage({ content }));
    if (!result.ok) throw new Error(result.message);
    const first = result.text.indexOf(claims[0] ?? "");
    expect(first).toBeGreaterThanOrEqual(0);
    expect(result.text.indexOf(claims[1] ?? "")).toBeGreaterThan(first);
    expect(result.text.split("Lol this is so wild honestly.")).toHaveLength(2);
    expect(result.text.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
  });

  test("GIVEN one sentence longer than a question THEN its first words are taken, cut at a space", () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`).join(" ");
    const result = questionFromMessage(userMessage({ content: words }));
    if (!result.ok) throw new Error(result.message);
    expect(result.text.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
    expect(words.startsWith(`${result.text} `)).toBe(true);
    expect(result.cut).toEqual({ sentences: 1, total: words.length });
  });

  test("GIVEN 6,000 characters with no space at all THEN the first 500 are taken", () => {
    const result = questionFromMessage(userMessage({ content: "a".repeat(6000) }));
    expect(result).toEqual({ ok: true, text: "a".repeat(500), cut: { sentences: 1, total: 6000 } });
  });

  test("GIVEN an attachment that is not an image THEN it says the message has only attachments", () => {
    const message = userMessage();
    const withFile = {
      ...message,
      attachments: [
        {
          id: "1",
          filename: "notes.pdf",
          size: 1,
          url: "u",
          proxy_url: "p",
          content_type: "application/pdf",
        },
      ],
    };
    const result = questionFromMessage(withFile);
    expect(result.ok ? "" : result.message).toMatch(/^That message has only attachments, /);
  });

  test("GIVEN an empty message with nothing attached THEN it says the message has no text", () => {
    const result = questionFromMessage(userMessage({ content: "   " }));
    expect(result.ok ? "" : result.message).toMatch(/^That message has no text, /);
  });
});
