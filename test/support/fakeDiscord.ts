/**
 * A fake Discord for end-to-end tests: REST API and gateway on 127.0.0.1 (random port).
 *
 * Point a real discord.js Client at it with `new Client({ intents: [], rest: { api: discord.apiUrl } })`
 * and `client.login(discord.token)`. Every REST request is recorded and its body validated against
 * Discord's OpenAPI spec and documented limits (see discordSpec.ts). Interactions are sent through
 * the gateway with {@link FakeDiscord.interact}, and the fake keeps the message each interaction
 * produced, as a user would see it.
 *
 * Always `await client.destroy()` before `await discord.close()`: discord.js reconnects forever
 * when the server goes away under it.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  APIApplicationCommand,
  APIAttachment,
  APIEmbed,
  APIInteraction,
  APIMessage,
  APIMessageInteractionMetadata,
  APIMessageTopLevelComponent,
  APIUser,
} from "discord.js";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import {
  checkAllowedMentions,
  checkLimits,
  findOperation,
  type SpecOperation,
  validateRequestBody,
} from "./discordSpec.ts";
import {
  botMessage,
  FAKE_APPLICATION_ID,
  fakeBotUser,
  shardForGuild,
  snowflake,
} from "./interactions.ts";

type JsonObject = { [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A file uploaded in a multipart request. */
export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

/** One REST request the fake Discord received, with how it answered and what was wrong with it. */
export interface RecordedRequest {
  /** Position in {@link FakeDiscord.requests}, from 0. */
  index: number;
  method: string;
  /** URL path after `/api/v10`, exactly as sent (so `@original` shows as `%40original`). */
  path: string;
  query: Record<string, string>;
  /** Request headers, lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON body (or `payload_json` of a multipart body); undefined when there was none. */
  body: unknown;
  files: RecordedFile[];
  /** The matching operation of Discord's OpenAPI spec, if any. */
  operation: SpecOperation | undefined;
  /** The interaction this request belongs to (callbacks and webhook routes), if any. */
  interactionId: string | undefined;
  /** HTTP status the fake answered with. */
  status: number;
  /** JSON the fake answered with (undefined for 204). */
  response: unknown;
  /** Spec violations, broken limits, auth failures, unknown routes and error answers. */
  problems: string[];
  /** Message bodies that could ping someone (no `allowed_mentions: { parse: [] }`). */
  mentionProblems: string[];
  /** Short description naming the request, used to prefix its problems. */
  label: string;
}

/** One IDENTIFY a client sent on the gateway. */
export interface IdentifyRecord {
  /** `[shard_id, num_shards]` as sent, or undefined when the client did not shard. */
  shard: [number, number] | undefined;
  intents: number;
  token: string;
  properties: unknown;
  at: Date;
}

/** One gateway connection that closed, and who closed it. */
export interface GatewayClose {
  shard: number | undefined;
  code: number;
  reason: string;
  by: "client" | "server";
}

/** One payload a client sent on the gateway. */
export interface GatewayPayload {
  shard: number | undefined;
  op: number;
  d: unknown;
}

/** Everything the fake knows about one interaction it dispatched. */
export interface InteractionRecord {
  id: string;
  token: string;
  payload: APIInteraction;
  /** Every callback request for this interaction (the first one is the real answer). */
  callbacks: RecordedRequest[];
  /** Every request for this interaction: callbacks, edits, follow-ups, fetches and deletes. */
  requests: RecordedRequest[];
  /** Callback type that acknowledged the interaction (4, 5, 6, 7, 8, 9), if any. */
  responseType: number | undefined;
  /** The message the user sees as the response, after all edits; undefined if none or deleted. */
  original: APIMessage | undefined;
  originalDeleted: boolean;
  followUps: APIMessage[];
  /** Choices sent with an autocomplete result (callback type 8). */
  choices: unknown[] | undefined;
  /** Modal sent with callback type 9. */
  modal: unknown;
  /** User ids the test expects this interaction's messages to ping; any other ping is a problem. */
  pings: readonly string[];
}

/** How to start the fake Discord; all fields are optional. */
export interface FakeDiscordOptions {
  /** Number of shards `GET /gateway/bot` recommends and interactions are routed over (default 1). */
  shards?: number;
  /** Bot token clients must use (default: a fresh fake token, see {@link FakeDiscord.token}). */
  token?: string;
  applicationId?: string;
  botUsername?: string;
  /** Heartbeat interval announced in HELLO (default 41250 ms, so short tests see no heartbeats). */
  heartbeatIntervalMs?: number;
  /** Default timeout of interact, ready and waitFor (default 5000 ms). */
  timeoutMs?: number;
  /** Answer bodies that break the spec or limits with 400 Invalid Form Body, as Discord does (default true). */
  rejectInvalidBodies?: boolean;
}

/** Options of a single {@link FakeDiscord.interact} call. */
export interface InteractOptions {
  timeoutMs?: number;
  /** User ids this interaction's messages may ping (`allowed_mentions.users`); default none. */
  pings?: readonly string[];
}

