import { type ChildProcess, spawn } from "node:child_process";
import { afterEach, describe, expect, test } from "vitest";
import { NODE_FLAGS } from "../src/nodeFlags.ts";
import { citedParagraphs, embedOf } from "./support/bot.ts";
import { type FakeDiscord, startFakeDiscord } from "./support/fakeDiscord.ts";
import { slashCommand } from "./support/interactions.ts";

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [...NODE_FLAGS, "--import", "tsx", "src/main.ts"], {
    env: {
      ...process.env,
      INDEX_SNAPSHOT: "off",
      WATCH_CORPUS: "false",
      CORPUS_DIR: "./corpus",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code) => resolve(code)),
  );
  return { child, output: () => output, exited };
}

let discord: FakeDiscord | undefined;
let running: Started | undefined;
afterEach(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill("SIGKILL");
    await running.exited;
  }
  await discord?.close();
  discord = undefined;
});

describe("npm start", () => {
  test("GIVEN a token THEN it logs in, answers /ask, logs one ready line, and on SIGTERM closes the gateway with 1000 and exits 0", async () => {
    discord = await startFakeDiscord();
    running = start({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      LOG_LEVEL: "debug",
    });
    await discord.ready(undefined, 15_000);
    const callback = await discord.interact(
      slashCommand({ name: "ask", options: { question: "Who is Hegseth?" } }),
    );
    expect(citedParagraphs(embedOf(callback))[0]).toBe("¶3");
    await expect.poll(() => running?.output() ?? "", { timeout: 5000 }).toContain("Ready as");
    expect(running.output()).toMatch(/Ready as story-qa-test-bot.*: 1 story, 9 passages/);
    running.child.kill("SIGTERM");
    expect(await running.exited).toBe(0);
    expect(discord.closeCodes).toEqual([1000]);
    expect(running.output()).not.toContain(discord.token);
    expect(discord.problems()).toEqual([]);
  }, 30_000);

  test("GIVEN no token and no terminal THEN it exits 1 with one line saying how to set it", async () => {
    running = start({ DISCORD_TOKEN: "" });
    expect(await running.exited).toBe(1);
    expect(running.output()).toBe(
      "error: DISCORD_TOKEN is not set: copy .env.example to .env and paste your bot's token (README, Self-hosting)\n",
    );
  }, 15_000);

  test("GIVEN a malformed token THEN it exits 1 naming the key, without printing the value", async () => {
    running = start({ DISCORD_TOKEN: "not-a-real-token-value" });
    expect(await running.exited).toBe(1);
    expect(running.output()).toBe(
      "error: DISCORD_TOKEN does not look like a bot token (three parts joined by dots): copy it from the Developer Portal, Bot → Reset Token\n",
    );
  }, 15_000);

  test("GIVEN a token Discord rejects THEN it exits 1 with a clear line and never prints the token", async () => {
    discord = await startFakeDiscord();
    const wrong = `${discord.token.slice(0, -4)}AAAA`;
    running = start({ DISCORD_TOKEN: wrong, DISCORD_API_URL: discord.apiUrl });
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain(
      "error: Discord rejected DISCORD_TOKEN: reset it in the Developer Portal (Bot → Reset Token) and update .env\n",
    );
    expect(running.output()).not.toContain(wrong);
  }, 15_000);
});
