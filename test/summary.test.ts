import { describe, expect, test } from "vitest";
import { tokenize } from "../src/language/text.ts";
import { asksForGist, asksForSummary } from "../src/language/wording.ts";

describe("asksForSummary", () => {
  const cases = [
    { question: "what happened?", out: true },
    { question: "tl;dr", out: true },
    { question: "TLDR", out: true },
    { question: "What's this story about?", out: true },
    { question: "what is the article about", out: true },
    { question: "Can you summarize it for me?", out: true },
    { question: "give me a quick summary", out: true },
    { question: "summary please", out: true },
    { question: "whats the tldr here", out: true },
    { question: "What are the stories about?", out: true },
    { question: "so what's going on?", out: true },
    { question: "key points", out: true },
    { question: "explain like im 5", out: true },
    { question: "eli5 pls", out: true },
    { question: "what's the latest", out: true },
    { question: "can u summarize this", out: true },
    { question: "whats new?", out: true },
    { question: "what's new with the recall", out: false },
    { question: "could ya give me the gist pls", out: true },
    { question: "how many points did the team score", out: false },
    { question: "explain the veto", out: false },
    { question: "what's the latest on the talks", out: false },
    { question: "What's the headline?", out: false },
    { question: "Who wrote the story?", out: false },
    { question: "What happened to the talks with Moscow?", out: false },
    { question: "What is Hegseth's directive about?", out: false },
    { question: "summarize Schumer's criticism", out: false },
    { question: "what did he say about it?", out: false },
    { question: "what are they on about", out: false },
  ] as const;
  for (const { question, out } of cases) {
    test(`${out ? "reads" : "does not read"} "${question}" as a request for a summary`, () => {
      expect(asksForSummary(tokenize(question))).toBe(out);
    });
  }
});

describe("asksForGist", () => {
  const cases = [
    { question: "can u summarize this", out: true },
    { question: "can you tell me what happened", out: true },
    { question: "what stories do you have", out: false },
    { question: "what do you know about", out: false },
    { question: "tell me about Hegseth", out: false },
  ] as const;
  for (const { question, out } of cases) {
    test(`${out ? "reads" : "does not read"} "${question}" as asking for the gist in so many words`, () => {
      expect(asksForGist(tokenize(question))).toBe(out);
    });
  }
});
