// Ways readers ask what a story is about rather than something in it, matched against the whole
// question (lower case, without punctuation), so "what happened to the talks" is an ordinary question.
const SUMMARY_REQUESTS: readonly RegExp[] = [
  /^(?:so )?what(?: s| is)? (?:happened|happening|going on|is going on)(?: here| today)?$/u,
  /^what(?: s| is)? (?:this|it|the (?:story|article|news|piece)|this (?:story|article|news|piece)) about$/u,
  /^what(?: s| is)? (?:the|this) (?:story|news|gist|summary|tl ?dr)$/u,
  /^(?:give me |can you give me |i want |i d like )?(?:a |the )?(?:quick |short |brief )?(?:summary|recap|overview|gist|rundown|tl ?dr|main points|key points|short version)(?: of (?:this|it|the story|the article|the news))?(?: please| pls)?$/u,
  /^(?:can you |could you |please )?(?:summari[sz]e|sum up|recap)(?: this| it| the story| the article| the news)?(?: for me)?(?: please| pls)?$/u,
  /^tl ?dr$/u,
];

/** True when a question asks what the story is about ("what happened?", "tl;dr", "summarize it"), not something in it. */
export function asksForSummary(question: string): boolean {
  const text = question
    .toLowerCase()
    .replace(/[’']/gu, " ")
    .replace(/[^\p{L}\p{N} ]+/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
  return SUMMARY_REQUESTS.some((pattern) => pattern.test(text));
}
