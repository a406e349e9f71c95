import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ChannelStories } from "../src/discord/channelStories.ts";
import { createCooldown } from "../src/discord/cooldown.ts";
import { decodeFollowUp } from "../src/discord/customId.ts";
import type { GatewayBot } from "../src/discord/gateway.ts";
import type { SearchIndex } from "../src/search/index.ts";
import {
  buttonsOf,
  callbackOf,
  citedParagraphs,
  embedOf,
  memberIds,
  memoryLogger,
  messageFrom,
  shippedIndex,
  startBotOnFakeDiscord,
  testContext,
} from "./support/bot.ts";
import type { FakeDiscord, RecordedRequest } from "./support/fakeDiscord.ts";
import { buttonPress, modalSubmit, slashCommand } from "./support/interactions.ts";

let discord: FakeDiscord;
let bot: GatewayBot;
let index: SearchIndex;

beforeAll(async () => {
  index = await shippedIndex();
  ({ discord, bot } = await startBotOnFakeDiscord({
    ...testContext(index, memoryLogger()),
    cooldown: createCooldown({ limit: 3, windowMs: 30_000 }),
    channelStories: new ChannelStories(),
  }));
});

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
});

// Each test asks as a member of its own, so one test's cooldown never reaches another.
const newMember = memberIds("15000000000000");

function button(request: RecordedRequest, label: string): string {
  const found = buttonsOf(request).find((b) => "label" in b && b.label === label);
  if (found === undefined || !("custom_id" in found)) throw new Error(`no "${label}" button`);
  return found.custom_id;
}

// Each test that leans on a channel's last answer asks in a channel of its own.
const newChannel = memberIds("16000000000000");

function ask(
  member: string,
  question: string,
  isPrivate = false,
  channelId?: string,
): Promise<RecordedRequest> {
  return discord.interact(
    slashCommand({
      name: "ask",
      userId: member,
      options: { question, private: isPrivate },
      ...(channelId === undefined ? {} : { channelId }),
    }),
  );
}

/** Presses Follow up on an answer and submits `text` in the modal it opens. */
async function followUp(
  member: string,
  first: RecordedRequest,
  text: string,
): Promise<{ modal: RecordedRequest; answer: RecordedRequest }> {
  const modal = await discord.interact(
    buttonPress({
      customId: button(first, "Follow up"),
      message: messageFrom(first),
      userId: member,
    }),
  );
  const data = callbackOf(modal).data as unknown as { custom_id: string };
  const answer = await discord.interact(
    modalSubmit({ customId: data.custom_id, values: { question: text }, userId: member }),
  );
  return { modal, answer };
}