/** A running fake Discord; see the module documentation for how to use it. */
export interface FakeDiscord {
  /** Base URL to pass as `rest.api` (discord.js appends `/v10`). */
  readonly apiUrl: string;
  /** Gateway URL returned by `GET /gateway/bot`. */
  readonly gatewayUrl: string;
  /** Bot token to pass to `client.login`. */
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly shardCount: number;
  /** Every REST request, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Every IDENTIFY, in arrival order. */
  readonly identifies: IdentifyRecord[];
  /** Close codes of every gateway connection the client closed (1000 on `client.destroy()`). */
  readonly closeCodes: number[];
  /** Every gateway connection that closed, by client or server. */
  readonly closes: GatewayClose[];
  /** Every payload clients sent on the gateway. */
  readonly gatewayPayloads: GatewayPayload[];
  /** Number of RESUMEs that succeeded. */
  readonly resumes: number;
  /** Registered commands: global ones and per guild id, as the fake echoed them back. */
  readonly commands: {
    global: APIApplicationCommand[];
    guilds: Map<string, APIApplicationCommand[]>;
  };
  /** Resolves once a client holds a live session for the shard (or, without a shard id, for all shards). */
  ready(shardId?: number, timeoutMs?: number): Promise<void>;
  /** Dispatches INTERACTION_CREATE to the shard owning it and resolves with its first callback request. */
  interact(payload: APIInteraction, options?: InteractOptions): Promise<RecordedRequest>;
  /** Records an interaction that reaches the bot another way (HTTP mode), so its callbacks and edits are tracked. */
  track(payload: APIInteraction, options?: Pick<InteractOptions, "pings">): void;
  /** Dispatches any gateway event to the live session of a shard (default 0). */
  dispatch(event: string, data: unknown, shardId?: number): Promise<void>;
  /** Resolves with the first request at index `since` or later (default 0, so past ones count) matching the predicate. */
  waitFor(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs?: number,
    since?: number,
  ): Promise<RecordedRequest>;
  /** The record kept for an interaction, or undefined if it was never dispatched. */
  interaction(interactionId: string): InteractionRecord | undefined;
  /** The response message a user would see for an interaction (callback data, then edits), if any. */
  messageFor(interactionId: string): APIMessage | undefined;
  /** Follow-up messages sent for an interaction, in order. */
  followUpsFor(interactionId: string): APIMessage[];
  /** Every problem seen so far (spec, limits, auth, unknown routes, error answers, gateway), each naming its request. */
  problems(): string[];
  /** Every message body so far that did not set `allowed_mentions: { parse: [] }`, each naming its request. */
  mentionProblems(): string[];
  /** Asks the client on a shard to reconnect (op 7); discord.js then resumes the session. */
  reconnect(shardId?: number): void;
  /** Closes a shard's connection from the server side with the given code (default 4000, resumable). */
  disconnect(shardId?: number, code?: number): void;
  /** Stops the server; destroy your clients first. */
  close(): Promise<void>;
}

interface Session {
  id: string;
  shard: [number, number];
  seq: number;
  log: { op: 0; t: string; s: number; d: unknown }[];
  connection: Connection | undefined;
}

interface Connection {
  socket: WebSocket;
  session: Session | undefined;
  closingByServer: boolean;
}

interface Waiter {
  check: () => boolean;
  fail: (error: Error) => void;
}

interface Answer {
  status: number;
  body?: unknown;
}

const API_PREFIX = "/api/v10";
const MESSAGE_FLAG_EPHEMERAL = 64;
const MESSAGE_FLAG_LOADING = 128;
const EDITABLE_FLAGS = 4 | (1 << 15);
const BOT_ROUTES = new Set([
  "get_bot_gateway",
  "get_gateway",
  "get_my_user",
  "get_my_application",
  "get_my_oauth2_application",
  "bulk_set_application_commands",
  "bulk_set_guild_application_commands",
  "list_application_commands",
  "list_guild_application_commands",
  "create_application_command",
  "create_guild_application_command",
]);

