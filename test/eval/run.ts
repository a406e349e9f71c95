/**
 * `npm run eval`: SQuAD retrieval, confidence and phrases (test/eval/squad.ts), or with `news` first,
 * the news test bed (test/eval/news.ts).
 */
if (process.argv[2] === "news") await import("./news.ts");
else await import("./squad.ts");