describe("GIVEN an answer with a Follow up button", () => {
  test("THEN pressing it opens a modal with one text input of at most 200 characters, valid by Discord's spec", async () => {
    const member = newMember();
    const first = await ask(member, "Who issued the directive?");
    const { modal } = await followUp(member, first, "why did he do it?");
    expect(callbackOf(modal).type).toBe(9);
    const data = callbackOf(modal).data as unknown as {
      custom_id: string;
      title: string;
      components: { type: number; component: { type: number; max_length: number } }[];
    };
    expect(data.title).toBe("Follow up");
    expect(data.custom_id.startsWith("fq:-:")).toBe(true);
    expect(data.custom_id.length).toBeLessThanOrEqual(100);
    expect(data.components).toHaveLength(1);
    expect(data.components[0]?.component).toMatchObject({ type: 4, max_length: 200 });
    expect(discord.problems()).toEqual([]);
  });

  test("THEN the follow-up is answered publicly in the answer's context, the question shown above it", async () => {
    const member = newMember();
    const first = await ask(member, "Who issued the directive?");
    const { answer } = await followUp(member, first, "why did he do it?");
    expect(callbackOf(answer).type).toBe(4);
    expect(callbackOf(answer).data?.flags).toBeUndefined();
    expect(embedOf(answer).title).toBe("why did he do it?");
    expect(citedParagraphs(embedOf(answer))[0]).toBe("¶3");
    // A follow-up can be followed up in turn.
    expect(button(answer, "Follow up").startsWith("fu:-:")).toBe(true);
    expect(discord.problems()).toEqual([]);
    expect(discord.mentionProblems()).toEqual([]);
  });

  test("THEN a private answer's follow-up is private too", async () => {
    const member = newMember();
    const first = await ask(member, "What did Schumer say?", true);
    const { answer } = await followUp(member, first, "what did he call it?");
    expect(callbackOf(answer).data?.flags).toBe(64);
    expect(citedParagraphs(embedOf(answer))[0]).toBe("¶7");
  });

  test("THEN an empty follow-up gets the question check's message, privately", async () => {
    const member = newMember();
    const first = await ask(member, "Who issued the directive?");
    const { answer } = await followUp(member, first, "   ");
    expect(callbackOf(answer).data?.flags).toBe(64);
    expect(embedOf(answer).description).toBe(
      "The question is empty: type a question about the story.",
    );
  });

  test("THEN a follow-up of only a link gets a private line asking for words; with words, the link changes nothing", async () => {
    const member = newMember();
    const first = await ask(member, "Who issued the directive?");
    const { answer } = await followUp(member, first, "https://example.com/hegseth");
    expect(callbackOf(answer).data?.flags).toBe(64);
    expect(embedOf(answer).description).toMatch(/^That question has no words, only links/u);
    const plain = await followUp(member, first, "why did he do it?");
    const linked = await followUp(member, first, "why did he do it? https://example.com/why");
    expect(embedOf(linked.answer).description).toBe(embedOf(plain.answer).description);
    expect(embedOf(linked.answer).color).toBe(embedOf(plain.answer).color);
    expect(discord.problems()).toEqual([]);
  });

  test("THEN a forged or stale custom_id gets a short private notice", async () => {
    const member = newMember();
    const forged = await discord.interact(
      modalSubmit({
        customId: "fq:-:zzzz:3:no-such-story:x|y",
        values: { question: "why?" },
        userId: member,
      }),
    );
    expect(embedOf(forged).description).toBe(
      "The story has changed since that answer, so I can't follow up on it. Ask again with /ask.",
    );
    const damaged = await discord.interact(
      modalSubmit({ customId: "fq:garbage", values: { question: "why?" }, userId: member }),
    );
    expect(embedOf(damaged).description).toBe("That button no longer works. Ask again with /ask.");
    const stale = await discord.interact(
      buttonPress({
        customId: "fu:-:zzzz:3:trump-halts-cyber-operations:Hegseth|x",
        userId: member,
      }),
    );
    expect(callbackOf(stale).type).toBe(4);
    expect(callbackOf(stale).data?.flags).toBe(64);
    expect(discord.problems()).toEqual([]);
  });

  test("THEN follow-ups and suggestion presses count against the cooldown like /ask", async () => {
    const member = newMember();
    const first = await ask(member, "Who issued the directive?");
    await followUp(member, first, "why?");
    const refused = await ask(member, "What is the capital of France?");
    const pressed = await discord.interact(
      buttonPress({
        customId: button(refused, "What is the story about?"),
        message: messageFrom(refused),
        userId: member,
      }),
    );
    expect(callbackOf(pressed).data?.content).toBe(
      "You can ask 3 times every 30 s. You can ask again in 30 s.",
    );
  });
});

describe("GIVEN a refusal with suggested questions", () => {
  test("THEN each is a button, and pressing one answers it as /ask would, the question as its title", async () => {
    const member = newMember();
    const refused = await ask(member, "What is the capital of France?");
    const labels = buttonsOf(refused).map((b) => ("label" in b ? b.label : ""));
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.length).toBeLessThanOrEqual(5);
    for (const label of labels) expect((label ?? "").length).toBeLessThanOrEqual(80);
    const pressed = await discord.interact(
      buttonPress({
        customId: button(refused, "What does the story say about Defense Secretary Pete Hegseth?"),
        message: messageFrom(refused),
        userId: member,
      }),
    );
    expect(callbackOf(pressed).type).toBe(4);
    expect(embedOf(pressed).title).toBe(
      "What does the story say about Defense Secretary Pete Hegseth?",
    );
    expect(citedParagraphs(embedOf(pressed))[0]).toBe("¶3");
    expect(discord.problems()).toEqual([]);
  });
});

