import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { cooldownMessage, createCooldown } from "../src/discord/cooldown.ts";

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("createCooldown", () => {
  test("GIVEN 5 asks per 30 s THEN the sixth is refused until 30 s after the first", async () => {
    const cooldown = createCooldown({ limit: 5, windowMs: 30_000 });
    for (let i = 0; i < 5; i++) expect(await cooldown.take("1")).toEqual({ ok: true });
    expect(await cooldown.take("1")).toEqual({ ok: false, retryAfterMs: 30_000 });
    vi.advanceTimersByTime(18_000);
    expect(await cooldown.take("1")).toEqual({ ok: false, retryAfterMs: 12_000 });
    vi.advanceTimersByTime(12_000);
    expect(await cooldown.take("1")).toEqual({ ok: true });
  });

  test("GIVEN one member over the limit THEN another member can still ask", async () => {
    const cooldown = createCooldown({ limit: 1, windowMs: 10_000 });
    await cooldown.take("1");
    expect((await cooldown.take("1")).ok).toBe(false);
    expect(await cooldown.take("2")).toEqual({ ok: true });
  });

  test("GIVEN 1,000 members who asked once THEN none is kept once their window has passed", async () => {
    const cooldown = createCooldown({ limit: 5, windowMs: 30_000 });
    for (let i = 0; i < 1_000; i++) await cooldown.take(String(i));
    expect(cooldown.tracked()).toBe(1_000);
    vi.advanceTimersByTime(29_999);
    expect(cooldown.tracked()).toBe(1_000);
    vi.advanceTimersByTime(1);
    expect(cooldown.tracked()).toBe(0);
  });
});

describe("cooldownMessage", () => {
  const cases = [
    { ms: 12_000, text: "You can ask again in 12 s." },
    { ms: 11_001, text: "You can ask again in 12 s." },
    { ms: 30_000, text: "You can ask again in 30 s." },
    { ms: 20, text: "You can ask again in 1 s." },
  ] as const;
  for (const { ms, text } of cases) {
    test(`GIVEN ${ms} ms to wait THEN it says "${text}"`, () => {
      expect(cooldownMessage(ms)).toBe(text);
    });
  }
});
