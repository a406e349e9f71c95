import { once } from "node:events";
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  type ClientOptions,
  type Interaction,
  MessageFlags,
} from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkAllowedMentions,
  checkLimits,
  findOperation,
  validateRequestBody,
} from "./support/discordSpec.ts";
import { type FakeDiscord, startFakeDiscord } from "./support/fakeDiscord.ts";
import {
  autocomplete,
  botMessage,
  buttonPress,
  buttonRow,
  dmSlashCommand,
  guildIdForShard,
  shardForGuild,
  slashCommand,
} from "./support/interactions.ts";

const quiet = { parse: [] };

/** A tiny bot: just enough behaviour to exercise every route of the fake. */
async function handle(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    const typed = interaction.options.getFocused().toLowerCase();
    const fruits = ["apple", "apricot", "banana"].filter((fruit) => fruit.startsWith(typed));
    await interaction.respond(fruits.map((fruit) => ({ name: fruit, value: fruit })));
    return;
  }
  if (interaction.isButton()) {
    await interaction.update({
      content: `pressed ${interaction.customId}`,
      components: [],
      allowedMentions: quiet,
    });
    return;
  }
  if (!interaction.isChatInputCommand()) return;
  switch (interaction.commandName) {
    case "hi":
      await interaction.reply({ content: "hi", allowedMentions: quiet });
      return;
    case "slow":
      await interaction.deferReply();
      await interaction.editReply({ content: "done thinking", allowedMentions: quiet });
      return;
    case "whoami":
      await interaction.reply({
        content: `${interaction.inGuild() ? "guild" : "dm"} ${interaction.user.id} ${interaction.locale}`,
        allowedMentions: quiet,
      });
      return;
    case "ask":
      await interaction.reply({
        content: `you asked: ${interaction.options.getString("question", true)}`,
        components: [
          new ActionRowBuilder<ButtonBuilder>().addComponents(
            new ButtonBuilder().setCustomId("more").setLabel("More").setStyle(ButtonStyle.Primary),
          ),
        ],
        allowedMentions: quiet,
      });
      return;
    case "fetch": {
      const response = await interaction.reply({
        content: "first",
        allowedMentions: quiet,
        withResponse: true,
      });
      const id = response.resource?.message?.id ?? "none";
      const fetched = await interaction.fetchReply();
      await interaction.editReply({
        content: `message ${id} = ${fetched.id}`,
        allowedMentions: quiet,
      });
      return;
    }
    case "followups":
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.followUp({ content: "first", allowedMentions: quiet });
      await interaction.followUp({ content: "second", allowedMentions: quiet });
      return;
    case "file":
      await interaction.reply({
        content: "see attached",
        files: [{ attachment: Buffer.from("hello"), name: "hello.txt" }],
        allowedMentions: quiet,
      });
      return;
    case "loud":
      await interaction.reply({ content: "hello @everyone" });
      return;
    default:
      return;
  }
}

function newClient(
  discord: FakeDiscord,
  errors: unknown[],
  sharding: Pick<ClientOptions, "shards" | "shardCount"> = {},
): Client {
  const client = new Client({ intents: [], rest: { api: discord.apiUrl }, ...sharding });
  client.on("interactionCreate", (interaction) => {
    handle(interaction).catch((error: unknown) => errors.push(error));
  });
  return client;
}

