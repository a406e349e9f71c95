import { PassThrough, Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { runConsole } from "../src/console.ts";
import { shippedIndex } from "./support/bot.ts";

/** Types `lines` at the console over the shipped story and returns what it printed. */
async function typed(lines: readonly string[]): Promise<string> {
  const index = await shippedIndex();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => {
    printed += chunk.toString();
  });
  await runConsole(() => index, Readable.from(lines.map((l) => `${l}\n`)), output);
  return printed;
}

describe("runConsole", () => {
  test("a question leaning on the answer before it follows that answer up, and says so", async () => {
    const printed = await typed(["Who issued the directive?", "why did he do it?"]);
    const [, followUp] = printed.split("ask> ").slice(1);
    expect(followUp).toMatch(
      /^\(following up the last answer, about Defense Secretary Pete Hegseth\)\n/,
    );
    expect(followUp).toContain("no specific reasons were provided");
  });

  test("'full paragraph?' after an answer prints the paragraph it cited; before any, asks for a number", async () => {
    const printed = await typed([
      "full paragraph?",
      "Who issued the directive?",
      "full paragraph?",
    ]);
    const [before, , after] = printed.split("ask> ").slice(1);
    expect(before).toMatch(/^Which paragraph\? Ask for it by the number/u);
    expect(after).toMatch(/^¶3 · “Trump Administration Halts/u);
    expect(after).toContain(
      "Officials revealed that the directive, issued by Defense Secretary Pete Hegseth",
    );
  });

  test("a question leaning on nothing that the story answers as it stands is answered", async () => {
    const printed = await typed(["where did they meet"]);
    expect(printed).not.toContain("I can't tell");
    expect(printed).toContain("White House meeting");
  });

  test("a question leaning on nothing asks who or what is meant", async () => {
    const printed = await typed(["why did he do it?"]);
    expect(printed).toContain(
      "I can't tell what “he” means here: say who or what you mean, or ask it right after an answer.",
    );
  });

  test("a question about the story as a document gets what its file gives, and one put to the bot what the bot is", async () => {
    const printed = await typed(["who wrote this?", "who are you"]);
    const [document, bot] = printed.split("ask> ").slice(1);
    expect(document).toBe(
      "“Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts” gives no author.\n",
    );
    expect(bot).toMatch(/^I'm a bot that answers questions about the story loaded here/u);
  });

  test("a question about the source after an answer is about that answer's story", async () => {
    const printed = await typed(["Who issued the directive?", "link?"]);
    const [, link] = printed.split("ask> ").slice(1);
    expect(link).toBe(
      "“Trump Administration Halts Cyber Operations Against Russia Amid Diplomatic Efforts” gives no link.\n",
    );
  });
});
