import { describe, expect, test } from "vitest";
import { createLogger, redactUrl } from "../src/log.ts";

describe("redactUrl", () => {
  const cases = [
    { input: "redis://127.0.0.1:6379", out: "redis://127.0.0.1:6379" },
    {
      input: "redis://default:hunter22@cache:6379/1",
      out: "redis://default:[redacted]@cache:6379/1",
    },
    { input: "redis://:hunter22@cache:6379", out: "redis://:[redacted]@cache:6379" },
    { input: "rediss://hunter22@cache", out: "rediss://[redacted]@cache" },
    { input: "redis://:pa@ss/wo@rd@cache:6379", out: "redis://:[redacted]@cache:6379" },
    { input: "hunter22@cache:6379", out: "[redacted]@cache:6379" },
  ] as const;
  for (const { input, out } of cases) {
    test(`GIVEN ${JSON.stringify(input)} THEN it shows ${JSON.stringify(out)}`, () => {
      expect(redactUrl(input)).toBe(out);
    });
  }
});

describe("createLogger", () => {
  test("GIVEN a secret in a message THEN the line shows [redacted] instead", () => {
    const lines: string[] = [];
    const log = createLogger("info", ["hunter22-password"], (line) => lines.push(line));
    log.warn("could not log in with hunter22-password");
    log.debug("dropped below the level");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ warn {2}could not log in with \[redacted\]$/);
  });
});