describe("the fake Discord with a real discord.js client", () => {
  let discord: FakeDiscord;
  let client: Client;
  const errors: unknown[] = [];
  /** Indexes of requests that break the rules on purpose. */
  const deliberate = new Set<number>();
  const markLastRequestDeliberate = (): void => {
    deliberate.add(discord.requests.length - 1);
  };

  beforeAll(async () => {
    discord = await startFakeDiscord();
    client = newClient(discord, errors);
    const ready = once(client, "clientReady");
    await client.login(discord.token);
    await ready;
  });

  afterAll(async () => {
    await client.destroy();
    await discord.close();
  });

  it("lets the client log in, identify and become ready", async () => {
    await discord.ready();
    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(discord.botUser.id);
    expect(client.application?.id).toBe(discord.applicationId);
    expect(discord.identifies).toHaveLength(1);
    expect(discord.identifies[0]?.shard).toEqual([0, 1]);
    const gateway = discord.requests.find((request) => request.path === "/gateway/bot");
    expect(gateway?.headers.authorization).toBe(`Bot ${discord.token}`);
    expect(gateway?.status).toBe(200);
  });

  it("records a slash command reply as a valid type-4 callback", async () => {
    const payload = slashCommand({ name: "hi" });
    const callback = await discord.interact(payload);
    expect(callback.path).toBe(`/interactions/${payload.id}/${payload.token}/callback`);
    expect(callback.headers.authorization).toBeUndefined();
    expect(callback.status).toBe(204);
    expect(callback.body).toMatchObject({ type: 4, data: { content: "hi" } });
    expect(callback.problems).toEqual([]);
    expect(callback.mentionProblems).toEqual([]);
    expect(discord.messageFor(payload.id)?.content).toBe("hi");
  });

  it("records deferReply and editReply as a type-5 callback then a PATCH of %40original", async () => {
    const payload = slashCommand({ name: "slow" });
    const callback = await discord.interact(payload);
    expect(callback.body).toMatchObject({ type: 5 });
    const edit = await discord.waitFor(
      (request) => request.method === "PATCH" && request.interactionId === payload.id,
    );
    expect(edit.path).toBe(
      `/webhooks/${discord.applicationId}/${payload.token}/messages/%40original`,
    );
    expect(edit.operation?.operationId).toBe("update_original_webhook_message");
    expect(edit.status).toBe(200);
    expect(edit.problems).toEqual([]);
    const message = discord.messageFor(payload.id);
    expect(message?.content).toBe("done thinking");
    expect((message?.flags ?? 0) & MessageFlags.Loading).toBe(0);
  });

  it("delivers a DM interaction that carries a user instead of a member", async () => {
    const payload = dmSlashCommand({ name: "whoami", userId: "1300000000000000777", locale: "fr" });
    expect(payload.member).toBeUndefined();
    expect(payload.guild_id).toBeUndefined();
    const callback = await discord.interact(payload);
    expect(callback.body).toMatchObject({ data: { content: "dm 1300000000000000777 fr" } });
    expect(callback.problems).toEqual([]);
  });

  it("records an autocomplete respond as a type-8 callback with its choices", async () => {
    const payload = autocomplete({ name: "fruit", focused: { name: "kind", value: "ap" } });
    const callback = await discord.interact(payload);
    expect(callback.body).toEqual({
      type: 8,
      data: {
        choices: [
          { name: "apple", value: "apple" },
          { name: "apricot", value: "apricot" },
        ],
      },
    });
    expect(callback.problems).toEqual([]);
    expect(discord.interaction(payload.id)?.choices).toHaveLength(2);
  });

  it("records a button update as a type-7 callback that rewrites the message", async () => {
    const message = botMessage({ content: "Want more?", components: [buttonRow("more", "More")] });
    const payload = buttonPress({ customId: "more", message });
    const callback = await discord.interact(payload);
    expect(callback.body).toMatchObject({
      type: 7,
      data: { content: "pressed more", components: [] },
    });
    expect(callback.problems).toEqual([]);
    expect(discord.messageFor(payload.id)).toMatchObject({
      id: message.id,
      content: "pressed more",
      components: [],
    });
  });

  it("accepts a reply with a button and records its components", async () => {
    const payload = slashCommand({ name: "ask", options: { question: "why?" } });
    const callback = await discord.interact(payload);
    expect(callback.problems).toEqual([]);
    expect(discord.messageFor(payload.id)?.content).toBe("you asked: why?");
    expect(discord.messageFor(payload.id)?.components).toHaveLength(1);
  });

  it("answers with_response, fetchReply and edits with plausible message objects", async () => {
    const payload = slashCommand({ name: "fetch" });
    const callback = await discord.interact(payload);
    expect(callback.query.with_response).toBe("true");
    expect(callback.status).toBe(200);
    const edit = await discord.waitFor(
      (request) => request.method === "PATCH" && request.interactionId === payload.id,
    );
    const id = discord.messageFor(payload.id)?.id;
    expect(edit.body).toMatchObject({ content: `message ${id} = ${id}` });
    expect(errors).toEqual([]);
  });

  it("turns the first follow-up after a deferral into the deferred message", async () => {
    const payload = slashCommand({ name: "followups" });
    await discord.interact(payload);
    await discord.waitFor(
      (request) =>
        request.interactionId === payload.id &&
        (request.body as { content?: string })?.content === "second",
    );
    expect(discord.messageFor(payload.id)).toMatchObject({
      content: "first",
      flags: MessageFlags.Ephemeral,
    });
    expect(discord.followUpsFor(payload.id).map((message) => message.content)).toEqual(["second"]);
  });

  it("reads a reply with a file from its multipart payload_json", async () => {
    const payload = slashCommand({ name: "file" });
    const callback = await discord.interact(payload);
    expect(callback.headers["content-type"]).toMatch(/^multipart\/form-data/);
    expect(callback.body).toMatchObject({ type: 4, data: { content: "see attached" } });
    expect(callback.files).toEqual([
      expect.objectContaining({ field: "files[0]", filename: "hello.txt", size: 5 }),
    ]);
    expect(callback.problems).toEqual([]);
    expect(discord.messageFor(payload.id)?.attachments).toEqual([
      expect.objectContaining({ filename: "hello.txt", size: 5 }),
    ]);
  });

  it("flags a message body that does not set allowed_mentions parse []", async () => {
    const payload = slashCommand({ name: "loud" });
    const callback = await discord.interact(payload);
    expect(callback.problems).toEqual([]);
    expect(callback.mentionProblems).toHaveLength(1);
    expect(discord.mentionProblems()).toEqual([
      expect.stringMatching(/callback \(interaction \d+ \/loud\): body\.data\.allowed_mentions/),
    ]);
  });

  it("rejects a second acknowledgement of the same interaction like Discord does", async () => {
    const payload = slashCommand({ name: "hi" });
    const first = await discord.interact(payload);
    const again = await fetch(`${discord.apiUrl}/v10${first.path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: 4, data: { content: "again", allowed_mentions: quiet } }),
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 40060 });
    expect(discord.interaction(payload.id)?.callbacks).toHaveLength(2);
    expect(discord.messageFor(payload.id)?.content).toBe("hi");
    expect(discord.requests.at(-1)?.problems).toEqual([
      expect.stringContaining("Interaction has already been acknowledged."),
    ]);
    markLastRequestDeliberate();
  });

  it("rejects interact with a clear message when the bot never answers", async () => {
    const payload = slashCommand({ name: "unknown-command" });
    await expect(discord.interact(payload, { timeoutMs: 150 })).rejects.toThrow(
      /no callback for interaction \d+ \(\/unknown-command\) within 150 ms/,
    );
  });

  it("flags an invalid callback body sent with raw fetch", async () => {
    const payload = slashCommand({ name: "never-dispatched" });
    const url = `${discord.apiUrl}/v10/interactions/${payload.id}/${payload.token}/callback`;
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: 99, data: { embeds: [{ title: 5 }] } }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 50035 });
    const recorded = discord.requests.at(-1);
    markLastRequestDeliberate();
    expect(recorded?.problems).toEqual([expect.stringContaining("body.type must be one of")]);
    expect(discord.problems()).toContainEqual(
      expect.stringMatching(
        /POST \/interactions\/\d+\/<token>\/callback: body\.type must be one of/,
      ),
    );
  });

  it("answers unknown routes with 404 code 0 and records them", async () => {
    const response = await fetch(`${discord.apiUrl}/v10/not/a/route`, {
      headers: { authorization: `Bot ${discord.token}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: "404: Not Found", code: 0 });
    expect(discord.requests.at(-1)?.problems).toEqual(["not a route of Discord's HTTP API"]);
    markLastRequestDeliberate();
  });

  it("echoes registered commands with ids", async () => {
    const commands = await client.application?.commands.set([
      { name: "ask", description: "Ask about a story", options: [] },
    ]);
    expect(commands?.first()?.name).toBe("ask");
    expect(discord.commands.global.map((command) => command.name)).toEqual(["ask"]);
    const put = discord.requests.at(-1);
    expect(put?.operation?.operationId).toBe("bulk_set_application_commands");
    expect(put?.problems).toEqual([]);
  });

  it("lets the client resume after the gateway asks it to reconnect", async () => {
    discord.reconnect(0);
    await expect.poll(() => discord.resumes, { timeout: 3000 }).toBe(1);
    expect(discord.closeCodes).toContain(4200);
    const callback = await discord.interact(slashCommand({ name: "hi" }));
    expect(callback.status).toBe(204);
    expect(discord.identifies).toHaveLength(1);
  });

  it("saw no problems other than the deliberate ones and no handler errors", () => {
    expect(errors).toEqual([]);
    const unexpected = discord.requests
      .filter((request) => !deliberate.has(request.index))
      .flatMap((request) => request.problems);
    expect(unexpected).toEqual([]);
    expect(discord.problems()).toHaveLength(deliberate.size);
  });
});

