/**
 * Every reply `npm run preview` renders, kept in one place: each command, button, modal and kind
 * of refusal a member can meet. A case asks, presses a button on an earlier case's reply, submits
 * the follow-up modal, runs Find in story on a message, or runs another command.
 */

/** One reply to render, and how to get it. */
export type PreviewCase = { readonly name: string } & (
  | {
      readonly kind: "ask";
      readonly question: string;
      readonly options?: Readonly<Record<string, string | boolean>>;
      /** Asked of a bot whose server sets a cooldown. */
      readonly cooldown?: boolean;
    }
  /** Presses the button labelled `label` on the reply of case `on`. */
  | { readonly kind: "press"; readonly on: string; readonly label: string }
  /** Presses Follow up on case `on`'s reply, renders the modal, then submits `text` in it. */
  | { readonly kind: "follow-up"; readonly on: string; readonly text: string }
  | { readonly kind: "find"; readonly message: string }
  | {
      readonly kind: "command";
      readonly command: string;
      readonly options?: Readonly<Record<string, string>>;
    }
  /** Asks `question` once more than the cooldown allows. */
  | { readonly kind: "cooldown"; readonly question: string }
);

const LONG_MESSAGE = [
  "Big news today.",
  "I keep reading that the cyber pause came out of nowhere and that nobody in the Pentagon signed off on it.",
  "Who issued the directive, and did anyone say why?",
  "Also curious whether Congress pushed back at all, because it sounds like at least one senator was furious about it.",
  "Honestly the whole thing is confusing and the coverage keeps changing from hour to hour.",
  "My cousin says it is all politics and that it will be reversed next week anyway.",
  "Either way I would like to know what the story actually says about it, in its own words.",
  "Thanks in advance to whoever looks this up, I have been going around in circles all morning.",
].join(" ");

/** The cases, in the order the preview shows them. */
export const PREVIEW_CASES: readonly PreviewCase[] = [
  // First, while the channel has no answer for a question to lean on.
  // With several stories (preview --corpus) and no answer yet, a button for each story's ¶2.
  { name: "ask-paragraph-which", kind: "ask", question: "para 2?" },
  { name: "leans-on-context", kind: "ask", question: "what did he say about it?" },
  { name: "ask-1", kind: "ask", question: "Who issued the directive?" },
  // Right after ask-1, in the same channel: read as following it up.
  { name: "ask-typed-follow-up", kind: "ask", question: "why did he do it?" },
  // Words of its own, but "he" still means whom the answer before named.
  {
    name: "ask-typed-follow-up-words",
    kind: "ask",
    question: "what reasons did he give for the pause",
  },
  { name: "ask-2", kind: "ask", question: "When did Russia's full-scale invasion begin?" },
  { name: "ask-3", kind: "ask", question: "Who is the National Security Adviser?" },
  { name: "ask-4", kind: "ask", question: "What did Schumer say about the pause?" },
  { name: "ask-yes-no", kind: "ask", question: "Did officials give a reason for the pause?" },
  { name: "ask-5", kind: "ask", question: "Why did Trump pause cyber operations?" },
  { name: "ask-6", kind: "ask", question: "What are the implications for Ukraine?" },
  { name: "ask-summary", kind: "ask", question: "What happened?" },
  { name: "ask-summary-more", kind: "press", on: "ask-summary", label: "More passages" },
  { name: "ask-more", kind: "ask", question: "cyber operations Russia" },
  { name: "ask-more-2", kind: "press", on: "ask-more", label: "More passages" },
  { name: "uncertain-date", kind: "ask", question: "When exactly was the directive delivered?" },
  { name: "uncertain-unreported", kind: "ask", question: "What did Putin say about the pause?" },
  // No passage covers it, so it is not told that the story gives no duration ("over three years ago").
  { name: "uncertain-uncovered", kind: "ask", question: "how long has the war been going on" },
  { name: "refused-unnamed", kind: "ask", question: "Did the UK also pause its cyber operations?" },
  { name: "refused-off-topic", kind: "ask", question: "How do I make pizza dough?" },
  { name: "refused-two-word-name", kind: "ask", question: "Who won the 2022 World Cup?" },
  {
    name: "uncertain-two-word-name",
    kind: "ask",
    question: "Is the freeze part of a wider push to end the fighting in Eastern Europe?",
  },
  { name: "ask-surname-only", kind: "ask", question: "who is waltz" },
  { name: "ask-who-named", kind: "ask", question: "Who is Pete Hegseth?" },
  // A span too unsure for bold still picks the quote: the sentence naming US Cyber Command.
  { name: "ask-quote-of-unsure-span", kind: "ask", question: "who was the order delivered to?" },
  {
    name: "refused-suggestion",
    kind: "press",
    on: "refused-off-topic",
    label: "What is the story about?",
  },
  { name: "small-talk", kind: "ask", question: "thanks bot" },
  { name: "small-talk-reaction", kind: "ask", question: "wild" },
  { name: "ask-summary-of-bot", kind: "ask", question: "can u summarize this" },
  { name: "document-question", kind: "ask", question: "source?" },
  { name: "bot-question", kind: "ask", question: "who are you" },
  { name: "ask-paragraph", kind: "ask", question: "what does ¶2 say" },
  { name: "ask-paragraph-missing", kind: "ask", question: "show me paragraph 12" },
  { name: "ask-paragraphs", kind: "ask", question: "what do paragraphs 2 to 4 say" },
  { name: "help-typed", kind: "ask", question: "what commands does this bot have" },
  { name: "follow-up", kind: "follow-up", on: "ask-1", text: "why did he do it?" },
  // A detail of a story's own ("old") asked of someone the answer named: about him, not the story.
  { name: "follow-up-age", kind: "follow-up", on: "ask-1", text: "how old is he?" },
  {
    name: "ask-private",
    kind: "ask",
    question: "Who issued the directive?",
    options: { private: true },
  },
  { name: "ask-private-share", kind: "press", on: "ask-private", label: "Share" },
  {
    name: "ask-mention",
    kind: "ask",
    question: "Who is Mike Waltz?",
    options: { mention: "1300000000000000302" },
  },
  { name: "find-in-story", kind: "find", message: "did Hegseth really order the pause?" },
  { name: "find-in-story-long", kind: "find", message: LONG_MESSAGE },
  { name: "help-typed-cooldown", kind: "ask", question: "help", cooldown: true },
  { name: "cooldown", kind: "cooldown", question: "Who issued the directive?" },
  { name: "passage", kind: "command", command: "passage", options: { id: "¶3" } },
  { name: "passage-unknown", kind: "command", command: "passage", options: { id: "¶42" } },
  { name: "story", kind: "command", command: "story" },
  { name: "help", kind: "command", command: "help" },
  { name: "reload", kind: "command", command: "reload" },
];
