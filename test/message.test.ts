import { ButtonStyle, ComponentType, escapeMarkdown } from "discord.js";
import { describe, expect, test } from "vitest";
import { loadCorpus } from "../src/corpus/load.ts";
import { decodeMore, encodeMore } from "../src/discord/customId.ts";
import { escapeUserText, highlight, truncate } from "../src/discord/format.ts";
import { embedLength, finalizeMessage } from "../src/discord/message.ts";
import { checkMessageLimits } from "./support/discordSpec.ts";

describe("finalizeMessage", () => {
  test("GIVEN any message THEN mentions are never parsed", () => {
    expect(finalizeMessage({ content: "@everyone" }).allowed_mentions).toEqual({ parse: [] });
  });

  test("GIVEN content and embeds far over every limit THEN the result is within Discord's limits", () => {
    const huge = "word ".repeat(3000);
    const message = finalizeMessage({
      content: huge,
      embeds: Array.from({ length: 12 }, () => ({
        title: huge,
        description: huge,
        footer: { text: huge },
        author: { name: huge },
        fields: Array.from({ length: 30 }, () => ({ name: huge, value: huge })),
      })),
      components: [
        {
          type: ComponentType.ActionRow,
          components: Array.from({ length: 7 }, (_, i) => ({
            type: ComponentType.Button as const,
            style: ButtonStyle.Secondary as const,
            label: huge,
            custom_id: `${i}${"x".repeat(200)}`,
          })),
        },
      ],
    });
    expect(checkMessageLimits(message)).toEqual([]);
    expect(message.content?.length).toBeLessThanOrEqual(2000);
    expect(message.content?.length).toBeGreaterThan(1990);
    expect(message.content?.endsWith("…")).toBe(true);
    expect(message.embeds?.[0]?.description?.length).toBeGreaterThan(1000);
    expect((message.embeds ?? []).reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(
      6000,
    );
  });
});

describe("escapeUserText", () => {
  const cases = [
    { input: "@everyone", out: "@\u200beveryone" },
    { input: "<@&123456789012345678>", out: "<\u200b@\u200b&123456789012345678>" },
    { input: "[x](https://evil.example)", out: "\\[x](https://evil.example)" },
    { input: "**hi** _there_", out: "\\*\\*hi\\*\\* \\_there\\_" },
    { input: "# Big", out: "\\# Big" },
    { input: "plain words", out: "plain words" },
  ] as const;
  for (const { input, out } of cases) {
    test(`GIVEN ${JSON.stringify(input)} THEN it shows ${JSON.stringify(out)}`, () => {
      expect(escapeUserText(input)).toBe(out);
    });
  }

  test("GIVEN any mix of Markdown characters THEN it escapes as every escapeMarkdown rule run on it", async () => {
    const alphabet = [
      "a",
      "1",
      " ",
      "\n",
      "\\",
      "`",
      "*",
      "_",
      "~",
      "|",
      "#",
      "-",
      ".",
      "[",
      "]",
      "(",
      ")",
      "<",
      "@",
      ":",
      "+",
    ];
    const texts: string[] = [
      ...(await loadCorpus("corpus")).stories.flatMap((s) => s.passages.map((p) => p.text)),
    ];
    // Every text of up to three of these characters, then longer ones from a fixed-seed generator.
    for (const a of alphabet)
      for (const b of alphabet) for (const c of alphabet) texts.push(a, a + b, a + b + c);
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let i = 0; i < 3000; i++) {
      texts.push(
        Array.from({ length: 4 + (next() % 40) }, () => alphabet[next() % alphabet.length]).join(
          "",
        ),
      );
    }
    for (const text of texts) expect(escapeUserText(text)).toBe(escapeWithEveryRule(text));
  });
});

