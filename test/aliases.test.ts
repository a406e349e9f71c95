import { describe, expect, test } from "vitest";
import { aliasesOf } from "../src/language/aliases.ts";

describe("aliasesOf", () => {
  const cases = [
    { word: "kremlin", stands: ["russia", "russian"] },
    { word: "kyiv", stands: ["kiev", "ukraine", "ukrainian"] },
    { word: "pentagon", stands: ["defense", "defence", "military"] },
    { word: "hegseth", stands: [] },
    { word: "constructor", stands: [] },
    { word: "__proto__", stands: [] },
  ] as const;
  for (const { word, stands } of cases) {
    test(`gives "${word}" the words it stands for: ${stands.join(", ") || "none"}`, () => {
      expect(aliasesOf(word)).toEqual(stands);
    });
  }
});
