/**
 * Builders for realistic INTERACTION_CREATE payloads, complete enough that discord.js accepts them.
 *
 * Every builder returns a fresh interaction id and token, so payloads can be sent to a fake
 * Discord one after another without colliding.
 */
import { randomBytes } from "node:crypto";
import {
  type APIActionRowComponent,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIAttachment,
  type APIAuthorizingIntegrationOwnersMap,
  type APIBaseInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentButtonInteraction,
  type APIMessageComponentSelectMenuInteraction,
  type APIMessageTopLevelComponent,
  type APIModalSubmitInteraction,
  type APIStickerItem,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ButtonStyle,
  ChannelType,
  ComponentType,
  type GuildMemberFlags,
  InteractionContextType,
  InteractionType,
  type Locale,
  MessageType,
  StickerFormatType,
} from "discord.js";

/** Discord's epoch (2015-01-01T00:00:00Z) in milliseconds, the zero point of every snowflake. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/** Application id (and bot user id) that the fake Discord and these builders agree on by default. */
export const FAKE_APPLICATION_ID = "1300000000000000001";

/** Guild that interactions come from unless a builder is given another `guildId`. */
export const FAKE_GUILD_ID = "1300000000000000100";

/** Text channel that interactions come from unless a builder is given another `channelId`. */
export const FAKE_CHANNEL_ID = "1300000000000000200";

/** DM channel between the default user and the bot. */
export const FAKE_DM_CHANNEL_ID = "1300000000000000201";

/** User who invokes interactions unless a builder is given another `userId`. */
export const FAKE_USER_ID = "1300000000000000300";

/** Permissions bitfield (as Discord sends it, a decimal string) granted to the bot and the member. */
export const FAKE_PERMISSIONS = "2248473465835073";

/** Name of the bot user that the fake Discord logs in as by default. */
export const FAKE_BOT_USERNAME = "story-qa-test-bot";

let increment = 0n;
let lastTimestamp = 0n;

/** Returns a fresh, strictly increasing snowflake for the given time (default now). */
export function snowflake(at: Date = new Date()): string {
  let timestamp = BigInt(at.getTime()) - DISCORD_EPOCH;
  if (timestamp < lastTimestamp) timestamp = lastTimestamp;
  if (timestamp === lastTimestamp) {
    increment += 1n;
    if (increment > 4095n) {
      timestamp += 1n;
      increment = 0n;
    }
  } else {
    increment = 0n;
  }
  lastTimestamp = timestamp;
  return ((timestamp << 22n) | (1n << 17n) | increment).toString();
}

/** Returns the shard that Discord routes a guild's events to: `(guild_id >> 22) % shardCount`. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(Math.max(1, shardCount)));
}

/** Returns a fresh guild id that Discord would route to the given shard. */
export function guildIdForShard(shardId: number, shardCount: number): string {
  const id = BigInt(snowflake());
  const count = BigInt(shardCount);
  const timestamp = id >> 22n;
  const aligned = timestamp - (timestamp % count) + BigInt(shardId);
  return ((aligned << 22n) | (id & 0x3fffffn)).toString();
}

/** Returns an interaction token shaped like Discord's (base64url, a little over 150 characters). */
export function interactionToken(interactionId: string): string {
  const raw = `interaction:${interactionId}:${randomBytes(80).toString("base64url")}`;
  return Buffer.from(raw).toString("base64url");
}