describe("GIVEN small talk or a question leaning on another", () => {
  test("THEN 'thanks bot' gets one friendly private line and one suggestion button, never 'the story doesn't say'", async () => {
    const reply = await ask(newMember(), "thanks bot");
    const data = callbackOf(reply).data;
    expect(data?.content).toBe("You're welcome! Ask me anything else about the story.");
    expect(data?.embeds).toBeUndefined();
    expect(data?.flags).toBe(64);
    expect(buttonsOf(reply).map((b) => ("label" in b ? b.label : ""))).toEqual([
      "What is the story about?",
    ]);
  });

  test("THEN 'gn yall' takes its leave with the friendly line, not the story's summary ('gn' read as 'going')", async () => {
    const data = callbackOf(await ask(newMember(), "gn yall")).data;
    expect(data?.content).toBe("Bye! Ask me about the story any time.");
    expect(data?.embeds).toBeUndefined();
    expect(data?.flags).toBe(64);
  });

  test("THEN 'what commands does this bot have' gets the /help reply, privately, not a passage about Cyber Command", async () => {
    const reply = await ask(newMember(), "what commands does this bot have");
    const data = callbackOf(reply).data;
    expect(data?.embeds?.map((e) => e.title)).toEqual(["How to ask"]);
    expect(data?.flags).toBe(64);
  });

  test("THEN 'what did he say about it?' in a channel with no answer to follow up is not answered with a summary: it asks who is meant and points to Follow up", async () => {
    const reply = await ask(newMember(), "what did he say about it?", false, newChannel());
    const data = callbackOf(reply).data;
    expect(data?.embeds).toBeUndefined();
    expect(data?.content).toBe(
      "I can't tell what “he” means here: say who or what you mean, ask it right after my public answer in this channel, or press **Follow up** under an answer.",
    );
  });

  test("THEN 'where did they meet' in a channel with nothing to follow up is answered, as the story answers it confidently as it stands", async () => {
    const reply = await ask(newMember(), "where did they meet", false, newChannel());
    const embed = embedOf(reply);
    expect(citedParagraphs(embed)[0]).toBe("¶4");
    expect(embed.description).toContain("White House meeting");
    expect(callbackOf(reply).data?.content ?? "").not.toContain("I can't tell");
    expect(discord.problems()).toEqual([]);
  });

  test("THEN 'why did he do it?' right after a public answer in the channel follows that answer up, as Follow up would, and the footer says so", async () => {
    const channel = newChannel();
    const first = await ask(newMember(), "Who issued the directive?", false, channel);
    const member = newMember();
    const typed = embedOf(await ask(member, "why did he do it?", false, channel));
    const { answer } = await followUp(member, first, "why did he do it?");
    const pressed = embedOf(answer);
    expect(citedParagraphs(typed)).toEqual(citedParagraphs(pressed));
    expect(typed.description).toBe(pressed.description);
    expect(typed.footer?.text).toContain(
      "read as following up this channel's last answer (about Defense Secretary Pete Hegseth)",
    );
    expect(pressed.footer?.text ?? "").not.toContain("read as following up");
    expect(discord.problems()).toEqual([]);
  });

  test("THEN a question naming someone only as 'he', with words of its own, typed right after an answer follows it up; in a fresh channel it is asked as it stands", async () => {
    const channel = newChannel();
    await ask(newMember(), "Who issued the directive?", false, channel);
    const question = "what reasons did he give for the cyber pause";
    const typed = embedOf(await ask(newMember(), question, false, channel));
    expect(typed.footer?.text).toContain(
      "read as following up this channel's last answer (about Defense Secretary Pete Hegseth)",
    );
    const fresh = callbackOf(await ask(newMember(), question, false, newChannel())).data;
    expect(fresh?.embeds?.[0]?.footer?.text ?? "").not.toContain("read as following up");
    expect(fresh?.content ?? "").not.toContain("I can't tell");
    expect(discord.problems()).toEqual([]);
  });

  test("THEN 'how old is he?', pressed or typed right after an answer naming him, asks about him, not the story's date", async () => {
    const channel = newChannel();
    const first = await ask(newMember(), "Who issued the directive?", false, channel);
    const member = newMember();
    const typed = callbackOf(await ask(member, "how old is he?", false, channel)).data;
    const pressed = callbackOf((await followUp(member, first, "how old is he?")).answer).data;
    for (const data of [typed, pressed]) {
      // An answer in the story's words (the story gives no age), not a line about the story itself.
      expect(data?.embeds?.length).toBeGreaterThan(0);
      expect(data?.content ?? "").not.toMatch(/date/i);
    }
    expect(discord.problems()).toEqual([]);
  });

  test("THEN the Follow up under a follow-up's answer still means whom the first answer named", async () => {
    const member = newMember();
    const first = await ask(member, "Who issued the directive?");
    const { answer } = await followUp(member, first, "how old is he?");
    const next = decodeFollowUp(button(answer, "Follow up"), "button");
    expect(next?.subject).toBe("Defense Secretary Pete Hegseth");
    const { answer: again } = await followUp(member, answer, "why did he do it?");
    expect(embedOf(again).title).toBe("why did he do it?");
    expect(discord.problems()).toEqual([]);
  });

  test("THEN after a private answer, or in another channel, 'why did he do it?' follows nothing up", async () => {
    const channel = newChannel();
    await ask(newMember(), "Who issued the directive?", true, channel);
    for (const where of [channel, newChannel()]) {
      const data = callbackOf(await ask(newMember(), "why did he do it?", false, where)).data;
      expect(data?.embeds).toBeUndefined();
      expect(data?.content).toMatch(/^I can't tell what “he” means here/);
    }
  });
});
