import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { type APIInteraction, DiscordAPIError, type REST } from "discord.js";
import { describeError, type Logger } from "../log.ts";
import { editOriginal } from "./gateway.ts";
import { type BotContext, describeInteraction, type Reply } from "./reply.ts";
import { respond } from "./respond.ts";
import { answerInTurns } from "./turns.ts";
import { publicKeyFromHex, verifyInteraction } from "./verify.ts";

/**
 * The largest request body accepted, in bytes. Discord's interaction payloads are a few KiB (a
 * button press carries its whole message, still far below this); anything larger is answered 413.
 */
export const MAX_BODY_BYTES = 64 * 1024;

// Bodies up to this size are read to the end and dropped, so the client gets its 413; a body that
// says or turns out to be larger gets the 413 at once and the connection closed under it.
const DISCARD_LIMIT_BYTES = 1024 * 1024;
// Discord gives up on an answer after 3 s, so a request still arriving after 10 s is not Discord.
const REQUEST_TIMEOUT_MS = 10_000;
// Interactions answered together at most (see answerInTurns): it bounds how long a reply waits
// for others. At 32 /ask in flight, batches of 4, 8 and 32 cost the same CPU (0.27 ms a request).
const MAX_BATCH = 8;
// Discord makes the deferred reply when it has read the HTTP response, and an edit that gets there
// first finds no message (Unknown Message): a follow-up as quick as a reload of a small corpus
// (3 ms) can, so such an edit is sent once more after this long.
const UNKNOWN_MESSAGE = 10008;
const EDIT_RETRY_MS = 500;
// How long close() waits for requests and follow-ups in flight before cutting connections: under
// the 10 s Docker waits between SIGTERM and SIGKILL.
const DRAIN_TIMEOUT_MS = 8_000;

/** What the endpoint's interactions are answered by, and what `GET /healthz` reports of it. */
export interface Answerer {
  /**
   * The reply to a verified interaction (`bytes` its body), handed to `send` as soon as it is
   * ready; resolves once sent, with its follow-up if it deferred.
   */
  answer(interaction: APIInteraction, bytes: Buffer, send: (reply: Reply) => void): Promise<Reply>;
  /** How many stories and passages are loaded. */
  health(): Promise<{ readonly stories: number; readonly passages: number }>;
}

/**
 * Answers in this thread with `respond`: interactions verified in one event-loop turn are answered
 * together (see `answerInTurns`).
 */
export function answerInProcess(context: BotContext): Answerer {
  const answerQueued = answerInTurns(
    (interaction: APIInteraction) => respond(interaction, context),
    MAX_BATCH,
  );
  return {
    answer: (interaction, _bytes, send) => answerQueued(interaction, send),
    health: async () => {
      const index = context.index();
      return { stories: index.stories.length, passages: index.size };
    },
  };
}

/** How to start the interactions endpoint. */
export interface HttpServerOptions {
  /** Port to listen on; 0 picks a free one (tests). */
  readonly port: number;
  /** Address to listen on; by default every interface, as Node does. */
  readonly host?: string;
  /** The application's public key: 64 hex characters from the Developer Portal. */
  readonly publicKey: string;
  /** What answers, in this thread (`context`) or another (`answerer`, with `log`). */
  readonly context: BotContext | { readonly answerer: Answerer; readonly log: Logger };
  /** discord.js REST client (`api` set to DISCORD_API_URL), used to edit a deferred reply. */
  readonly rest: REST;
  /** Largest accepted body in bytes (default {@link MAX_BODY_BYTES}). */
  readonly maxBodyBytes?: number;
}

/** A running interactions endpoint. */
export interface HttpServer {
  /** Base URL the server listens on, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, waits for requests and follow-ups in flight, then resolves. */
  close(): Promise<void>;
}

type Body = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false };

