import { describe, expect, test } from "vitest";
import { parseStory } from "../src/corpus/load.ts";
import { passageChoices } from "../src/discord/autocomplete.ts";
import { SearchIndex } from "../src/search/index.ts";

const first = parseStory(
  "harbour.md",
  "# Harbour dredging starts\n\nThe port began dredging on Monday.\n\nCrews worked through the night.\n\nThe mayor praised the crews.\n",
);
const second = parseStory(
  "orchard.md",
  "# Orchard festival returns\n\nThe orchard festival returns in May.\n\nApple growers expect record crowds.\n\nA cider contest closes the weekend.\n",
);
const index = SearchIndex.build([first, second]);

describe("/passage autocomplete", () => {
  test("lists the paragraphs whose text holds what is typed, in story order", () => {
    const choices = passageChoices(index, "crews");
    expect(choices.map((c) => c.value)).toEqual(["harbour#2", "harbour#3"]);
  });

  test("finds by searching what a capped scan of an archive did not reach", () => {
    // Two passages scanned, both of the first story: the cider contest is found by the search.
    expect(passageChoices(index, "cider contest", 2).map((c) => c.value)).toEqual(["orchard#3"]);
    expect(passageChoices(index, "cider contest", 0).map((c) => c.value)).toContain("orchard#3");
  });

  test("does not search when the scan covered every passage", () => {
    expect(passageChoices(index, "zebra crossing")).toEqual([]);
  });
});