function errorBody(code: number, message: string): JsonObject {
  return { message, code };
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

async function parseBody(
  raw: Buffer,
  contentType: string | undefined,
): Promise<{ body: unknown; files: RecordedFile[]; problem: string | undefined }> {
  if (raw.length === 0) return { body: undefined, files: [], problem: undefined };
  const type = contentType ?? "";
  try {
    if (type.startsWith("multipart/form-data")) {
      const form = await new Response(new Uint8Array(raw), {
        headers: { "content-type": type },
      }).formData();
      const files: RecordedFile[] = [];
      let body: unknown;
      for (const [field, value] of form.entries()) {
        if (typeof value === "string") {
          if (field === "payload_json") body = JSON.parse(value);
        } else {
          files.push({ field, filename: value.name, contentType: value.type, size: value.size });
        }
      }
      return { body, files, problem: undefined };
    }
    return { body: JSON.parse(raw.toString("utf8")), files: [], problem: undefined };
  } catch (error) {
    return {
      body: raw.toString("utf8"),
      files: [],
      problem: `body is not valid ${type.startsWith("multipart") ? "multipart" : "JSON"} (${String(error)})`,
    };
  }
}

function interactionUser(payload: APIInteraction): APIUser | undefined {
  return payload.member?.user ?? payload.user;
}

function describeInteraction(payload: APIInteraction): string {
  const data: unknown = payload.data;
  if (isObject(data) && typeof data.name === "string") return `/${data.name}`;
  if (isObject(data) && typeof data.custom_id === "string") return `component ${data.custom_id}`;
  return `type ${payload.type}`;
}

/** Starts a fake Discord (REST on `/api/v10`, gateway on `/gateway`) on 127.0.0.1 with a random port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const shardCount = Math.max(1, options.shards ?? 1);
  const applicationId = options.applicationId ?? FAKE_APPLICATION_ID;
  const token =
    options.token ??
    `${Buffer.from(applicationId).toString("base64url")}.fake.${randomBytes(20).toString("base64url")}`;
  const botUser: APIUser = {
    ...fakeBotUser(applicationId),
    ...(options.botUsername === undefined ? {} : { username: options.botUsername }),
  };
  const heartbeatInterval = options.heartbeatIntervalMs ?? 41_250;
  const defaultTimeout = options.timeoutMs ?? 5_000;
  const rejectInvalid = options.rejectInvalidBodies ?? true;

  const requests: RecordedRequest[] = [];
  const identifies: IdentifyRecord[] = [];
  const closeCodes: number[] = [];
  const closes: GatewayClose[] = [];
  const gatewayPayloads: GatewayPayload[] = [];
  const gatewayProblems: string[] = [];
  const sessions: Session[] = [];
  const connections = new Set<Connection>();
  const interactions = new Map<string, InteractionRecord>();
  const interactionsByToken = new Map<string, InteractionRecord>();
  const commands = {
    global: [] as APIApplicationCommand[],
    guilds: new Map<string, APIApplicationCommand[]>(),
  };
  const waiters = new Set<Waiter>();
  let resumes = 0;
  let closed = false;

  const notify = (): void => {
    for (const waiter of [...waiters]) waiter.check();
  };

  function waitUntil<T>(
    probe: () => T | undefined,
    timeoutMs: number,
    onTimeout: () => string,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (closed) {
        reject(new Error("fake Discord is closed"));
        return;
      }
      const first = probe();
      if (first !== undefined) {
        resolve(first);
        return;
      }
      const waiter: Waiter = {
        check: () => {
          const value = probe();
          if (value === undefined) return false;
          finish();
          resolve(value);
          return true;
        },
        fail: (error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.fail(new Error(onTimeout())), timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        waiters.delete(waiter);
      };
      waiters.add(waiter);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Gateway.

  const isLive = (session: Session): boolean =>
    session.connection !== undefined && session.connection.socket.readyState === WebSocket.OPEN;

  const liveSessions = (): Session[] => sessions.filter(isLive).reverse();

  const liveSessionForShard = (shardId: number): Session | undefined =>
    liveSessions().find((session) => session.shard[0] === shardId);

  const liveSessionForGuild = (guildId: string | undefined): Session | undefined =>
    liveSessions().find((session) =>
      guildId === undefined
        ? session.shard[0] === 0
        : shardForGuild(guildId, session.shard[1]) === session.shard[0],
    );

  const send = (connection: Connection, payload: unknown): void => {
    if (connection.socket.readyState === WebSocket.OPEN) {
      connection.socket.send(JSON.stringify(payload));
    }
  };

  const dispatchTo = (session: Session, t: string, d: unknown): void => {
    session.seq += 1;
    const frame = { op: 0 as const, t, s: session.seq, d };
    session.log.push(frame);
    if (session.log.length > 1000) session.log.shift();
    if (session.connection) send(session.connection, frame);
  };

  const closeFromServer = (connection: Connection, code: number, reason: string): void => {
    connection.closingByServer = true;
    connection.socket.close(code, reason);
  };

  const gatewayProblem = (connection: Connection, problem: string): void => {
    const shard = connection.session?.shard[0];
    gatewayProblems.push(`gateway${shard === undefined ? "" : ` shard ${shard}`}: ${problem}`);
  };

  const onIdentify = (connection: Connection, d: unknown): void => {
    if (connection.session) {
      gatewayProblem(connection, "IDENTIFY sent twice on one connection");
      closeFromServer(connection, 4005, "Already authenticated.");
      return;
    }
    const data = isObject(d) ? d : {};
    const rawShard = data.shard;
    const shard: [number, number] | undefined =
      Array.isArray(rawShard) && typeof rawShard[0] === "number" && typeof rawShard[1] === "number"
        ? [rawShard[0], rawShard[1]]
        : undefined;
    identifies.push({
      shard,
      intents: typeof data.intents === "number" ? data.intents : 0,
      token: typeof data.token === "string" ? data.token : "",
      properties: data.properties,
      at: new Date(),
    });
    if (data.token !== token && data.token !== `Bot ${token}`) {
      gatewayProblem(connection, "IDENTIFY with a wrong token");
      closeFromServer(connection, 4004, "Authentication failed.");
      return;
    }
    const effective = shard ?? [0, 1];
    if (effective[1] < 1 || effective[0] < 0 || effective[0] >= effective[1]) {
      gatewayProblem(connection, `IDENTIFY with invalid shard ${preview(shard)}`);
      closeFromServer(connection, 4010, "Invalid shard.");
      return;
    }
    const session: Session = {
      id: randomBytes(16).toString("hex"),
      shard: effective,
      seq: 0,
      log: [],
      connection,
    };
    connection.session = session;
    sessions.push(session);
    dispatchTo(session, "READY", {
      v: 10,
      user_settings: {},
      user: botUser,
      guilds: [],
      session_id: session.id,
      session_type: "normal",
      resume_gateway_url: gatewayUrl,
      shard: effective,
      application: { id: applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ["fake"],
      auth: {},
      _trace: ["fake-discord"],
    });
    notify();
  };

  const onResume = (connection: Connection, d: unknown): void => {
    const data = isObject(d) ? d : {};
    const session = sessions.find((candidate) => candidate.id === data.session_id);
    const tokenOk = data.token === token || data.token === `Bot ${token}`;
    if (session === undefined || !tokenOk || typeof data.seq !== "number") {
      send(connection, { op: 9, d: false });
      return;
    }
    if (session.connection && session.connection !== connection) {
      closeFromServer(session.connection, 4009, "Session resumed elsewhere.");
    }
    connection.session = session;
    session.connection = connection;
    const seq = data.seq;
    for (const frame of session.log) {
      if (frame.s > seq) send(connection, frame);
    }
    resumes += 1;
    dispatchTo(session, "RESUMED", { _trace: ["fake-discord"] });
    notify();
  };

  const onGatewayMessage = (connection: Connection, raw: RawData): void => {
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString());
    } catch {
      gatewayProblem(connection, "client sent a payload that is not JSON");
      closeFromServer(connection, 4002, "Error while decoding payload.");
      return;
    }
    if (!isObject(payload) || typeof payload.op !== "number") {
      gatewayProblem(connection, `client sent a payload without op: ${preview(payload)}`);
      closeFromServer(connection, 4002, "Error while decoding payload.");
      return;
    }
    gatewayPayloads.push({ shard: connection.session?.shard[0], op: payload.op, d: payload.d });
    switch (payload.op) {
      case 1:
        send(connection, { op: 11 });
        return;
      case 2:
        onIdentify(connection, payload.d);
        return;
      case 6:
        onResume(connection, payload.d);
        return;
      case 3:
      case 4:
      case 8:
      case 31:
        if (!connection.session) {
          gatewayProblem(connection, `op ${payload.op} sent before IDENTIFY`);
          closeFromServer(connection, 4003, "Not authenticated.");
        }
        return;
      default:
        gatewayProblem(connection, `client sent unknown op ${payload.op}`);
        closeFromServer(connection, 4001, "Unknown opcode.");
    }
  };

  // -------------------------------------------------------------------------------------------
  // Messages.

  const baseMessage = (record: InteractionRecord, id: string): APIMessage => {
    const payload = record.payload;
    const user = interactionUser(payload);
    let metadata: APIMessageInteractionMetadata | undefined;
    if (user !== undefined && payload.type === 2) {
      metadata = {
        id: payload.id,
        type: payload.type,
        user,
        authorizing_integration_owners: payload.authorizing_integration_owners,
      };
    } else if (user !== undefined && payload.type === 3) {
      metadata = {
        id: payload.id,
        type: payload.type,
        user,
        authorizing_integration_owners: payload.authorizing_integration_owners,
        interacted_message_id: payload.message.id,
      };
    }
    return {
      ...botMessage({
        id,
        channelId: payload.channel?.id ?? payload.channel_id ?? "0",
        guildId: payload.guild_id ?? null,
        applicationId,
      }),
      author: botUser,
      type: payload.type === 2 ? 20 : 0,
      webhook_id: applicationId,
      ...(metadata === undefined ? {} : { interaction_metadata: metadata }),
    };
  };

  const attachmentsFrom = (files: RecordedFile[], data: JsonObject): APIAttachment[] => {
    const described = Array.isArray(data.attachments) ? data.attachments : [];
    return files.map((file, index) => {
      const meta = described[index];
      const id = snowflake();
      const url = `${baseUrl}/attachments/${id}/${encodeURIComponent(file.filename)}`;
      return {
        id,
        filename: file.filename,
        size: file.size,
        url,
        proxy_url: url,
        content_type: file.contentType,
        ...(isObject(meta) && typeof meta.description === "string"
          ? { description: meta.description }
          : {}),
      };
    });
  };

  /** Applies a message body (create or edit) onto a message, Discord-style: absent keeps, null clears. */
  const applyMessageData = (
    message: APIMessage,
    data: JsonObject,
    files: RecordedFile[],
    creating: boolean,
  ): APIMessage => {
    const next: APIMessage = { ...message };
    if ("content" in data) next.content = typeof data.content === "string" ? data.content : "";
    if ("embeds" in data) {
      next.embeds = (Array.isArray(data.embeds) ? data.embeds : []).map((embed) => ({
        type: "rich",
        ...(isObject(embed) ? embed : {}),
      })) as APIEmbed[];
    }
    if ("components" in data) {
      next.components = (
        Array.isArray(data.components) ? data.components : []
      ) as APIMessageTopLevelComponent[];
    }
    if (files.length > 0 || "attachments" in data) {
      const kept = Array.isArray(data.attachments)
        ? next.attachments.filter((existing) =>
            (data.attachments as unknown[]).some(
              (entry) => isObject(entry) && entry.id === existing.id,
            ),
          )
        : next.attachments;
      next.attachments = [...kept, ...attachmentsFrom(files, data)];
    }
    if (typeof data.flags === "number") {
      const current = next.flags ?? 0;
      next.flags = creating
        ? data.flags
        : (current & ~EDITABLE_FLAGS) | (data.flags & EDITABLE_FLAGS);
    }
    if (typeof data.tts === "boolean" && creating) next.tts = data.tts;
    return next;
  };

  const editMessage = (
    message: APIMessage,
    data: JsonObject,
    files: RecordedFile[],
  ): APIMessage => {
    const wasLoading = ((message.flags ?? 0) & MESSAGE_FLAG_LOADING) !== 0;
    const next = applyMessageData(message, data, files, false);
    next.flags = (next.flags ?? 0) & ~MESSAGE_FLAG_LOADING;
    if (!wasLoading) next.edited_timestamp = new Date().toISOString();
    return next;
  };

  // -------------------------------------------------------------------------------------------
  // REST routes.

  const applicationObject = (): JsonObject => ({
    id: applicationId,
    name: botUser.username,
    icon: null,
    description: "",
    summary: "",
    type: null,
    bot: botUser,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: "0".repeat(64),
    flags: 0,
    hook: true,
    is_monetized: false,
    team: null,
    owner: { ...botUser, id: "1300000000000000999", username: "owner", bot: false },
    redirect_uris: [],
    interactions_endpoint_url: null,
    approximate_guild_count: 1,
    tags: [],
    integration_types_config: { "0": {} },
  });

  const storeCommand = (
    existing: APIApplicationCommand[],
    input: unknown,
    guildId: string | undefined,
  ): APIApplicationCommand => {
    const data = isObject(input) ? input : {};
    const type = typeof data.type === "number" ? data.type : 1;
    const previous = existing.find(
      (command) => command.name === data.name && (command.type ?? 1) === type,
    );
    const command = {
      ...data,
      id: previous?.id ?? snowflake(),
      application_id: applicationId,
      version: snowflake(),
      type,
      name: typeof data.name === "string" ? data.name : "",
      description: typeof data.description === "string" ? data.description : "",
      default_member_permissions: data.default_member_permissions ?? null,
      dm_permission: data.dm_permission ?? true,
      nsfw: data.nsfw ?? false,
      contexts: data.contexts ?? null,
      integration_types: data.integration_types ?? [0],
      ...(guildId === undefined ? {} : { guild_id: guildId }),
    };
    return command as APIApplicationCommand;
  };

  const commandsFor = (guildId: string | undefined): APIApplicationCommand[] =>
    guildId === undefined ? commands.global : (commands.guilds.get(guildId) ?? []);

  const setCommands = (guildId: string | undefined, list: APIApplicationCommand[]): void => {
    if (guildId === undefined) commands.global = list;
    else commands.guilds.set(guildId, list);
  };

  const handleCommands = (request: RecordedRequest, op: SpecOperation): Answer => {
    if (op.params.application_id !== applicationId) {
      return { status: 403, body: errorBody(50001, "Missing Access") };
    }
    const guildId = op.params.guild_id;
    const existing = commandsFor(guildId);
    if (request.method === "GET") return { status: 200, body: existing };
    if (request.method === "PUT") {
      const list = (Array.isArray(request.body) ? request.body : []).map((item) =>
        storeCommand(existing, item, guildId),
      );
      setCommands(guildId, list);
      return { status: 200, body: list };
    }
    const command = storeCommand(existing, request.body, guildId);
    const replaced = existing.some((item) => item.id === command.id);
    setCommands(guildId, [...existing.filter((item) => item.id !== command.id), command]);
    return { status: replaced ? 200 : 201, body: command };
  };

  const handleCallback = (request: RecordedRequest, record: InteractionRecord): Answer => {
    const body = isObject(request.body) ? request.body : {};
    const data = isObject(body.data) ? body.data : {};
    const type = body.type;
    if (record.responseType !== undefined) {
      return { status: 400, body: errorBody(40060, "Interaction has already been acknowledged.") };
    }
    const payload = record.payload;
    let message: APIMessage | undefined;
    switch (type) {
      case 4:
        message = applyMessageData(baseMessage(record, snowflake()), data, request.files, true);
        break;
      case 5:
        message = {
          ...baseMessage(record, snowflake()),
          flags:
            ((typeof data.flags === "number" ? data.flags : 0) & MESSAGE_FLAG_EPHEMERAL) |
            MESSAGE_FLAG_LOADING,
        };
        break;
      case 6:
      case 7:
        if (payload.type !== 3 && payload.type !== 5) {
          return {
            status: 400,
            body: errorBody(
              40004,
              `Callback type ${type} is only valid for component and modal interactions`,
            ),
          };
        }
        if (payload.type === 3) {
          message =
            type === 7 ? editMessage(payload.message, data, request.files) : { ...payload.message };
        }
        break;
      case 8:
        if (payload.type !== 4) {
          return {
            status: 400,
            body: errorBody(40004, "Autocomplete results answer only autocomplete interactions"),
          };
        }
        record.choices = Array.isArray(data.choices) ? data.choices : [];
        break;
      case 9:
        record.modal = data;
        break;
      default:
        return { status: 400, body: errorBody(50035, "Invalid Form Body") };
    }
    record.responseType = type;
    record.original = message;
    if (request.query.with_response !== "true") return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: payload.id,
          type: payload.type,
          ...(message === undefined
            ? {}
            : {
                response_message_id: message.id,
                response_message_loading: type === 5,
                response_message_ephemeral: ((message.flags ?? 0) & MESSAGE_FLAG_EPHEMERAL) !== 0,
              }),
        },
        ...(message === undefined ? {} : { resource: { type, message } }),
      },
    };
  };

  const unknownMessage = (): Answer => ({ status: 404, body: errorBody(10008, "Unknown Message") });

  const handleWebhook = (
    request: RecordedRequest,
    op: SpecOperation,
    record: InteractionRecord,
  ): Answer => {
    const body = isObject(request.body) ? request.body : {};
    if (op.operationId === "execute_webhook") {
      if (record.responseType === undefined) {
        return { status: 404, body: errorBody(10015, "Unknown Webhook") };
      }
      let message: APIMessage;
      const original = record.original;
      if (
        original !== undefined &&
        !record.originalDeleted &&
        ((original.flags ?? 0) & MESSAGE_FLAG_LOADING) !== 0
      ) {
        // Discord turns the first follow-up after a deferral into the deferred ("thinking") message.
        const { flags: _ignored, ...rest } = body;
        message = editMessage(original, rest, request.files);
        record.original = message;
      } else {
        message = applyMessageData(baseMessage(record, snowflake()), body, request.files, true);
        record.followUps.push(message);
      }
      return request.query.wait === "true" ? { status: 200, body: message } : { status: 204 };
    }
    const target = op.params.message_id ?? "@original";
    const isOriginal =
      target === "@original" || (record.original !== undefined && target === record.original.id);
    const followUpIndex = record.followUps.findIndex((message) => message.id === target);
    const current = isOriginal
      ? record.originalDeleted
        ? undefined
        : record.original
      : record.followUps[followUpIndex];
    if (current === undefined) return unknownMessage();
    switch (request.method) {
      case "GET":
        return { status: 200, body: current };
      case "DELETE":
        if (isOriginal) record.originalDeleted = true;
        else record.followUps.splice(followUpIndex, 1);
        return { status: 204 };
      default: {
        const edited = editMessage(current, body, request.files);
        if (isOriginal) record.original = edited;
        else record.followUps[followUpIndex] = edited;
        return { status: 200, body: edited };
      }
    }
  };

  const route = (request: RecordedRequest, record: InteractionRecord | undefined): Answer => {
    const op = request.operation;
    if (op === undefined) {
      request.problems.push("not a route of Discord's HTTP API");
      return { status: 404, body: errorBody(0, "404: Not Found") };
    }
    if (BOT_ROUTES.has(op.operationId) && request.headers.authorization !== `Bot ${token}`) {
      request.problems.push(
        `Authorization must be "Bot <token>" with the fake's token, got ${preview(request.headers.authorization)}`,
      );
      return { status: 401, body: errorBody(0, "401: Unauthorized") };
    }
    switch (op.operationId) {
      case "get_bot_gateway":
        return {
          status: 200,
          body: {
            url: gatewayUrl,
            shards: shardCount,
            session_start_limit: {
              total: 1000,
              remaining: 1000,
              reset_after: 86_400_000,
              max_concurrency: 16,
            },
          },
        };
      case "get_gateway":
        return { status: 200, body: { url: gatewayUrl } };
      case "get_my_user":
        return { status: 200, body: botUser };
      case "get_my_application":
      case "get_my_oauth2_application":
        return { status: 200, body: applicationObject() };
      case "bulk_set_application_commands":
      case "bulk_set_guild_application_commands":
      case "list_application_commands":
      case "list_guild_application_commands":
      case "create_application_command":
      case "create_guild_application_command":
        return handleCommands(request, op);
      case "create_interaction_response":
        if (record === undefined || record.token !== op.params.interaction_token) {
          return { status: 404, body: errorBody(10062, "Unknown interaction") };
        }
        return handleCallback(request, record);
      case "execute_webhook":
      case "get_original_webhook_message":
      case "update_original_webhook_message":
      case "delete_original_webhook_message":
      case "get_webhook_message":
      case "update_webhook_message":
      case "delete_webhook_message":
        if (record === undefined || op.params.webhook_id !== applicationId) {
          return { status: 404, body: errorBody(10015, "Unknown Webhook") };
        }
        return handleWebhook(request, op, record);
      default:
        request.problems.push(`${op.operationId} is not served by the fake Discord`);
        return { status: 404, body: errorBody(0, "404: Not Found") };
    }
  };

  const handleHttp = async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const url = new URL(incoming.url ?? "/", baseUrl);
    const method = (incoming.method ?? "GET").toUpperCase();
    const raw = await readBody(incoming);
    const parsed = await parseBody(raw, incoming.headers["content-type"]);
    const versioned = url.pathname.startsWith(`${API_PREFIX}/`);
    const path = versioned ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const operation = versioned ? findOperation(method, path) : undefined;
    const interactionId = operation?.params.interaction_id;
    const webhookToken = operation?.params.webhook_token;
    const record =
      interactionId !== undefined
        ? interactions.get(interactionId)
        : webhookToken !== undefined
          ? interactionsByToken.get(webhookToken)
          : undefined;
    const secret = operation?.params.interaction_token ?? webhookToken;
    let label = `#${requests.length} ${method} ${secret === undefined ? path : path.replace(secret, "<token>")}`;
    if (record !== undefined)
      label += ` (interaction ${record.id} ${describeInteraction(record.payload)})`;
    const request: RecordedRequest = {
      index: requests.length,
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: parsed.body,
      files: parsed.files,
      operation,
      interactionId: record?.id ?? interactionId,
      status: 0,
      response: undefined,
      problems: [],
      mentionProblems: [],
      label,
    };
    if (!versioned) request.problems.push(`path is not under ${API_PREFIX}`);
    let answer: Answer | undefined;
    if (parsed.problem !== undefined) {
      request.problems.push(parsed.problem);
      answer = { status: 400, body: errorBody(50109, "The request body contains invalid JSON.") };
    } else if (operation !== undefined && parsed.body !== undefined) {
      const bodyProblems = [
        ...validateRequestBody(method, path, parsed.body),
        ...checkLimits(method, path, parsed.body),
      ];
      request.problems.push(...bodyProblems);
      request.mentionProblems.push(
        ...checkAllowedMentions(method, path, parsed.body, record?.pings ?? []),
      );
      if (bodyProblems.length > 0 && rejectInvalid) {
        answer = {
          status: 400,
          body: {
            ...errorBody(50035, "Invalid Form Body"),
            errors: {
              body: {
                _errors: bodyProblems.map((problem) => ({
                  code: "FAKE_DISCORD",
                  message: problem,
                })),
              },
            },
          },
        };
      }
    }
    if (answer === undefined) {
      try {
        answer = route(request, record);
      } catch (error) {
        request.problems.push(`the fake Discord failed: ${String(error)}`);
        answer = { status: 500, body: errorBody(0, "500: Internal Server Error") };
      }
      if (answer.status >= 400 && request.problems.length === 0) {
        request.problems.push(`answered ${answer.status} ${preview(answer.body)}`);
      }
    }
    request.status = answer.status;
    request.response = answer.body;
    requests.push(request);
    if (record !== undefined) {
      record.requests.push(request);
      if (operation?.operationId === "create_interaction_response") record.callbacks.push(request);
    }
    notify();
    if (answer.body === undefined) {
      outgoing.writeHead(answer.status).end();
    } else {
      outgoing
        .writeHead(answer.status, { "content-type": "application/json" })
        .end(JSON.stringify(answer.body));
    }
  };

  // -------------------------------------------------------------------------------------------
  // Servers.

  const server = createServer((incoming, outgoing) => {
    handleHttp(incoming, outgoing).catch((error: unknown) => {
      if (!outgoing.headersSent) outgoing.writeHead(500).end(String(error));
    });
  });
  const wss = new WebSocketServer({ server, path: "/gateway" });
  wss.on("connection", (socket, incoming) => {
    const connection: Connection = { socket, session: undefined, closingByServer: false };
    connections.add(connection);
    const query = new URL(incoming.url ?? "/", "http://127.0.0.1").searchParams;
    if (query.get("v") !== "10" || query.get("encoding") !== "json" || query.has("compress")) {
      gatewayProblem(
        connection,
        `client connected with ?${query.toString()} (expected v=10&encoding=json without compress)`,
      );
    }
    socket.on("message", (data) => onGatewayMessage(connection, data));
    socket.on("error", () => undefined);
    socket.on("close", (code, reason) => {
      connections.delete(connection);
      const session = connection.session;
      if (session?.connection === connection) session.connection = undefined;
      if (!closed) {
        const by = connection.closingByServer ? "server" : "client";
        closes.push({ shard: session?.shard[0], code, reason: reason.toString(), by });
        if (by === "client") closeCodes.push(code);
      }
      notify();
    });
    send(connection, { op: 10, d: { heartbeat_interval: heartbeatInterval, _trace: ["fake"] } });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  const shardsToWaitFor = (shardId: number | undefined): number[] =>
    shardId === undefined ? Array.from({ length: shardCount }, (_, index) => index) : [shardId];

  /** Starts the record of an interaction, refusing a foreign application or a repeated id. */
  function trackInteraction(
    payload: APIInteraction,
    pings: readonly string[] = [],
  ): InteractionRecord {
    if (payload.application_id !== applicationId) {
      throw new Error(
        `fake Discord: interaction ${payload.id} has application_id ${payload.application_id}, ` +
          `but the fake runs application ${applicationId}`,
      );
    }
    if (interactions.has(payload.id)) {
      throw new Error(`fake Discord: interaction ${payload.id} was already dispatched`);
    }
    const record: InteractionRecord = {
      id: payload.id,
      token: payload.token,
      payload,
      callbacks: [],
      requests: [],
      responseType: undefined,
      original: undefined,
      originalDeleted: false,
      followUps: [],
      choices: undefined,
      modal: undefined,
      pings,
    };
    interactions.set(payload.id, record);
    interactionsByToken.set(payload.token, record);
    return record;
  }

  const discord: FakeDiscord = {
    apiUrl: `${baseUrl}/api`,
    gatewayUrl,
    token,
    applicationId,
    botUser,
    shardCount,
    requests,
    identifies,
    closeCodes,
    closes,
    gatewayPayloads,
    get resumes() {
      return resumes;
    },
    commands,

    ready(shardId, timeoutMs = defaultTimeout) {
      const wanted = shardsToWaitFor(shardId);
      return waitUntil(
        () => (wanted.every((id) => liveSessionForShard(id) !== undefined) ? true : undefined),
        timeoutMs,
        () =>
          `fake Discord: no client identified on shard(s) ${wanted.join(", ")} within ${timeoutMs} ms ` +
          `(identifies so far: ${preview(identifies.map((identify) => identify.shard))})`,
      ).then(() => undefined);
    },

    track(payload, trackOptions = {}) {
      trackInteraction(payload, trackOptions.pings);
    },

    async interact(payload, interactOptions = {}) {
      const timeoutMs = interactOptions.timeoutMs ?? defaultTimeout;
      const started = Date.now();
      const record = trackInteraction(payload, interactOptions.pings);
      const what = `interaction ${payload.id} (${describeInteraction(payload)})`;
      const session = await waitUntil(
        () => liveSessionForGuild(payload.guild_id),
        timeoutMs,
        () =>
          `fake Discord: cannot deliver ${what}: no client holds a live session for ` +
          `${payload.guild_id === undefined ? "shard 0 (DMs)" : `the shard of guild ${payload.guild_id}`} ` +
          `after ${timeoutMs} ms (did the client log in?)`,
      );
      const since = requests.length;
      const remaining = Math.max(1, timeoutMs - (Date.now() - started));
      const callback = waitUntil(
        () => record.callbacks[0],
        remaining,
        () => {
          const seen = requests.slice(since).map((request) => request.label);
          return (
            `fake Discord: no callback for ${what} within ${timeoutMs} ms; the bot did not answer it ` +
            `(requests since dispatch: ${seen.length === 0 ? "none" : seen.join("; ")})`
          );
        },
      );
      dispatchTo(session, "INTERACTION_CREATE", payload);
      return callback;
    },

    async dispatch(event, data, shardId = 0) {
      const session = await waitUntil(
        () => liveSessionForShard(shardId),
        defaultTimeout,
        () => `fake Discord: cannot dispatch ${event}: no live session on shard ${shardId}`,
      );
      dispatchTo(session, event, data);
    },

    waitFor(predicate, timeoutMs = defaultTimeout, since = 0) {
      return waitUntil(
        () => requests.slice(since).find(predicate),
        timeoutMs,
        () =>
          `fake Discord: no matching request within ${timeoutMs} ms ` +
          `(requests seen: ${
            requests
              .slice(since)
              .map((request) => request.label)
              .join("; ") || "none"
          })`,
      );
    },

    interaction(interactionId) {
      return interactions.get(interactionId);
    },

    messageFor(interactionId) {
      const record = interactions.get(interactionId);
      if (record === undefined || record.originalDeleted) return undefined;
      return record.original;
    },

    followUpsFor(interactionId) {
      return [...(interactions.get(interactionId)?.followUps ?? [])];
    },

    problems() {
      return [
        ...requests.flatMap((request) =>
          request.problems.map((problem) => `${request.label}: ${problem}`),
        ),
        ...gatewayProblems,
      ];
    },

    mentionProblems() {
      return requests.flatMap((request) =>
        request.mentionProblems.map((problem) => `${request.label}: ${problem}`),
      );
    },

    reconnect(shardId = 0) {
      const session = liveSessionForShard(shardId);
      if (session?.connection) send(session.connection, { op: 7, d: null });
    },

    disconnect(shardId = 0, code = 4000) {
      const session = liveSessionForShard(shardId);
      if (session?.connection)
        closeFromServer(session.connection, code, "Disconnected by the fake");
    },

    async close() {
      if (closed) return;
      const open = [...connections].filter(
        (connection) => connection.socket.readyState === WebSocket.OPEN,
      );
      if (open.length > 0) {
        console.warn(
          `fake Discord closed with ${open.length} open gateway connection(s); ` +
            "await client.destroy() first, or discord.js reconnects forever",
        );
      }
      closed = true;
      for (const waiter of [...waiters]) waiter.fail(new Error("fake Discord was closed"));
      for (const connection of connections) connection.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return discord;
}
