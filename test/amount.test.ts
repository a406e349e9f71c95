import { describe, expect, test } from "vitest";
import { asksAmount, holdsAmount } from "../src/language/amount.ts";
import { defaultLexicon } from "../src/language/lexicon.ts";
import { readWording } from "../src/language/wording.ts";

describe("asksAmount", () => {
  test("GIVEN how much of what is paid, spent or charged THEN it asks an amount of money", () => {
    expect(
      asksAmount(readWording("How much did Northgate Capital Partners pay to buy Brightwage?")),
    ).toBe(true);
    expect(asksAmount(readWording("how much r they paying for these cameras lol"))).toBe(true);
    expect(
      asksAmount(readWording("How much money is set aside for the teacher pay increases?")),
    ).toBe(true);
  });

  test("GIVEN how much of something else, by how much, or yes or no THEN it asks no amount of money", () => {
    expect(asksAmount(readWording("How much rain fell on Sunday?"))).toBe(false);
    expect(asksAmount(readWording("By how much did the university raise tuition?"))).toBe(false);
    expect(asksAmount(readWording("Did the club reveal how much compensation it paid?"))).toBe(
      false,
    );
  });
});

describe("holdsAmount", () => {
  test("GIVEN a sum with its currency's sign, or a number before a monetary unit THEN the sentence gives an amount", () => {
    expect(holdsAmount("The board approved a $1.4 million contract.")).toBe(true);
    expect(holdsAmount("The monthly payment will rise by about 140 marks.")).toBe(true);
    expect(holdsAmount("Shops must charge customers 10 cents for each paper bag.")).toBe(true);
    expect(holdsAmount("It was fined 2 million euros.")).toBe(true);
  });

  test("GIVEN a share THEN the sentence gives an amount a rise may be asked in", () => {
    expect(holdsAmount("Average wages rose 3.1% over the year.")).toBe(true);
  });

  test("GIVEN numbers of other things only THEN the sentence gives no amount", () => {
    expect(holdsAmount("About 62,000 birds were destroyed at a turkey farm.")).toBe(false);
    expect(
      holdsAmount(
        "Northgate Capital Partners, which has owned Brightwage since 2021, said it backs the board.",
      ),
    ).toBe(false);
  });
});

describe("WordNet.isKindOf", () => {
  test("GIVEN a currency's name THEN WordNet files it as a kind of monetary unit, and a bird as none", () => {
    const wordnet = defaultLexicon().wordnet;
    expect(wordnet?.isKindOf("marks", "monetary_unit")).toBe(true);
    expect(wordnet?.isKindOf("rupees", "monetary_unit")).toBe(true);
    expect(wordnet?.isKindOf("birds", "monetary_unit")).toBe(false);
  });
});
