import { describe, expect, test } from "vitest";
import { CappedCache } from "../src/language/cappedCache.ts";

describe("CappedCache", () => {
  test("GIVEN a stored value THEN the cache returns it for its key and nothing for another", () => {
    const cache = new CappedCache<string, number>(3);
    cache.set("a", 1);
    expect(cache.get("a")).toBe(1);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  test("GIVEN a cache holding its capacity THEN the next store empties it and holds only the new entry", () => {
    const cache = new CappedCache<string, number>(3);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    expect(cache.size).toBe(3);
    cache.set("d", 4);
    expect(cache.size).toBe(1);
    expect(cache.get("d")).toBe(4);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("c")).toBeUndefined();
  });

  test("GIVEN a cache one short of its capacity THEN a store keeps every entry", () => {
    const cache = new CappedCache<string, number>(3);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([1, 2, 3]);
  });

  test("GIVEN a capacity of Infinity THEN nothing is ever dropped", () => {
    const cache = new CappedCache<number, number>(Number.POSITIVE_INFINITY);
    for (let i = 0; i < 10_000; i++) cache.set(i, i);
    expect(cache.size).toBe(10_000);
    expect(cache.get(0)).toBe(0);
  });

  test("GIVEN clear THEN every entry is forgotten", () => {
    const cache = new CappedCache<string, number>(3);
    cache.set("a", 1);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get("a")).toBeUndefined();
  });
});

describe("CappedCache.getOrCompute", () => {
  test("GIVEN the same key asked for twice THEN the value is computed once, from the key", () => {
    const cache = new CappedCache<string, string>(3);
    const asked: string[] = [];
    const shout = (word: string) => {
      asked.push(word);
      return word.toUpperCase();
    };
    expect(cache.getOrCompute("hi", shout)).toBe("HI");
    expect(cache.getOrCompute("hi", shout)).toBe("HI");
    expect(cache.getOrCompute("yo", shout)).toBe("YO");
    expect(asked).toEqual(["hi", "yo"]);
    expect(cache.get("hi")).toBe("HI");
  });

  test("GIVEN a stored null THEN it is a hit and is not computed again", () => {
    const cache = new CappedCache<string, string | null>(3);
    let computed = 0;
    const none = () => {
      computed++;
      return null;
    };
    expect(cache.getOrCompute("the", none)).toBeNull();
    expect(cache.getOrCompute("the", none)).toBeNull();
    expect(computed).toBe(1);
  });

  test("GIVEN values that may be undefined THEN the cache does not type-check: undefined is a miss", () => {
    // @ts-expect-error a stored undefined would read as a miss and be computed again at every call
    const cache = new CappedCache<string, string | undefined>(3);
    expect(cache.size).toBe(0);
  });

  test("GIVEN a full cache THEN a miss empties it before storing the computed value", () => {
    const cache = new CappedCache<string, number>(2);
    cache.getOrCompute("a", () => 1);
    cache.getOrCompute("b", () => 2);
    expect(cache.getOrCompute("c", () => 3)).toBe(3);
    expect(cache.size).toBe(1);
    expect(cache.get("a")).toBeUndefined();
  });
});
