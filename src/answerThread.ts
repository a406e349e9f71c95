/**
 * HTTP mode's answering thread: a worker thread that opens the corpus and answers each verified
 * interaction with `respond`, while the main thread reads requests, checks their signatures and
 * writes the replies, so that the two halves run on both cores. The signature check alone is
 * 0.075 ms of the 0.10 ms a bare endpoint spends on a request, and answering an /ask about as much
 * again: in one thread the bot served 0.45–0.53 of the floor's requests a second at 20 in flight,
 * with this one 0.56–0.69, median 0.62 of 14 runs (test/bench/http.ts, 2026-12-04), though a
 * message each way costs about 25 µs. Sending the messages of one event-loop turn together was
 * slower (0.51–0.60): the threads then wait for each other's batches.
 */
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type {
  APIInteraction,
  APIInteractionResponse,
  APIInteractionResponseCallbackData,
} from "discord.js";
import { type Config, ConfigError, secretsOf } from "./config.ts";
import { CorpusError } from "./corpus/load.ts";
import type { Answerer } from "./discord/http.ts";
import type { Reply } from "./discord/reply.ts";
import { respond } from "./discord/respond.ts";
import { createLogger, describeError } from "./log.ts";
import { contextFor, openLibrary, openSharedState } from "./startup.ts";

/** The answering thread, as the HTTP server uses it, and how to stop it. */
export interface AnswerThread extends Answerer {
  /** Resolves with an error if the thread stops before `close` is called. */
  readonly stopped: Promise<Error>;
  /** Stops watching the corpus, closes the cooldown's connection and ends the thread. */
  close(): Promise<void>;
}

/** What the main thread sends the answering thread. */
type ToThread =
  | { readonly kind: "answer"; readonly id: number; readonly body: string }
  | { readonly kind: "follow-up"; readonly id: number }
  | { readonly kind: "health"; readonly id: number }
  | { readonly kind: "close" };

/** What the answering thread sends back. */
type FromThread =
  | { readonly kind: "ready" }
  /** `known`: a corpus or configuration error, whose message says all (see `explainStartupError`). */
  | { readonly kind: "failed"; readonly error: string; readonly known: boolean }
  | {
      readonly kind: "answered";
      readonly id: number;
      /** The interaction response as JSON, encoded in the answering thread. */
      readonly response: string;
      readonly followUp: boolean;
    }
  | {
      readonly kind: "followed";
      readonly id: number;
      readonly data?: APIInteractionResponseCallbackData;
      readonly error?: string;
    }
  | {
      readonly kind: "health";
      readonly id: number;
      readonly stories: number;
      readonly passages: number;
    }
  /** The thread could not answer message `id` (a bug: `respond` itself answers every failure). */
  | { readonly kind: "error"; readonly id: number; readonly error: string }
  | { readonly kind: "closed" };

const ROLE = "answer-thread";
// A deferred reply's follow-up not asked for within Discord's 15 minutes of token life never will
// be (its connection closed before the deferral went out).
const FOLLOW_UP_TTL_MS = 15 * 60_000;

/**
 * Starts the answering thread on `config`'s corpus; resolves once it has loaded it.
 *
 * @throws Error with the thread's reason when the corpus cannot be opened.
 */
