import type { APIInteraction } from "discord-api-types/v10";
import { describe, expect, test } from "vitest";
import { talkIn } from "../src/discord/ask.ts";
import { ChannelStories, TALK_MINUTES } from "../src/discord/channelStories.ts";
import type { BotContext } from "../src/discord/reply.ts";
import { SearchIndex } from "../src/search/index.ts";

describe("ChannelStories", () => {
  test("a channel talks about the story of its last answer, and another channel about its own", () => {
    const stories = new ChannelStories(() => 0);
    stories.answered("a", "budget");
    stories.answered("b", "chips");
    stories.answered("a", "veto");
    expect(stories.recall("a").story).toBe("veto");
    expect(stories.recall("b").story).toBe("chips");
    expect(stories.recall("c").story).toBeNull();
  });

  test(`a channel quiet for more than ${TALK_MINUTES} minutes talks about nothing`, () => {
    let now = 0;
    const stories = new ChannelStories(() => now);
    stories.answered("a", "budget");
    now = TALK_MINUTES * 60_000;
    expect(stories.recall("a").story).toBe("budget");
    now += 1;
    expect(stories.recall("a").story).toBeNull();
    stories.answered("a", "veto");
    expect(stories.recall("a").story).toBe("veto");
  });

  test("past its limit, the channel quiet longest is forgotten first", () => {
    let now = 0;
    const stories = new ChannelStories(() => now, 2);
    stories.answered("a", "budget");
    now = 1;
    stories.answered("b", "chips");
    now = 2;
    stories.answered("a", "veto");
    now = 3;
    stories.answered("c", "cuts");
    expect(stories.recall("b").story).toBeNull();
    expect(stories.recall("a").story).toBe("veto");
    expect(stories.recall("c").story).toBe("cuts");
  });

  test(`a channel recalls its story and its last answer, each for ${TALK_MINUTES} minutes after it was noted`, () => {
    let now = 0;
    const stories = new ChannelStories(() => now);
    expect(stories.recall("a")).toEqual({ story: null, lastAnswer: null });
    stories.answered("a", "budget");
    now = 60_000;
    stories.answeredWith("a", "fu:-:abcd:3:budget:Dorsey|veto");
    expect(stories.recall("a")).toEqual({
      story: "budget",
      lastAnswer: "fu:-:abcd:3:budget:Dorsey|veto",
    });
    expect(stories.recall("b")).toEqual({ story: null, lastAnswer: null });
    now = TALK_MINUTES * 60_000 + 1;
    expect(stories.recall("a")).toEqual({
      story: null,
      lastAnswer: "fu:-:abcd:3:budget:Dorsey|veto",
    });
    now += 60_000;
    expect(stories.recall("a")).toEqual({ story: null, lastAnswer: null });
  });

  test("an interaction without a channel neither reads nor notes one", async () => {
    const stories = new ChannelStories(() => 0);
    const read: string[] = [];
    const store = {
      recall: (channel: string) => {
        read.push(channel);
        return stories.recall(channel);
      },
      answered: (channel: string, story: string) => stories.answered(channel, story),
      answeredWith: (channel: string, followUp: string) => stories.answeredWith(channel, followUp),
    };
    const index = SearchIndex.build([]);
    const context: BotContext = { index: () => index, log: console, channelStories: store };
    const withChannel = { channel_id: "a" } as APIInteraction;
    const without = { id: "1" } as APIInteraction;
    expect(await talkIn(without, context)).toEqual({});
    expect(read).toEqual([]);
    const { talk } = await talkIn(withChannel, context);
    talk?.answered("budget");
    expect(read).toEqual(["a"]);
    expect(stories.recall("a").story).toBe("budget");
  });
});
