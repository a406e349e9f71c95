/**
 * Prints every question of the story fixtures (test/fixtures/story-questions*.json), one a line,
 * to pipe through `npm run --silent ask -- --json` when checking that answers did not change:
 *
 *   npx tsx test/tools/fixture-questions.ts | INDEX_SNAPSHOT=off npm run --silent ask -- --json | sha256sum
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");

interface FixtureFile {
  readonly questions: readonly { readonly question: string }[];
}

for (const name of readdirSync(FIXTURES).sort()) {
  if (!name.startsWith("story-questions") || !name.endsWith(".json")) continue;
  const fixture = JSON.parse(readFileSync(join(FIXTURES, name), "utf8")) as FixtureFile;
  for (const { question } of fixture.questions) process.stdout.write(`${question}\n`);
}
