import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DotProducts, ReloadedDots } from "../src/language/dotProducts.ts";

function scalarDots(values: Int8Array, dimensions: number, query: Int8Array): number[] {
  const out: number[] = [];
  for (let offset = 0; offset + dimensions <= values.length; offset += dimensions) {
    let dot = 0;
    for (let d = 0; d < dimensions; d++) dot += (query[d] ?? 0) * (values[offset + d] ?? 0);
    out.push(dot);
  }
  return out;
}

describe("DotProducts", () => {
  test("gives the dot product of the query with each row", () => {
    const values = Int8Array.from([1, 2, 3, -1, -2, -3, 127, -128, 0]);
    expect([...new DotProducts(values, 3).of(Int8Array.from([1, 1, 2]))]).toEqual([9, -9, -1]);
  });

  test("gives exactly the scalar sums for any rows and dimensions", () => {
    const byte = fc.integer({ min: -128, max: 127 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 30 }),
        fc.array(byte, { minLength: 1200, maxLength: 1200 }),
        (dimensions, rows, bytes) => {
          const values = Int8Array.from(bytes.slice(0, dimensions * rows));
          const query = Int8Array.from(bytes.slice(bytes.length - dimensions));
          expect([...new DotProducts(values, dimensions).of(query)]).toEqual(
            scalarDots(values, dimensions, query),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("ReloadedDots", () => {
  test("gives each batch's exact scalar sums, whatever the batches before it left in memory", () => {
    const byte = fc.integer({ min: -128, max: 127 });
    const dimensions = 13;
    const row = fc.array(byte, { minLength: dimensions, maxLength: dimensions });
    fc.assert(
      fc.property(
        fc.array(fc.array(row, { minLength: 0, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        row,
        (batches, q) => {
          const dots = new ReloadedDots(dimensions);
          const query = Int8Array.from(q);
          for (const batch of batches) {
            const rows = batch.map((r) => Int8Array.from(r));
            dots.load(rows);
            const values = Int8Array.from(batch.flat());
            expect([...dots.of(query)]).toEqual(scalarDots(values, dimensions, query));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  test("multiplies only the first count rows of a longer array it is handed", () => {
    const dots = new ReloadedDots(2);
    dots.load([Int8Array.from([1, 2]), Int8Array.from([-3, 4]), Int8Array.from([7, 7])], 2);
    expect([...dots.of(Int8Array.from([5, 6]))]).toEqual([17, 9]);
  });

  test("reads only the first dimensions of longer rows and queries", () => {
    const dots = new ReloadedDots(2);
    dots.load([Int8Array.from([1, 2, 100]), Int8Array.from([-3, 4, 100])]);
    expect([...dots.of(Int8Array.from([5, 6, 100]))]).toEqual([17, 9]);
  });
});