/**
 * Serves Discord's outgoing interactions (BOT_MODE=http): `POST /interactions`, verified with the
 * application's Ed25519 public key and answered through `respond`, the same path as the gateway,
 * in this thread or in the answering thread (`npm start`, src/answerThread.ts).
 * A deferred reply's follow-up runs after the HTTP response is sent and edits the original
 * message through `rest`. `GET /healthz` reports what is loaded, for load balancers.
 *
 * Rejects, and keeps serving: no or a bad signature, or a timestamp more than five minutes off →
 * 401; a body over `maxBodyBytes` → 413; a body that is not an interaction → 400; another method →
 * 405; another path → 404.
 *
 * @example
 * const server = await startHttpServer({ port: 8080, publicKey, context, rest: new REST({ api }) });
 * process.once("SIGTERM", () => void server.close());
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const key = publicKeyFromHex(options.publicKey);
  const { rest } = options;
  const { log } = options.context;
  const answerer =
    "answerer" in options.context ? options.context.answerer : answerInProcess(options.context);
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const discardLimit = Math.max(DISCARD_LIMIT_BYTES, maxBodyBytes);
  const inFlight = new Set<Promise<void>>();
  let closing = false;

  const reply = (
    response: ServerResponse,
    status: number,
    /** The body, or its JSON already encoded. */
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    // Encoded once: its length is the Content-Length, and end() sends these bytes as they are.
    const bytes = Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
    // Assigned rather than spread into the literal, which would get a hidden class each request.
    const head: Record<string, string | number> = {
      "content-type": "application/json",
      "content-length": bytes.length,
    };
    if (closing) head.connection = "close";
    response.writeHead(status, Object.assign(head, headers));
    response.end(bytes);
  };

  const refuse = (
    response: ServerResponse,
    status: number,
    error: string,
    headers: Record<string, string> = {},
  ): void => {
    log.debug(`http: ${status} ${error}`);
    reply(response, status, { error }, headers);
  };

  // Read with listeners rather than an async iterator: the iterator's promises and end-of-stream
  // tracking cost about a tenth of what the floor spends on a whole request (test/bench/http.ts).
  const readBody = (request: IncomingMessage, response: ServerResponse): Promise<Body> => {
    const declared = Number(request.headers["content-length"] ?? 0);
    if (declared > discardLimit) {
      refuse(response, 413, `body over ${maxBodyBytes} bytes`, { connection: "close" });
      return Promise.resolve({ ok: false });
    }
    return new Promise<Body>((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const stop = (): void => {
        request.off("data", onData);
        request.off("end", onEnd);
        request.off("error", onAbort);
        request.off("close", onAbort);
      };
      const onData = (chunk: Buffer): void => {
        size += chunk.length;
        if (size > discardLimit) {
          stop();
          refuse(response, 413, `body over ${maxBodyBytes} bytes`, { connection: "close" });
          request.destroy();
          resolve({ ok: false });
          return;
        }
        if (size <= maxBodyBytes) chunks.push(chunk);
      };
      const onEnd = (): void => {
        stop();
        if (size > maxBodyBytes) {
          refuse(response, 413, `body over ${maxBodyBytes} bytes`);
          resolve({ ok: false });
          return;
        }
        resolve({
          ok: true,
          bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size),
        });
      };
      const onAbort = (error?: Error): void => {
        stop();
        // The client went away mid-body: nobody is left to answer.
        log.debug(
          `http: request body not received: ${error === undefined ? "the connection closed" : describeError(error)}`,
        );
        response.destroy();
        resolve({ ok: false });
      };
      request.on("data", onData);
      request.on("end", onEnd);
      request.on("error", onAbort);
      request.on("close", onAbort);
    });
  };

  const runFollowUp = async (
    response: ServerResponse,
    interaction: APIInteraction,
    followUp: NonNullable<Reply["followUp"]>,
  ): Promise<void> => {
    if (!response.writableFinished) {
      await new Promise<void>((resolve) => response.once("close", resolve));
    }
    if (!response.writableFinished) {
      log.warn(
        `http: the connection closed before the deferral of ${describeInteraction(interaction)} (${interaction.id}) was sent; dropping its follow-up`,
      );
      return;
    }
    try {
      const data = await followUp();
      try {
        await editOriginal(rest, interaction, data);
      } catch (error) {
        if (!(error instanceof DiscordAPIError && error.code === UNKNOWN_MESSAGE)) throw error;
        await new Promise((resolve) => setTimeout(resolve, EDIT_RETRY_MS));
        await editOriginal(rest, interaction, data);
      }
    } catch (error) {
      log.warn(
        `http: could not edit the reply to ${describeInteraction(interaction)} (${interaction.id}): ${describeError(error)}`,
      );
    }
  };

  const answerInteraction = async (
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> => {
    const started = performance.now();
    const body = await readBody(request, response);
    if (!body.ok) return;
    const verification = verifyInteraction(
      key,
      header(request, "x-signature-ed25519"),
      header(request, "x-signature-timestamp"),
      body.bytes,
    );
    if (!verification.ok) {
      refuse(response, 401, `invalid request signature (${verification.reason})`);
      return;
    }
    const interaction = parseInteraction(body.bytes);
    if (interaction === null) {
      refuse(response, 400, "the body is not an interaction (JSON with a numeric type)");
      return;
    }
    const answer = await answerer.answer(interaction, body.bytes, (queued) =>
      reply(response, 200, queued.encoded ?? queued.response),
    );
    log.debug(
      `http: ${describeInteraction(interaction)} (${interaction.id}) answered in ${(performance.now() - started).toFixed(1)} ms`,
    );
    if (answer.followUp !== undefined) await runFollowUp(response, interaction, answer.followUp);
  };

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? "/").split("?")[0];
    if (path === "/healthz") {
      if (request.method !== "GET" && request.method !== "HEAD") {
        refuse(response, 405, `${request.method} is not allowed on ${path}`, {
          allow: "GET, HEAD",
        });
        return;
      }
      const { stories, passages } = await answerer.health();
      reply(response, 200, { status: "ok", stories, passages });
      return;
    }
    if (path !== "/interactions") {
      refuse(response, 404, "not found: Discord sends interactions to POST /interactions");
      return;
    }
    if (request.method !== "POST") {
      refuse(response, 405, `${request.method} is not allowed on ${path}`, { allow: "POST" });
      return;
    }
    await answerInteraction(request, response);
  };

  const server = createServer((request, response) => {
    const handling = route(request, response)
      .catch((error: unknown) => {
        log.error(`http: ${request.method} ${request.url} failed: ${describeError(error)}`);
        if (!response.headersSent) refuse(response, 500, "internal error");
        else response.destroy();
      })
      .finally(() => inFlight.delete(handling));
    inFlight.add(handling);
  });
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = REQUEST_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  let closed: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    closing = true;
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (inFlight.size > 0 && Date.now() < deadline) {
      const timeout = new Promise<void>((resolve) =>
        setTimeout(resolve, deadline - Date.now()).unref(),
      );
      await Promise.race([Promise.allSettled([...inFlight]), timeout]);
    }
    if (inFlight.size > 0) {
      log.warn(`http: closing with ${inFlight.size} request(s) still in flight`);
      server.closeAllConnections();
    } else {
      server.closeIdleConnections();
    }
    await stopped;
  };

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () => {
      closed ??= close();
      return closed;
    },
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseInteraction(bytes: Buffer): APIInteraction | null {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  return typeof (value as { type?: unknown }).type === "number" ? (value as APIInteraction) : null;
}