/** Returns a complete user object (a human unless `bot` is set). */
export function fakeUser(options: { id?: string; username?: string; bot?: boolean } = {}): APIUser {
  const username = options.username ?? "reader";
  return {
    id: options.id ?? FAKE_USER_ID,
    username,
    discriminator: "0",
    global_name: options.bot ? null : username.charAt(0).toUpperCase() + username.slice(1),
    avatar: null,
    ...(options.bot ? { bot: true } : {}),
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

/** Returns the bot's own user object for the given application id. */
export function fakeBotUser(applicationId: string = FAKE_APPLICATION_ID): APIUser {
  return fakeUser({ id: applicationId, username: FAKE_BOT_USERNAME, bot: true });
}

/** Where an interaction happens and who triggers it; everything has a sensible default. */
export interface InteractionContextOptions {
  /** Sends the interaction from the bot's DM with the user: `user` instead of `member`, no guild. */
  dm?: boolean;
  guildId?: string;
  channelId?: string;
  userId?: string;
  username?: string;
  /** The user's client locale, e.g. `"en-US"` or `"fr"`. */
  locale?: `${Locale}`;
  /** The guild's preferred locale (guild interactions only). */
  guildLocale?: `${Locale}`;
  applicationId?: string;
  /** Fixed interaction id instead of a fresh snowflake. */
  id?: string;
  /** Fixed interaction token instead of a fresh one. */
  token?: string;
  /** Permissions of the bot in the channel (decimal string). */
  appPermissions?: string;
  /** Permissions of the invoking member in the channel (decimal string, guild interactions only). */
  memberPermissions?: string;
  /** Role ids of the invoking member (guild interactions only). */
  roles?: string[];
}

type BaseFields = APIBaseInteraction<InteractionType, never>;
type CommonFields = Omit<BaseFields, "type" | "data" | "message" | "channel" | "channel_id"> &
  Required<Pick<BaseFields, "channel" | "channel_id">>;

function commonFields(options: InteractionContextOptions): CommonFields {
  const id = options.id ?? snowflake();
  const applicationId = options.applicationId ?? FAKE_APPLICATION_ID;
  const user = fakeUser({
    id: options.userId ?? FAKE_USER_ID,
    ...(options.username === undefined ? {} : { username: options.username }),
  });
  const base = {
    id,
    application_id: applicationId,
    token: options.token ?? interactionToken(id),
    version: 1 as const,
    app_permissions: options.appPermissions ?? FAKE_PERMISSIONS,
    locale: (options.locale ?? "en-US") as Locale,
    entitlements: [],
    attachment_size_limit: 10_485_760,
  };
  if (options.dm) {
    const channelId = options.channelId ?? FAKE_DM_CHANNEL_ID;
    const owners: APIAuthorizingIntegrationOwnersMap = {
      [ApplicationIntegrationType.GuildInstall]: "0",
    };
    return {
      ...base,
      user,
      channel_id: channelId,
      channel: {
        id: channelId,
        type: ChannelType.DM,
        last_message_id: null,
        recipients: [user],
      },
      authorizing_integration_owners: owners,
      context: InteractionContextType.BotDM,
    };
  }
  const guildId = options.guildId ?? FAKE_GUILD_ID;
  const channelId = options.channelId ?? FAKE_CHANNEL_ID;
  const guildLocale = (options.guildLocale ?? "en-US") as Locale;
  const member: APIInteractionGuildMember = {
    user,
    roles: options.roles ?? [],
    premium_since: null,
    permissions: options.memberPermissions ?? FAKE_PERMISSIONS,
    pending: false,
    nick: null,
    avatar: null,
    banner: null,
    joined_at: "2024-01-01T00:00:00.000000+00:00",
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    communication_disabled_until: null,
    collectibles: null,
    avatar_decoration_data: null,
  };
  const owners: APIAuthorizingIntegrationOwnersMap = {
    [ApplicationIntegrationType.GuildInstall]: guildId,
  };
  return {
    ...base,
    guild_id: guildId,
    guild: { id: guildId, locale: guildLocale, features: [] },
    guild_locale: guildLocale,
    member,
    channel_id: channelId,
    channel: {
      id: channelId,
      type: ChannelType.GuildText,
      guild_id: guildId,
      name: "general",
      position: 0,
      permission_overwrites: [],
      nsfw: false,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
    },
    authorizing_integration_owners: owners,
    context: InteractionContextType.Guild,
  };
}

/** A simple option value: strings become STRING options, booleans BOOLEAN, integers INTEGER, other numbers NUMBER. */
export type SimpleOptionValue = string | number | boolean;

/** Options as a `{ name: value }` record (types inferred) or as raw API option objects. */
export type CommandOptionsInput =
  | Record<string, SimpleOptionValue>
  | APIApplicationCommandInteractionDataBasicOption[];

function basicOptions(
  input: CommandOptionsInput | undefined,
): APIApplicationCommandInteractionDataBasicOption[] {
  if (input === undefined) return [];
  if (Array.isArray(input)) return input;
  return Object.entries(input).map(
    ([name, value]): APIApplicationCommandInteractionDataBasicOption => {
      if (typeof value === "string") {
        return { name, type: ApplicationCommandOptionType.String, value };
      }
      if (typeof value === "boolean") {
        return { name, type: ApplicationCommandOptionType.Boolean, value };
      }
      if (Number.isInteger(value)) {
        return { name, type: ApplicationCommandOptionType.Integer, value };
      }
      return { name, type: ApplicationCommandOptionType.Number, value };
    },
  );
}

function wrapSubcommand(
  options: APIApplicationCommandInteractionDataBasicOption[],
  subcommand: string | undefined,
  subcommandGroup: string | undefined,
): APIApplicationCommandInteractionDataOption[] {
  if (subcommand === undefined) return options;
  const sub: APIApplicationCommandInteractionDataOption = {
    name: subcommand,
    type: ApplicationCommandOptionType.Subcommand,
    options,
  };
  if (subcommandGroup === undefined) return [sub];
  return [
    { name: subcommandGroup, type: ApplicationCommandOptionType.SubcommandGroup, options: [sub] },
  ];
}

/** What a slash command invocation looks like: its name, options, and where it was used. */
export interface SlashCommandInput extends InteractionContextOptions {
  name: string;
  options?: CommandOptionsInput;
  subcommand?: string;
  subcommandGroup?: string;
  /** Id of the registered command (a fresh snowflake by default). */
  commandId?: string;
}

/** Builds a CHAT_INPUT application command interaction (type 2), from a guild or (with `dm`) a DM. */
export function slashCommand(input: SlashCommandInput): APIChatInputApplicationCommandInteraction {
  const options = wrapSubcommand(
    basicOptions(input.options),
    input.subcommand,
    input.subcommandGroup,
  );
  const common = commonFields(input);
  return {
    ...common,
    type: InteractionType.ApplicationCommand,
    data: {
      id: input.commandId ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      ...(options.length > 0 ? { options } : {}),
      ...(common.guild_id === undefined ? {} : { guild_id: common.guild_id }),
    },
  };
}

/** Builds a DM variant of {@link slashCommand}: the interaction carries `user` instead of `member`. */
export function dmSlashCommand(
  input: Omit<SlashCommandInput, "dm" | "guildId">,
): APIChatInputApplicationCommandInteraction {
  return slashCommand({ ...input, dm: true });
}

/** What an autocomplete request looks like: the command, the option being typed, and the others. */
export interface AutocompleteInput extends InteractionContextOptions {
  name: string;
  /** The option the user is typing in; Discord always sends its partial value as a string. */
  focused: {
    name: string;
    value: string;
    type?:
      | ApplicationCommandOptionType.String
      | ApplicationCommandOptionType.Integer
      | ApplicationCommandOptionType.Number;
  };
  /** The other options already filled in. */
  options?: CommandOptionsInput;
  subcommand?: string;
  subcommandGroup?: string;
  commandId?: string;
}

/** Builds an APPLICATION_COMMAND_AUTOCOMPLETE interaction (type 4) with `focused: true` on the focused option. */
export function autocomplete(
  input: AutocompleteInput,
): APIApplicationCommandAutocompleteInteraction {
  const focusedType = input.focused.type ?? ApplicationCommandOptionType.String;
  const focused: APIApplicationCommandInteractionDataBasicOption<InteractionType.ApplicationCommandAutocomplete> =
    focusedType === ApplicationCommandOptionType.String
      ? { name: input.focused.name, type: focusedType, value: input.focused.value, focused: true }
      : focusedType === ApplicationCommandOptionType.Integer
        ? { name: input.focused.name, type: focusedType, value: input.focused.value, focused: true }
        : {
            name: input.focused.name,
            type: focusedType,
            value: input.focused.value,
            focused: true,
          };
  const options = wrapSubcommand(
    [...basicOptions(input.options), focused],
    input.subcommand,
    input.subcommandGroup,
  );
  const common = commonFields(input);
  return {
    ...common,
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: input.commandId ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      options,
      ...(common.guild_id === undefined ? {} : { guild_id: common.guild_id }),
    },
  };
}

/** What a message posted by the bot looks like, for component interactions to be attached to. */
export interface BotMessageInput {
  id?: string;
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  channelId?: string;
  /** Guild of the message; omit (or pass `null`) for a DM message. */
  guildId?: string | null;
  applicationId?: string;
  flags?: number;
}

/** Builds a complete message object authored by the bot, as Discord returns it. */
export function botMessage(input: BotMessageInput = {}): APIMessage {
  const applicationId = input.applicationId ?? FAKE_APPLICATION_ID;
  const guildId = input.guildId === undefined ? FAKE_GUILD_ID : input.guildId;
  const message: APIMessage & { guild_id?: string } = {
    id: input.id ?? snowflake(),
    channel_id: input.channelId ?? (guildId === null ? FAKE_DM_CHANNEL_ID : FAKE_CHANNEL_ID),
    author: fakeBotUser(applicationId),
    content: input.content ?? "",
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: input.embeds ?? [],
    components: input.components ?? [],
    pinned: false,
    type: MessageType.Default,
    flags: input.flags ?? 0,
    application_id: applicationId,
  };
  if (guildId !== null) message.guild_id = guildId;
  return message;
}

/** Builds an action row holding one primary button with the given custom id and label. */
export function buttonRow(
  customId: string,
  label = "Button",
): APIActionRowComponent<APIComponentInMessageActionRow> {
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: customId, label },
    ],
  };
}

