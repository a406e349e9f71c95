import {
  type APIInteraction,
  type APIInteractionResponseCallbackData,
  Client,
  type ClientOptions,
  Events,
  GatewayDispatchEvents,
  type REST,
  Routes,
} from "discord.js";
import { describeError } from "../log.ts";
import { finalizeMessage } from "./message.ts";
import { type BotContext, describeInteraction, type Reply } from "./reply.ts";
import { respond } from "./respond.ts";

/** How to connect the gateway bot. */
export interface GatewayBotOptions {
  readonly token: string;
  /** Base URL of Discord's API (discord.js adds /v10), e.g. a local proxy or a test's fake Discord. */
  readonly apiUrl: string;
  readonly context: BotContext;
  /** Extra discord.js client options, e.g. `shards` and `shardCount` under a ShardingManager. */
  readonly clientOptions?: Partial<ClientOptions>;
}

/** A running gateway bot. */
export interface GatewayBot {
  readonly client: Client;
  /** Closes the gateway connection cleanly (close code 1000). */
  stop(): Promise<void>;
}

/**
 * Logs in to the gateway with no intents (slash commands need none) and answers every
 * INTERACTION_CREATE through `respond`, the same code path as the HTTP endpoint.
 */
export async function startGatewayBot(options: GatewayBotOptions): Promise<GatewayBot> {
  const { context } = options;
  const client = new Client({
    intents: [],
    rest: { api: options.apiUrl },
    ...options.clientOptions,
  });
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (interaction: APIInteraction) => {
    void handle(client.rest, interaction, context);
  });
  client.on(Events.Error, (error) => context.log.error(`discord.js: ${describeError(error)}`));
  client.on(Events.ShardDisconnect, (event, shard) =>
    context.log.warn(`shard ${shard} disconnected (${event.code})`),
  );
  await client.login(options.token);
  return { client, stop: () => client.destroy() };
}

/** Answers one interaction and sends the reply; failures to send are logged, never thrown. */
export async function handle(
  rest: REST,
  interaction: APIInteraction,
  context: BotContext,
): Promise<void> {
  const reply = await respond(interaction, context);
  try {
    await sendReply(rest, interaction, reply);
  } catch (error) {
    context.log.warn(
      `could not answer ${describeInteraction(interaction)} (${interaction.id}): ${describeError(error)}`,
    );
  }
}

/** Sends a reply's response to the interaction callback, then replaces it with the follow-up's result, if any. */
export async function sendReply(
  rest: REST,
  interaction: APIInteraction,
  reply: Reply,
): Promise<void> {
  // Interaction callbacks and webhook edits are authorized by the interaction token, not the bot token.
  await rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
    body: reply.response,
    auth: false,
  });
  if (reply.followUp === undefined) return;
  const data: APIInteractionResponseCallbackData = await reply.followUp();
  await editOriginal(rest, interaction, data);
}

/** Replaces the original response of an interaction (after a deferral) with `data`. */
export async function editOriginal(
  rest: REST,
  interaction: APIInteraction,
  data: APIInteractionResponseCallbackData,
): Promise<void> {
  const { flags: _flags, tts: _tts, ...body } = finalizeMessage(data);
  await rest.patch(Routes.webhookMessage(interaction.application_id, interaction.token), {
    body,
    auth: false,
  });
}
