// A conversation's next question comes within minutes; after ten quiet ones, a question that names
// no story is more likely a new subject than the old one.
export const TALK_MINUTES = 10;
// About 100 bytes a channel for its story and 150 for its last answer: 10,000 channels hold 2.5 MB.
const MAX_CHANNELS = 10_000;

/** What a channel's conversation has been about, as far as a question that leans on it needs. */
export interface ChannelRecall {
  /** The story the channel is talking about (its last confident or chosen answer's), or null. */
  readonly story: string | null;
  /** The Follow up button's custom_id of the channel's last public answer, or null. */
  readonly lastAnswer: string | null;
}

/**
 * Where each channel's conversation is kept, for `TALK_MINUTES` after it was noted: the story it
 * is talking about, which /ask reads a question that names no story as about
 * (`answerTalkedAbout`), and its last public answer, which a question leaning on it ("what did she
 * say about it?") follows up.
 */
export interface ChannelStore {
  /** What the channel's conversation has been about. */
  recall(channel: string): ChannelRecall | Promise<ChannelRecall>;
  /** Notes that the channel was just answered from `story`; never waits and never throws. */
  answered(channel: string, story: string): void;
  /** Notes the Follow up custom_id of the channel's last public answer; never waits and never throws. */
  answeredWith(channel: string, followUp: string): void;
  /** Lets go of what the store holds open (a Redis connection); absent: nothing. */
  close?(): Promise<void>;
}

/**
 * Each channel's conversation, kept in this process's memory: enough where a channel is served by
 * one process (its guild's shard, or one HTTP server), as a restart forgets no more than a
 * conversation's thread; replicas share theirs in Redis (redisChannelStories.ts).
 */
export class ChannelStories implements ChannelStore {
  private readonly stories: Remembered;
  private readonly answers: Remembered;

  /**
   * @param now the clock, in ms (tests pass their own)
   * @param maxChannels channels remembered at most; the longest quiet is forgotten first
   */
  constructor(now: () => number = Date.now, maxChannels = MAX_CHANNELS) {
    this.stories = new Remembered(now, maxChannels);
    this.answers = new Remembered(now, maxChannels);
  }

  recall(channel: string): ChannelRecall {
    return { story: this.stories.get(channel), lastAnswer: this.answers.get(channel) };
  }

  answered(channel: string, story: string): void {
    this.stories.set(channel, story);
  }

  answeredWith(channel: string, followUp: string): void {
    this.answers.set(channel, followUp);
  }
}

/** Values by channel for `TALK_MINUTES`, the longest quiet forgotten first past a limit. */
class Remembered {
  private readonly values = new Map<string, { readonly value: string; readonly at: number }>();

  constructor(
    private readonly now: () => number,
    private readonly max: number,
  ) {}

  get(channel: string): string | null {
    const last = this.values.get(channel);
    if (last === undefined) return null;
    if (this.now() - last.at > TALK_MINUTES * 60_000) {
      this.values.delete(channel);
      return null;
    }
    return last.value;
  }

  set(channel: string, value: string): void {
    // Re-inserted, so that the Map's order is from the longest quiet to the latest.
    this.values.delete(channel);
    this.values.set(channel, { value, at: this.now() });
    if (this.values.size > this.max) {
      const quietest = this.values.keys().next().value;
      if (quietest !== undefined) this.values.delete(quietest);
    }
  }
}