/** escapeUserText as it was: every escapeMarkdown rule run on every text, then mentions broken. */
function escapeWithEveryRule(text: string): string {
  return escapeMarkdown(text, {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  })
    .replace(/@/g, "@\u200b")
    .replace(/<(?=[@#:a])/g, "<\u200b");
}

describe("truncate", () => {
  test("GIVEN text over the limit THEN it is cut at a word and ends in an ellipsis", () => {
    expect(truncate("one two three four five six", 20)).toBe("one two three four…");
  });

  test("GIVEN text within the limit THEN it is unchanged", () => {
    expect(truncate("short", 5)).toBe("short");
  });
});

describe("highlight", () => {
  test("GIVEN matched words THEN they are bold, whatever their case or accents", () => {
    expect(highlight("Zelenský met Trump.", ["zelensky", "trump"], 100)).toBe(
      "**Zelenský** met **Trump**.",
    );
  });

  test("GIVEN a limit THEN the text is shortened without cutting the bold markers", () => {
    const out = highlight("alpha beta gamma delta epsilon", ["gamma", "epsilon"], 24);
    expect(out.length).toBeLessThanOrEqual(24);
    expect(out.split("**").length % 2).toBe(1);
  });

  test("GIVEN story or hostile text THEN the output is that of escaping each word and gap on its own", async () => {
    const { stories } = await loadCorpus("corpus");
    const texts = [
      ...stories.flatMap((story) => story.passages.map((p) => p.text)),
      "**bold** __under__ ~~gone~~ ||spoiler|| `code` ```block``` \\ back",
      "# Heading\n- bullet\n1. first\n[link](https://example.com) @everyone <@123> <#9> <a:x:1>",
      "snake_case_word and *emphasis* and_ _lone_ under__score ** stars",
      "Zelenský’s café — «naïve» 2025-03-02, 3.5% @here",
    ];
    const terms = ["trump", "cyber", "bold", "heading", "case", "zelensky", "naive", "2025"];
    for (const text of texts) {
      for (const limit of [4096, 1024, 120, 40]) {
        expect(highlight(text, terms, limit)).toBe(highlightWordByWord(text, terms, limit));
      }
    }
  });
});

/** The highlight that escaped each word and gap as it went: the reference for the cached one. */
function highlightWordByWord(text: string, terms: readonly string[], limit: number): string {
  const fold = (word: string) => word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const wanted = new Set(terms.map(fold));
  let plain = text;
  for (;;) {
    let out = "";
    let last = 0;
    for (const match of plain.matchAll(/[\p{L}\p{N}]+/gu)) {
      const at = match.index ?? 0;
      const word = match[0];
      out += escapeUserText(plain.slice(last, at));
      out += wanted.has(fold(word)) ? `**${escapeUserText(word)}**` : escapeUserText(word);
      last = at + word.length;
    }
    out += escapeUserText(plain.slice(last));
    if (out.length <= limit) return out;
    plain = truncate(plain, Math.max(1, plain.length - (out.length - limit) - 8));
  }
}

describe("encodeMore and decodeMore", () => {
  test("GIVEN paging state THEN the question itself round-trips through a custom_id", () => {
    const request = {
      offset: 3,
      private: true,
      story: "some-story",
      question: "How many staff: any?",
      words: ["staff"],
    };
    expect(encodeMore(request)).toBe("more:3:p:some-story:How many staff: any?");
    expect(decodeMore(encodeMore(request))).toEqual({
      offset: 3,
      private: true,
      story: "some-story",
      query: "How many staff: any?",
    });
  });

  test("GIVEN a question too long to carry THEN it carries the search words that fit, whole, within 100 characters", () => {
    const id = encodeMore({
      offset: 3,
      private: false,
      story: null,
      question: "Why ".repeat(30),
      words: Array.from({ length: 40 }, () => "word"),
    });
    expect(id.length).toBeLessThanOrEqual(100);
    expect(
      decodeMore(id)
        ?.query.split(" ")
        .every((w) => w === "word"),
    ).toBe(true);
  });

  test("GIVEN a foreign custom_id THEN it is not mistaken for paging state", () => {
    expect(decodeMore("share")).toBeNull();
    expect(decodeMore("more:x:p::a")).toBeNull();
  });
});
