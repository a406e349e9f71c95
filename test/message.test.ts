import { ButtonStyle, ComponentType } from "discord.js";
import { describe, expect, test } from "vitest";
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
});

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
});

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