export async function startAnswerThread(config: Config): Promise<AnswerThread> {
  const file = fileURLToPath(import.meta.url);
  // Under tsx (npm start) a worker inherits none of its hooks: the thread registers them first.
  const worker = file.endsWith(".ts")
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`,
        { eval: true, workerData: { role: ROLE, config } },
      )
    : new Worker(file, { workerData: { role: ROLE, config } });
  const waiting = new Map<
    number,
    { readonly resolve: (message: FromThread) => void; readonly reject: (error: Error) => void }
  >();
  let next = 0;
  let closing = false;
  let failure: Error | null = null;
  let resolveStopped: (error: Error) => void = () => {};
  const stopped = new Promise<Error>((resolve) => {
    resolveStopped = resolve;
  });
  const ask = <K extends FromThread["kind"]>(
    message: Extract<ToThread, { id: number }>,
  ): Promise<Extract<FromThread, { kind: K }>> =>
    new Promise((resolve, reject) => {
      if (failure !== null) {
        reject(failure);
        return;
      }
      waiting.set(message.id, { resolve: resolve as (message: FromThread) => void, reject });
      worker.postMessage(message);
    });
  const stop = (error: Error): void => {
    failure = error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
    resolveStopped(error);
  };
  await new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    worker.on("message", (message: FromThread) => {
      if (message.kind === "ready") {
        worker.off("error", reject);
        resolve();
      } else if (message.kind === "failed")
        reject(message.known ? new CorpusError(message.error) : new Error(message.error));
      else if ("id" in message) {
        const entry = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.kind === "error")
          entry?.reject(new Error(`answering thread: ${message.error}`));
        else entry?.resolve(message);
      }
    });
  });
  worker.on("error", (error) => stop(error));
  worker.on("exit", (code) => {
    if (!closing) stop(new Error(`the answering thread stopped (exit code ${code})`));
  });
  return {
    stopped,
    answer: async (_interaction: APIInteraction, bytes: Buffer, send: (reply: Reply) => void) => {
      const id = next++;
      const answered = await ask<"answered">({ kind: "answer", id, body: bytes.toString("utf8") });
      const encoded = answered.response;
      const followUp = answered.followUp
        ? async () => {
            const followed = await ask<"followed">({ kind: "follow-up", id });
            if (followed.data === undefined) throw new Error(followed.error ?? "no follow-up");
            return followed.data;
          }
        : undefined;
      const reply: Reply =
        followUp === undefined
          ? new EncodedReply(encoded)
          : Object.assign(new EncodedReply(encoded), { followUp });
      send(reply);
      return reply;
    },
    health: async () => {
      const id = next++;
      const { stories, passages } = await ask<"health">({ kind: "health", id });
      return { stories, passages };
    },
    close: async () => {
      closing = true;
      if (failure !== null) return;
      const closed = new Promise<void>((resolve) => {
        worker.on("message", (message: FromThread) => {
          if (message.kind === "closed") resolve();
        });
      });
      worker.postMessage({ kind: "close" } satisfies ToThread);
      await closed;
      await worker.terminate();
    },
  };
}

/** A reply the answering thread encoded: the HTTP server sends its JSON, and parses it only if asked. */
class EncodedReply implements Reply {
  constructor(readonly encoded: string) {}

  get response(): APIInteractionResponse {
    return JSON.parse(this.encoded) as APIInteractionResponse;
  }
}

/** The answering thread's side: opens the corpus, then answers what the main thread sends. */
async function serveAnswers(config: Config): Promise<void> {
  const port = parentPort;
  if (port === null) return;
  const post = (message: FromThread): void => port.postMessage(message);
  const log = createLogger(config.logLevel, secretsOf(config));
  let opened: Awaited<ReturnType<typeof openLibrary>>;
  try {
    opened = await openLibrary(config, log);
  } catch (error) {
    const known = error instanceof CorpusError || error instanceof ConfigError;
    post({ kind: "failed", error: known ? error.message : describeError(error), known });
    return;
  }
  const state = await openSharedState(config, log);
  const context = contextFor(opened.library, log, state);
  const followUps = new Map<number, { readonly run: NonNullable<Reply["followUp"]>; at: number }>();
  const handle = async (message: ToThread): Promise<void> => {
    switch (message.kind) {
      case "answer": {
        const reply = await respond(JSON.parse(message.body) as APIInteraction, context);
        const now = Date.now();
        for (const [id, kept] of followUps)
          if (now - kept.at > FOLLOW_UP_TTL_MS) followUps.delete(id);
        if (reply.followUp !== undefined)
          followUps.set(message.id, { run: reply.followUp, at: now });
        post({
          kind: "answered",
          id: message.id,
          response: JSON.stringify(reply.response),
          followUp: reply.followUp !== undefined,
        });
        return;
      }
      case "follow-up": {
        const kept = followUps.get(message.id);
        followUps.delete(message.id);
        try {
          if (kept === undefined) throw new Error("its follow-up was dropped");
          post({ kind: "followed", id: message.id, data: await kept.run() });
        } catch (error) {
          post({ kind: "followed", id: message.id, error: describeError(error) });
        }
        return;
      }
      case "health": {
        const index = context.index();
        post({
          kind: "health",
          id: message.id,
          stories: index.stories.length,
          passages: index.size,
        });
        return;
      }
      case "close":
        opened.stopWatching();
        await state.close();
        post({ kind: "closed" });
        return;
    }
  };
  port.on("message", (message: ToThread) => {
    void handle(message).catch((error: unknown) => {
      log.error(`answering thread: ${message.kind} failed: ${describeError(error)}`);
      if ("id" in message) post({ kind: "error", id: message.id, error: describeError(error) });
    });
  });
  post({ kind: "ready" });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  await serveAnswers((workerData as { config: Config }).config);
}