/** What a button press looks like: the button's custom id and the message it is attached to. */
export interface ButtonPressInput extends InteractionContextOptions {
  customId: string;
  /** The message carrying the button (by default a bot message with just that button). */
  message?: APIMessage;
}

/** Builds a MESSAGE_COMPONENT interaction (type 3) for a button press, carrying the full message. */
export function buttonPress(input: ButtonPressInput): APIMessageComponentButtonInteraction {
  const common = commonFields(input);
  const message =
    input.message ??
    botMessage({
      content: "Pick one",
      components: [buttonRow(input.customId)],
      channelId: common.channel_id,
      guildId: common.guild_id ?? null,
      applicationId: common.application_id,
    });
  return {
    ...common,
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: input.customId, component_type: ComponentType.Button },
  };
}

/** What a modal submission looks like: the modal's custom id and the text typed into each input. */
export interface ModalSubmitInput extends InteractionContextOptions {
  customId: string;
  /** Text input custom ids and what was typed into them. */
  values: Record<string, string>;
  /** The message whose button opened the modal, when one did. */
  message?: APIMessage;
}

/** Builds a MODAL_SUBMIT interaction (type 5), each text input inside a label as Discord now sends it. */
export function modalSubmit(input: ModalSubmitInput): APIModalSubmitInteraction {
  return {
    ...commonFields(input),
    type: InteractionType.ModalSubmit,
    ...(input.message === undefined ? {} : { message: input.message }),
    data: {
      custom_id: input.customId,
      components: Object.entries(input.values).map(([customId, value], i) => ({
        type: ComponentType.Label,
        id: i + 1,
        component: { type: ComponentType.TextInput, id: i + 100, custom_id: customId, value },
      })),
    },
  };
}

