import { describe, expect, test } from "vitest";
import { readWording } from "../src/language/wording.ts";

describe("the focus of a question", () => {
  test("GIVEN a long question with context first THEN the focus is its last asking clause", () => {
    const { focus } = readWording(
      "so I saw people online saying Vandrell was being lined up to be the next party leader, but how long had he actually been trade minister?",
    );
    expect(focus).not.toBeNull();
    expect([...(focus ?? [])]).toEqual(
      expect.arrayContaining(["how", "long", "trade", "minister"]),
    );
    expect(focus?.has("vandrell")).toBe(false);
    expect(focus?.has("online")).toBe(false);
  });

  test("GIVEN a short question THEN it has no focus apart from itself", () => {
    expect(readWording("How long had Vandrell been trade minister?").focus).toBeNull();
  });

  test("GIVEN a long question that asks from its first clause THEN it has no focus apart from itself", () => {
    expect(
      readWording(
        "How long had Vandrell been trade minister before the export licence scandal forced him to resign last week",
      ).focus,
    ).toBeNull();
  });
});
