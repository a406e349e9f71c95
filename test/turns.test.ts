import { describe, expect, test } from "vitest";
import { answerInTurns } from "../src/discord/turns.ts";

/** An answerInTurns whose answers and sends are logged in the order they happen. */
function logged(max: number, answer: (item: string) => Promise<string> | string = (item) => item) {
  const log: string[] = [];
  const queued = answerInTurns((item: string) => {
    log.push(`answer ${item}`);
    return answer(item);
  }, max);
  const ask = (item: string) => queued(item, (result) => log.push(`send ${result}`));
  return { log, ask };
}

describe("answerInTurns", () => {
  test("GIVEN three items queued in one turn THEN all three are answered before the first is sent, in the order queued", async () => {
    const { log, ask } = logged(8);
    const results = await Promise.all([ask("a"), ask("b"), ask("c")]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["answer a", "answer b", "answer c", "send a", "send b", "send c"]);
  });

  test("GIVEN more items than a batch holds THEN the next batch is answered only after the first was sent", async () => {
    const { log, ask } = logged(2);
    await Promise.all([ask("a"), ask("b"), ask("c")]);
    expect(log).toEqual(["answer a", "answer b", "send a", "send b", "answer c", "send c"]);
  });

  test("GIVEN items queued in separate turns THEN each is answered and sent in its own turn", async () => {
    const { log, ask } = logged(8);
    await ask("a");
    await ask("b");
    expect(log).toEqual(["answer a", "send a", "answer b", "send b"]);
  });

  test("GIVEN an answer that waits on I/O THEN the others of its batch are sent without waiting for it", async () => {
    let release = (): void => {};
    const { log, ask } = logged(8, (item) =>
      item === "slow" ? new Promise<string>((resolve) => (release = () => resolve(item))) : item,
    );
    const slow = ask("slow");
    const fast = await ask("fast");
    expect(fast).toBe("fast");
    expect(log).toEqual(["answer slow", "answer fast", "send fast"]);
    release();
    expect(await slow).toBe("slow");
    expect(log.at(-1)).toBe("send slow");
  });

  test("GIVEN an answer that throws THEN that item alone is rejected with its error", async () => {
    const { log, ask } = logged(8, (item) => {
      if (item === "bad") throw new Error("no answer for bad");
      return item;
    });
    const [good, bad] = await Promise.allSettled([ask("good"), ask("bad")]);
    expect(good).toEqual({ status: "fulfilled", value: "good" });
    expect(bad).toEqual({ status: "rejected", reason: new Error("no answer for bad") });
    expect(log).toEqual(["answer good", "answer bad", "send good"]);
  });

  test("GIVEN a send that throws THEN that item is rejected and the rest are still sent", async () => {
    const queued = answerInTurns((item: string) => item, 8);
    const sent: string[] = [];
    const send = (result: string) => {
      if (result === "x") throw new Error("socket gone");
      sent.push(result);
    };
    const outcomes = await Promise.allSettled([queued("x", send), queued("y", send)]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "fulfilled"]);
    expect(sent).toEqual(["y"]);
  });
});