/** What a string select looks like: the menu's custom id, the picked values and its message. */
export interface StringSelectInput extends InteractionContextOptions {
  customId: string;
  values: string[];
  message?: APIMessage;
}

/** Builds a MESSAGE_COMPONENT interaction (type 3) for a string select menu choice. */
export function stringSelect(input: StringSelectInput): APIMessageComponentSelectMenuInteraction {
  const common = commonFields(input);
  const message =
    input.message ??
    botMessage({
      content: "Pick some",
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.StringSelect,
              custom_id: input.customId,
              options: input.values.map((value) => ({ label: value, value })),
            },
          ],
        },
      ],
      channelId: common.channel_id,
      guildId: common.guild_id ?? null,
      applicationId: common.application_id,
    });
  return {
    ...common,
    type: InteractionType.MessageComponent,
    message,
    data: {
      custom_id: input.customId,
      component_type: ComponentType.StringSelect,
      values: input.values,
    },
  };
}

/** What a member's message looks like, for a message command to target. */
export interface UserMessageInput {
  id?: string;
  content?: string;
  /** Images attached to the message, by file name (e.g. `"chart.png"`). */
  images?: string[];
  embeds?: APIEmbed[];
  /** Names of stickers the message consists of. */
  stickers?: string[];
  /** Users the message mentions, as Discord resolves `<@id>` in its content. */
  mentions?: APIUser[];
  channelId?: string;
  /** Guild of the message; omit for the default guild, `null` for a DM. */
  guildId?: string | null;
  authorId?: string;
}

