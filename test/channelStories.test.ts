import { describe, expect, test } from "vitest";
import { ChannelStories, TALK_MINUTES } from "../src/discord/channelStories.ts";

describe("ChannelStories", () => {
  test("a channel talks about the story of its last answer, and another channel about its own", () => {
    const stories = new ChannelStories(() => 0);
    stories.answered("a", "budget");
    stories.answered("b", "chips");
    stories.answered("a", "veto");
    expect(stories.about("a")).toBe("veto");
    expect(stories.about("b")).toBe("chips");
    expect(stories.about("c")).toBeNull();
  });

  test(`a channel quiet for more than ${TALK_MINUTES} minutes talks about nothing`, () => {
    let now = 0;
    const stories = new ChannelStories(() => now);
    stories.answered("a", "budget");
    now = TALK_MINUTES * 60_000;
    expect(stories.about("a")).toBe("budget");
    now += 1;
    expect(stories.about("a")).toBeNull();
    stories.answered("a", "veto");
    expect(stories.about("a")).toBe("veto");
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
    expect(stories.about("b")).toBeNull();
    expect(stories.about("a")).toBe("veto");
    expect(stories.about("c")).toBe("cuts");
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

  test("an interaction without a channel neither reads nor notes one", () => {
    const stories = new ChannelStories(() => 0);
    stories.answered(undefined, "budget");
    expect(stories.about(undefined)).toBeNull();
  });
});
