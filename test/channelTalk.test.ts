import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ChannelStories } from "../src/discord/channelStories.ts";
import { decodeFollowUp } from "../src/discord/customId.ts";
import type { GatewayBot } from "../src/discord/gateway.ts";
import { COLORS } from "../src/discord/renderAnswer.ts";
import { SearchIndex } from "../src/search/index.ts";
import { loadNews } from "./eval/newsData.ts";
import {
  buttonsOf,
  callbackOf,
  embedOf,
  messageFrom,
  startBotOnFakeDiscord,
  testContext,
} from "./support/bot.ts";
import type { FakeDiscord } from "./support/fakeDiscord.ts";
import { buttonPress, modalSubmit, slashCommand } from "./support/interactions.ts";

// Four stories of the news test bed's fit split: two on one state budget, two on one chipmaker.
const SLUGS = [
  "01-state-budget-teacher-pay",
  "02-governor-veto-school-funding",
  "11-chipmaker-new-factory",
  "12-chipmaker-job-cuts",
];
const KEPT = "from the story this channel is asking about";
const ANSWERED_THERE = "How many jobs will the new chip plant create?";
const NAMES_NO_STORY = "What did the mayor say about the announcement?";

let discord: FakeDiscord;
let bot: GatewayBot;
let titleOf: Map<string, string>;

beforeAll(async () => {
  const stories = (await loadNews())
    .filter((n) => SLUGS.includes(n.story.slug))
    .map((n) => n.story);
  titleOf = new Map(stories.map((s) => [s.slug, s.title]));
  const index = SearchIndex.build(stories);
  const context = Object.assign(testContext(index), { channelStories: new ChannelStories() });
  ({ discord, bot } = await startBotOnFakeDiscord(context));
});

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
});

const ask = (question: string, channelId: string, extra: Record<string, boolean> = {}) =>
  discord.interact(slashCommand({ name: "ask", options: { question, ...extra }, channelId }));