/** Builds a complete message object written by a member (not the bot), as Discord resolves it. */
export function userMessage(input: UserMessageInput = {}): APIMessage {
  const id = input.id ?? snowflake();
  const guildId = input.guildId === undefined ? FAKE_GUILD_ID : input.guildId;
  const attachments: APIAttachment[] = (input.images ?? []).map((filename) => ({
    id: snowflake(),
    filename,
    size: 48_213,
    url: `https://cdn.discordapp.com/attachments/${FAKE_CHANNEL_ID}/${id}/${filename}`,
    proxy_url: `https://media.discordapp.net/attachments/${FAKE_CHANNEL_ID}/${id}/${filename}`,
    content_type: "image/png",
    width: 800,
    height: 600,
  }));
  const stickers: APIStickerItem[] = (input.stickers ?? []).map((name) => ({
    id: snowflake(),
    name,
    format_type: StickerFormatType.PNG,
  }));
  const message: APIMessage & { guild_id?: string } = {
    id,
    channel_id: input.channelId ?? (guildId === null ? FAKE_DM_CHANNEL_ID : FAKE_CHANNEL_ID),
    author: fakeUser({ id: input.authorId ?? "1300000000000000301", username: "writer" }),
    content: input.content ?? "",
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: input.mentions ?? [],
    mention_roles: [],
    attachments,
    embeds: input.embeds ?? [],
    pinned: false,
    type: MessageType.Default,
    ...(stickers.length > 0 ? { sticker_items: stickers } : {}),
  };
  if (guildId !== null) message.guild_id = guildId;
  return message;
}

/** What a message command invocation looks like: its name and the message it was used on. */
export interface MessageCommandInput extends InteractionContextOptions {
  name: string;
  /** The message right-clicked (by default a member's message saying "Who issued the directive?"). */
  target?: APIMessage;
  commandId?: string;
}

/** Builds a MESSAGE application command interaction (type 2, command type 3) with its target resolved. */
export function messageCommand(
  input: MessageCommandInput,
): APIMessageApplicationCommandInteraction {
  const common = commonFields(input);
  const target =
    input.target ??
    userMessage({
      content: "Who issued the directive?",
      channelId: common.channel_id,
      guildId: common.guild_id ?? null,
    });
  return {
    ...common,
    type: InteractionType.ApplicationCommand,
    data: {
      id: input.commandId ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.Message,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
      ...(common.guild_id === undefined ? {} : { guild_id: common.guild_id }),
    },
  };
}
