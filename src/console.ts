import { createInterface } from "node:readline/promises";
import { answer } from "./answer/answer.ts";
import { lineOfAside, type Taken, takenIn } from "./answer/conversation.ts";
import {
  answerFollowUp,
  type FollowUpContext,
  followUpContext,
  followUpContextAfter,
} from "./answer/followUp.ts";
import { checkQuestion } from "./answer/question.ts";
import { renderAnswerText } from "./answer/renderText.ts";
import type { Answer } from "./answer/types.ts";
import type { SearchIndex } from "./search/index.ts";

/** Explains how to connect to Discord, shown when the bot starts without a token. */
export const NO_TOKEN_HELP = `DISCORD_TOKEN is not set, so the bot is not connected to Discord.
To connect: create an application at https://discord.com/developers/applications, copy its bot
token into .env (see .env.example and README, "Self-hosting"), then run npm run register and npm start.`;

/**
 * Answers questions typed at a terminal as /ask would, until end of input or "exit": a question
 * leaning on the answer before it ("why did he do it?") follows that answer up.
 */
export async function runConsole(
  index: () => SearchIndex,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  output.write(
    `${NO_TOKEN_HELP}\n\nMeanwhile, ask here as you would with /ask (Ctrl+D or "exit" to quit).\n`,
  );
  const lines = createInterface({ input, output, terminal: false });
  // The last answer's context, which a question leaning on it follows up.
  let last = null as FollowUpContext | null;
  output.write("ask> ");
  for await (const line of lines) {
    if (line.trim() === "exit") break;
    if (line.trim() !== "") {
      const check = checkQuestion(line);
      const current = index();
      const titles = current.stories.map((s) => s.title);
      // The answer that decides whether a question leaning on nothing stands alone is the one shown.
      let alone: Answer | undefined;
      const outcome = (text: string) => {
        alone ??= answer(current, text);
        return alone.outcome;
      };
      // The console is one channel: the last answer is what a leaning question follows up.
      const taken: Taken<FollowUpContext> | null = check.ok
        ? takenIn(
            current,
            check.text,
            { story: null, talked: last?.story ?? null, last },
            { outcome: () => outcome(check.text) },
          )
        : null;
      if (taken?.kind === "aside") {
        const said = lineOfAside(current, taken.aside, {
          conversation: true,
          story: last?.story ?? null,
        });
        output.write(`${said}\n`);
      } else if (check.ok) {
        const following: FollowUpContext | null =
          taken?.kind === "follow-up" ? taken.context : null;
        const found: Answer =
          following === null
            ? (alone ?? answer(current, check.text))
            : answerFollowUp(current, following, check.text);
        if (following !== null) {
          output.write(`(following up the last answer, about ${following.subject})\n`);
        }
        output.write(renderAnswerText(found, titles, found.phrase ?? null));
        const next: FollowUpContext | null =
          following === null ? followUpContext(found) : followUpContextAfter(found, following);
        last = next ?? last;
      } else {
        output.write(`${check.message}\n`);
      }
    }
    output.write("ask> ");
  }
  lines.close();
}
