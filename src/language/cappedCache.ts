// Emptied all at once rather than oldest first: a look-up and a store stay one `Map` operation
// each on paths that run per word and per passage, and the next few look-ups recompute. Undefined
// is what a miss reads as, so a value cannot be undefined; null can, and is remembered.
/**
 * A map of remembered results holding at most `capacity` entries, emptied when a store finds it full.
 *
 * @example const terms = new CappedCache<string, string | null>(500_000); terms.getOrCompute(word, stemOf)
 */
export class CappedCache<K, V extends NonNullable<unknown> | null> {
  private readonly entries = new Map<K, V>();

  /** @param capacity the number of entries at which the next store empties the cache first */
  constructor(private readonly capacity: number) {}

  /** How many entries the cache holds. */
  get size(): number {
    return this.entries.size;
  }

  /** The value stored for the key, or undefined when there is none. */
  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Stores the value for the key, emptying the cache first when it holds `capacity` entries. */
  set(key: K, value: V): void {
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(key, value);
  }

  /** The value stored for the key, or on a miss `compute(key)`, stored as `set` stores it. */
  getOrCompute(key: K, compute: (key: K) => V): V {
    // `compute` takes the key so that a caller can pass a named function: a closure over more
    // would be made at every call, hit or miss; such callers `get` and then `set` instead.
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const value = compute(key);
    this.set(key, value);
    return value;
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.clear();
  }
}