describe("the fake Discord's gateway lifecycle", () => {
  it("sees client.destroy() as close code 1000", async () => {
    const discord = await startFakeDiscord();
    const client = newClient(discord, []);
    try {
      await client.login(discord.token);
      await discord.ready();
    } finally {
      await client.destroy();
    }
    await expect.poll(() => discord.closeCodes).toEqual([1000]);
    expect(discord.closes).toEqual([
      expect.objectContaining({ shard: 0, code: 1000, by: "client" }),
    ]);
    await discord.close();
  });

  it("routes interactions to the shard owning the guild when the client runs two shards", async () => {
    const discord = await startFakeDiscord({ shards: 2 });
    const errors: unknown[] = [];
    const client = newClient(discord, errors, { shards: [0, 1], shardCount: 2 });
    const seenOnShard = new Map<string, number>();
    client.on("raw", (packet: { t?: string; d?: { id?: string } }, shardId: number) => {
      if (packet.t === "INTERACTION_CREATE" && packet.d?.id) seenOnShard.set(packet.d.id, shardId);
    });
    try {
      await client.login(discord.token);
      await discord.ready();
      expect(discord.identifies.map((identify) => identify.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      const onShardOne = slashCommand({ name: "hi", guildId: guildIdForShard(1, 2) });
      const onShardZero = slashCommand({ name: "hi", guildId: guildIdForShard(0, 2) });
      const inDm = dmSlashCommand({ name: "hi" });
      expect(shardForGuild(onShardOne.guild_id ?? "", 2)).toBe(1);
      for (const payload of [onShardOne, onShardZero, inDm]) {
        expect((await discord.interact(payload)).status).toBe(204);
      }
      expect(seenOnShard.get(onShardOne.id)).toBe(1);
      expect(seenOnShard.get(onShardZero.id)).toBe(0);
      expect(seenOnShard.get(inDm.id)).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await client.destroy();
      await discord.close();
    }
    expect(discord.closeCodes).toEqual([1000, 1000]);
  });
});

describe("validation against Discord's OpenAPI spec and documented limits", () => {
  const callback = "/interactions/1234/token/callback";

  it("matches literal segments before placeholders and decodes %40original", () => {
    expect(findOperation("PATCH", "/webhooks/1/tok/messages/%40original")?.operationId).toBe(
      "update_original_webhook_message",
    );
    expect(findOperation("PATCH", "/webhooks/1/tok/messages/99")?.params.message_id).toBe("99");
    expect(findOperation("POST", `${callback}?with_response=true`)?.operationId).toBe(
      "create_interaction_response",
    );
    expect(findOperation("PUT", "/applications/1/guilds/2/commands")?.operationId).toBe(
      "bulk_set_guild_application_commands",
    );
  });

  it("accepts well-formed callbacks, edits and command registrations", () => {
    const message = {
      content: "hi",
      embeds: [{ title: "T", description: "D" }],
      allowed_mentions: quiet,
    };
    expect(validateRequestBody("POST", callback, { type: 4, data: message })).toEqual([]);
    expect(validateRequestBody("POST", callback, { type: 5, data: { flags: 64 } })).toEqual([]);
    expect(validateRequestBody("PATCH", "/webhooks/1/t/messages/%40original", message)).toEqual([]);
    expect(validateRequestBody("POST", "/webhooks/1/t", message)).toEqual([]);
    const command = {
      name: "ask",
      description: "Ask",
      options: [{ type: 3, name: "q", description: "Q" }],
    };
    expect(validateRequestBody("PUT", "/applications/1/commands", [command])).toEqual([]);
    expect(checkLimits("PUT", "/applications/1/commands", [command])).toEqual([]);
  });

  it("rejects an unknown callback type", () => {
    expect(validateRequestBody("POST", callback, { type: 99 })).toEqual([
      expect.stringContaining("body.type must be one of 8, 4, 5, 12, 9, 1, 13, 6, 7 (got 99)"),
    ]);
  });

  it("rejects an embed with a non-string title, naming the field", () => {
    expect(
      validateRequestBody("POST", callback, { type: 4, data: { embeds: [{ title: 5 }] } }),
    ).toEqual([expect.stringContaining("body.data.embeds[0].title must be string,null (got 5)")]);
  });

  it("rejects a bad button inside an action row without blaming the other component types", () => {
    const data = {
      components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: "a", label: 7 }] }],
    };
    expect(validateRequestBody("POST", callback, { type: 4, data })).toEqual([
      expect.stringContaining("body.data.components[0].components[0].label must be string,null"),
    ]);
  });

  it("rejects a missing body and a route Discord does not have", () => {
    expect(validateRequestBody("POST", callback, undefined)).toEqual([
      "body is required but missing",
    ]);
    expect(validateRequestBody("POST", "/nope", {})).toEqual([
      "POST /nope is not a route of Discord's HTTP API",
    ]);
  });

  it("enforces message limits the spec does not cover", () => {
    const field = { name: "n", value: "v".repeat(1000) };
    const embeds = [{ title: "t", fields: Array.from({ length: 7 }, () => field) }];
    const rows = Array.from({ length: 6 }, (_, index) => buttonRow(`b${index % 5}`));
    const problems = checkLimits("POST", callback, {
      type: 4,
      data: { content: "x".repeat(2001), embeds, components: rows },
    });
    expect(problems).toEqual([
      "body.data.content is 2001 characters (max 2000)",
      "body.data.embeds hold 7008 characters of text in total (max 6000)",
      "body.data.components has 6 action rows (max 5)",
      'body.data.components[5].components[0].custom_id "b0" duplicates body.data.components[0].components[0]',
    ]);
  });

  it("enforces autocomplete and command registration limits", () => {
    const choices = Array.from({ length: 26 }, (_, index) => ({ name: `c${index}`, value: "v" }));
    expect(checkLimits("POST", callback, { type: 8, data: { choices } })).toEqual([
      "body.data.choices has 26 choices (max 25)",
    ]);
    const problems = checkLimits("PUT", "/applications/1/commands", [
      { name: "Ask Me", description: "" },
      { name: "ask", description: "x".repeat(101) },
    ]);
    expect(problems).toEqual([
      expect.stringContaining('body[0].name "Ask Me" does not match'),
      'body[0].name "Ask Me" must be lower-case',
      "body[0].description is 0 characters (must be 1-100)",
      "body[1].description is 101 characters (must be 1-100)",
    ]);
  });

  it("checks allowed_mentions separately from validity", () => {
    const path = "/webhooks/1/t/messages/%40original";
    expect(checkAllowedMentions("PATCH", path, { content: "x", allowed_mentions: quiet })).toEqual(
      [],
    );
    expect(checkAllowedMentions("PATCH", path, { content: "x" })).toHaveLength(1);
    expect(
      checkAllowedMentions("PATCH", path, { content: "x", allowed_mentions: { parse: ["users"] } }),
    ).toEqual([expect.stringContaining('allowed_mentions.parse is ["users"]')]);
    expect(checkAllowedMentions("POST", callback, { type: 5, data: { flags: 64 } })).toEqual([]);
  });

  it("accepts a pinged user only when the test expects that one user to be pinged", () => {
    const path = "/webhooks/1/t/messages/%40original";
    const pinging = { content: "<@1>", allowed_mentions: { parse: [], users: ["1"] } };
    expect(checkAllowedMentions("PATCH", path, pinging, ["1"])).toEqual([]);
    expect(checkAllowedMentions("PATCH", path, pinging)).toEqual([
      'body.allowed_mentions.users lets ["1"] be pinged, expected none',
    ]);
    expect(
      checkAllowedMentions(
        "PATCH",
        path,
        { ...pinging, allowed_mentions: { parse: [], users: ["1", "2"] } },
        ["1"],
      ),
    ).toEqual(['body.allowed_mentions.users lets ["2"] be pinged, expected ["1"]']);
  });
});
