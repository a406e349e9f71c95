// A conversation's next question comes within minutes; after ten quiet ones, a question that names
// no story is more likely a new subject than the old one.
export const TALK_MINUTES = 10;
// About 100 bytes a channel: 10,000 channels hold 1 MB.
const MAX_CHANNELS = 10_000;

/**
 * Where the story each channel is talking about is kept: the story of its last public answer, for
 * `TALK_MINUTES`; /ask reads a question that names no story as about it (`answerTalkedAbout`).
 */
export interface ChannelStore {
  /** The story the channel is talking about, or null when it asked nothing for `TALK_MINUTES`. */
  about(channel: string): string | null | Promise<string | null>;
  /** Notes that the channel was just answered from `story`; never waits and never throws. */
  answered(channel: string, story: string): void;
  /** Lets go of what the store holds open (a Redis connection); absent: nothing. */
  close?(): Promise<void>;
}

/**
 * The story each channel is talking about, kept in this process's memory: enough where a channel
 * is served by one process (its guild's shard, or one HTTP server), as a restart forgets no more
 * than a conversation's thread; replicas share theirs in Redis (redisChannelStories.ts).
 */
export class ChannelStories implements ChannelStore {
  private readonly stories = new Map<string, { readonly story: string; readonly at: number }>();

  /**
   * @param now the clock, in ms (tests pass their own)
   * @param maxChannels channels remembered at most; the longest quiet is forgotten first
   */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxChannels = MAX_CHANNELS,
  ) {}

  /** The story the channel is talking about, or null when it asked nothing for `TALK_MINUTES`. */
  about(channel: string | undefined): string | null {
    if (channel === undefined) return null;
    const last = this.stories.get(channel);
    if (last === undefined) return null;
    if (this.now() - last.at > TALK_MINUTES * 60_000) {
      this.stories.delete(channel);
      return null;
    }
    return last.story;
  }

  /** Notes that the channel was just answered from `story`. */
  answered(channel: string | undefined, story: string): void {
    if (channel === undefined) return;
    // Re-inserted, so that the Map's order is from the longest quiet to the latest.
    this.stories.delete(channel);
    this.stories.set(channel, { story, at: this.now() });
    if (this.stories.size > this.maxChannels) {
      const quietest = this.stories.keys().next().value;
      if (quietest !== undefined) this.stories.delete(quietest);
    }
  }
}