describe("GIVEN the gateway bot on a fake Discord, four stories loaded, each channel remembering its story", () => {
  test("WHEN a channel was just answered from a story, THEN a question naming no story is answered from it, and the footer says so", async () => {
    const first = embedOf(await ask(ANSWERED_THERE, "1300000000000000211"));
    expect(first.author?.name).toBe(titleOf.get("12-chipmaker-job-cuts"));
    const next = embedOf(await ask(NAMES_NO_STORY, "1300000000000000211"));
    expect(next.author?.name).toBe(titleOf.get("12-chipmaker-job-cuts"));
    expect(next.footer?.text).toContain(KEPT);
    expect(discord.problems()).toEqual([]);
  });

  test("WHEN a channel's last answer said a story probably answers it, THEN a question naming no story is answered from that story", async () => {
    const channelId = "1300000000000000224";
    const first = embedOf(await ask("How did Bexley Water Watch react to the plan?", channelId));
    expect(first.description).toMatch(/^\*\*The stories probably answer this/u);
    expect(first.author?.name).toBe(titleOf.get("11-chipmaker-new-factory"));
    const next = embedOf(await ask(NAMES_NO_STORY, channelId));
    expect(next.author?.name).toBe(titleOf.get("11-chipmaker-new-factory"));
    expect(next.footer?.text).toContain(KEPT);
    expect(discord.problems()).toEqual([]);
  });

  test("WHEN a channel was just answered from a story, THEN 'tl;dr' gives that story's opening, and the footer says so", async () => {
    const channelId = "1300000000000000219";
    await ask(ANSWERED_THERE, channelId);
    const gist = embedOf(await ask("tl;dr", channelId));
    expect(gist.author?.name).toBe(titleOf.get("12-chipmaker-job-cuts"));
    expect(gist.description).toMatch(/DUNMORE, Texas/u);
    expect(gist.footer?.text).toContain(KEPT);
    expect(discord.problems()).toEqual([]);
  });

  test("WHEN a channel was just answered from a story, THEN 'what does ¶2 say' shows that story's ¶2, and another channel is asked which story", async () => {
    const channelId = "1300000000000000220";
    await ask(ANSWERED_THERE, channelId);
    const shown = embedOf(await ask("what does ¶2 say", channelId));
    expect(shown.title).toBe(`¶2 · ${titleOf.get("12-chipmaker-job-cuts")}`);
    const elsewhere = callbackOf(await ask("what does ¶2 say", "1300000000000000221")).data;
    expect(elsewhere?.content).toMatch(/^Which story's ¶2\?/u);
    expect(discord.problems()).toEqual([]);
  });

  test("WHEN a channel's last answer was uncertain, THEN 'full paragraph?' shows the paragraph it cited, and a number is read in its story", async () => {
    const channelId = "1300000000000000222";
    const first = await ask(NAMES_NO_STORY, channelId);
    expect(embedOf(first).color).toBe(COLORS.uncertain);
    const followUp = buttonsOf(first).find((b) => "label" in b && b.label === "Follow up");
    if (followUp === undefined || !("custom_id" in followUp)) throw new Error("no Follow up");
    const cited = decodeFollowUp(followUp.custom_id, "button");
    if (cited === null) throw new Error("the Follow up button carries no context");
    const title = titleOf.get(cited.story);
    const full = embedOf(await ask("full paragraph?", channelId));
    expect(full.title).toBe(`¶${cited.paragraph} · ${title}`);
    expect(embedOf(await ask("para 1 pls", channelId)).title).toBe(`¶1 · ${title}`);
    const nowhere = callbackOf(await ask("full paragraph?", "1300000000000000223")).data;
    expect(nowhere?.content).toMatch(/^Which paragraph\? Ask for it by the number/u);
    expect(discord.problems()).toEqual([]);
  });

  test("WHEN another channel asks the same, THEN it is answered from every story, with no such footer", async () => {
    const elsewhere = embedOf(await ask(NAMES_NO_STORY, "1300000000000000212"));
    expect(elsewhere.footer?.text ?? "").not.toContain(KEPT);
  });

  test("WHEN the channel's answer was private, THEN the channel talks about no story", async () => {
    await ask(ANSWERED_THERE, "1300000000000000213", { private: true });
    const next = embedOf(await ask(NAMES_NO_STORY, "1300000000000000213"));
    expect(next.footer?.text ?? "").not.toContain(KEPT);
  });

  test("WHEN an uncertain answer quotes two stories, THEN each is a button; pressed, it answers from that story alone, which the channel then talks about", async () => {
    const channelId = "1300000000000000214";
    const first = await ask(NAMES_NO_STORY, channelId);
    expect(callbackOf(first).data?.embeds?.[0]?.footer?.text ?? "").not.toContain(KEPT);
    const choices = buttonsOf(first).filter((b) => "label" in b && b.label?.startsWith("In: "));
    const HALVORSEN = "In: Halvorsen Microdevices cuts 1,150 jobs, pushes…";
    expect(choices.map((b) => ("label" in b ? b.label : "")).sort()).toEqual([
      HALVORSEN,
      "In: Veridian Silicon to build $14.2 billion chip…",
    ]);
    const pick = choices.find((b) => "label" in b && b.label === HALVORSEN);
    if (pick === undefined || !("custom_id" in pick)) throw new Error("no story button");
    const picked = await discord.interact(
      buttonPress({ customId: pick.custom_id, message: messageFrom(first), channelId }),
    );
    expect(callbackOf(picked).type).toBe(7);
    const answer = embedOf(picked);
    expect(answer.author?.name).toBe(titleOf.get("12-chipmaker-job-cuts"));
    expect(answer.color).toBe(COLORS.answered);
    const next = embedOf(await ask("how many is veridian gonna hire", channelId));
    expect(next.author?.name).toBe(titleOf.get("12-chipmaker-job-cuts"));
    expect(next.footer?.text).toContain(KEPT);
    expect(discord.problems()).toEqual([]);
  });

  test("WHEN a public follow-up is answered, THEN the channel talks about the story it follows up", async () => {
    const channelId = "1300000000000000215";
    const first = await ask(NAMES_NO_STORY, channelId);
    const followUp = buttonsOf(first).find((b) => "label" in b && b.label === "Follow up");
    if (followUp === undefined || !("custom_id" in followUp))
      throw new Error("no Follow up button");
    const modal = await discord.interact(
      buttonPress({ customId: followUp.custom_id, message: messageFrom(first), channelId }),
    );
    const { custom_id } = callbackOf(modal).data as unknown as { custom_id: string };
    await discord.interact(
      modalSubmit({
        customId: custom_id,
        values: { question: "what else did she say?" },
        channelId,
      }),
    );
    const next = embedOf(await ask("how many is veridian gonna hire", channelId));
    expect(next.author?.name).toBe(embedOf(first).author?.name);
    expect(next.footer?.text).toContain(KEPT);
  });
});
