import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { NODE_FLAGS } from "../src/nodeFlags.ts";

const packageJson = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
) as {
  scripts: Record<string, string>;
};

describe("NODE_FLAGS", () => {
  test("GIVEN package.json THEN npm start runs node with every flag, before the entry point", () => {
    const start = packageJson.scripts.start ?? "";
    expect(start.startsWith("node ")).toBe(true);
    const beforeEntry = start.slice(0, start.indexOf("src/main.ts"));
    for (const flag of NODE_FLAGS) expect(beforeEntry.split(" ")).toContain(flag);
  });

  test("GIVEN each flag THEN this Node accepts it where npm start puts it", () => {
    for (const flag of NODE_FLAGS)
      expect(process.allowedNodeEnvironmentFlags.has(flag.split("=")[0] ?? "")).toBe(true);
  });
});
