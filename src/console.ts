import { createInterface } from "node:readline/promises";
import { answer } from "./answer/answer.ts";
import { asideLine } from "./answer/conversation.ts";
import { checkQuestion } from "./answer/question.ts";
import { renderAnswerText } from "./answer/renderText.ts";
import type { SearchIndex } from "./search/index.ts";

/** Explains how to connect to Discord, shown when the bot starts without a token. */
export const NO_TOKEN_HELP = `DISCORD_TOKEN is not set, so the bot is not connected to Discord.
To connect: create an application at https://discord.com/developers/applications, copy its bot
token into .env (see .env.example and README, "Self-hosting"), then run npm run register and npm start.`;

/** Answers questions typed at a terminal as /ask would, until end of input or "exit". */
export async function runConsole(
  index: () => SearchIndex,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  output.write(
    `${NO_TOKEN_HELP}\n\nMeanwhile, ask here as you would with /ask (Ctrl+D or "exit" to quit).\n`,
  );
  const lines = createInterface({ input, output, terminal: false });
  output.write("ask> ");
  for await (const line of lines) {
    if (line.trim() === "exit") break;
    if (line.trim() !== "") {
      const check = checkQuestion(line);
      const current = index();
      const aside = check.ok ? asideLine(check.text) : null;
      if (aside !== null) {
        output.write(`${aside}\n`);
      } else if (check.ok) {
        const found = answer(current, check.text);
        const titles = current.stories.map((s) => s.title);
        output.write(renderAnswerText(found, titles, found.phrase ?? null));
      } else {
        output.write(`${check.message}\n`);
      }
    }
    output.write("ask> ");
  }
  lines.close();
}
