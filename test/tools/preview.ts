/**
 * Renders the bot's real replies as Discord shows them, to review every rendering change by eye:
 * a fixed list of questions through `respond()`, and every command and button, as Discord-looking
 * HTML (`@skyra/discord-components-core`) and, where Chromium is installed, as PNG screenshots.
 *
 * Usage: `npm run preview [-- --out preview] [--corpus corpus]`. Writes `<out>/index.html` (every
 * reply on one page), `<out>/<name>.html` and `<out>/<name>.png` for each reply, and
 * `<out>/heights.json` (each reply's height in pixels as Chromium lays it out).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIInteraction,
  type APIInteractionResponseCallbackData,
  type APIMessageTopLevelComponent,
  ButtonStyle,
  ComponentType,
  InteractionResponseType,
  MessageFlags,
} from "discord.js";
import { build } from "esbuild";
import { ChannelStories } from "../../src/discord/channelStories.ts";
import { createCooldown } from "../../src/discord/cooldown.ts";
import type { BotContext } from "../../src/discord/reply.ts";
import { respond } from "../../src/discord/respond.ts";
import { Library } from "../../src/library.ts";
import { contextFor } from "../../src/startup.ts";
import {
  botMessage,
  buttonPress,
  messageCommand,
  modalSubmit,
  slashCommand,
  userMessage,
} from "../support/interactions.ts";
import { PREVIEW_CASES } from "./previewCases.ts";

const WIDTH = 760;

/** One reply to render: what was used to get it, and the reply. */
interface Shot {
  readonly name: string;
  readonly used: string;
  readonly data: APIInteractionResponseCallbackData;
  /** The modal the reply opened instead of a message, if it did. */
  readonly modal?: ModalShot;
}

/** A modal as the preview shows it: its title and each text input's label and placeholder. */
interface ModalShot {
  readonly title: string;
  readonly inputs: readonly { readonly label: string; readonly placeholder: string }[];
}

async function replyTo(
  interaction: APIInteraction,
  context: BotContext,
): Promise<APIInteractionResponseCallbackData | ModalShot> {
  const reply = await respond(interaction, context);
  const { response } = reply;
  if (
    response.type === InteractionResponseType.DeferredChannelMessageWithSource &&
    reply.followUp
  ) {
    return reply.followUp();
  }
  if (response.type === InteractionResponseType.Modal) {
    const data = response.data as unknown as {
      title: string;
      components: { label?: string; component?: { placeholder?: string } }[];
    };
    return {
      title: data.title,
      inputs: data.components.map((c) => ({
        label: c.label ?? "",
        placeholder: c.component?.placeholder ?? "",
      })),
    };
  }
  if (
    response.type === InteractionResponseType.ChannelMessageWithSource ||
    response.type === InteractionResponseType.UpdateMessage
  ) {
    return response.data ?? {};
  }
  throw new Error(`preview: unexpected response type ${response.type}`);
}

function ask(
  question: string,
  extra: Readonly<Record<string, string | boolean>> = {},
): APIInteraction {
  return slashCommand({ name: "ask", options: { question, ...extra } });
}

/** The custom_id of the first button labelled `label` on a reply, or null. */
function buttonId(data: APIInteractionResponseCallbackData, label: string): string | null {
  const rows = (data.components ?? []) as APIActionRowComponent<APIComponentInMessageActionRow>[];
  for (const row of rows) {
    for (const button of row.components) {
      if (button.type === ComponentType.Button && "custom_id" in button && button.label === label)
        return button.custom_id;
    }
  }
  return null;
}

/** Presses the first button labelled `label` on a reply, as Discord would send it. */
function press(data: APIInteractionResponseCallbackData, label: string): APIInteraction | null {
  const customId = buttonId(data, label);
  if (customId === null) return null;
  return buttonPress({
    customId,
    message: botMessage({
      embeds: data.embeds ?? [],
      components: (data.components ?? []) as APIMessageTopLevelComponent[],
      flags: data.flags ?? 0,
    }),
  });
}

const isModal = (reply: APIInteractionResponseCallbackData | ModalShot): reply is ModalShot =>
  "inputs" in reply;

/**
 * Runs every case of {@link PREVIEW_CASES} through `respond()`, in order. The cases are written for
 * the shipped story: with another corpus (`lenient`), a button a reply lacks skips the press that
 * needs it, with a warning, instead of stopping the preview.
 */
async function collect(context: BotContext, limited: BotContext, lenient = false): Promise<Shot[]> {
  const missing = (what: string): void => {
    if (!lenient) throw new Error(`preview: ${what}`);
    console.warn(`preview: ${what} with this corpus; skipped`);
  };
  const shots: Shot[] = [];
  const replies = new Map<string, APIInteractionResponseCallbackData>();
  const add = async (name: string, used: string, interaction: APIInteraction, on = context) => {
    const reply = await replyTo(interaction, on);
    if (isModal(reply)) {
      shots.push({ name, used, data: {}, modal: reply });
      return;
    }
    replies.set(name, reply);
    shots.push({ name, used, data: reply });
  };
  for (const item of PREVIEW_CASES) {
    switch (item.kind) {
      case "ask": {
        const extra = Object.entries(item.options ?? {})
          .map(([k, v]) => ` ${k}: ${k === "mention" ? "@friend" : v === true ? "True" : v}`)
          .join("");
        await add(
          item.name,
          `/ask question: ${item.question}${extra}`,
          ask(item.question, item.options),
          item.cooldown === true ? limited : context,
        );
        break;
      }
      case "press": {
        const pressed = press(replies.get(item.on) ?? {}, item.label);
        if (pressed === null) {
          missing(`no "${item.label}" on ${item.on}`);
          break;
        }
        await add(item.name, item.label, pressed);
        break;
      }
      case "follow-up": {
        const pressed = press(replies.get(item.on) ?? {}, "Follow up");
        if (pressed === null) {
          missing(`no Follow up on ${item.on}`);
          break;
        }
        await add(`${item.name}-modal`, "Follow up", pressed);
        const modal = await respond(pressed, context);
        const customId =
          (modal.response as { data?: { custom_id?: string } }).data?.custom_id ?? "";
        await add(
          item.name,
          `Follow up: ${item.text}`,
          modalSubmit({ customId, values: { question: item.text } }),
        );
        break;
      }
      case "find":
        await add(
          item.name,
          "Find in story",
          messageCommand({ name: "Find in story", target: userMessage({ content: item.message }) }),
        );
        break;
      case "command":
        await add(
          item.name,
          `/${item.command}${Object.entries(item.options ?? {})
            .map(([k, v]) => ` ${k}: ${v}`)
            .join("")}`,
          slashCommand({ name: item.command, ...(item.options ? { options: item.options } : {}) }),
        );
        break;
      case "cooldown":
        await replyTo(ask(item.question), limited);
        await add(item.name, `/ask question: ${item.question}`, ask(item.question), limited);
        break;
    }
  }
  return shots;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Discord's inline Markdown as the component library's elements: bold, italic, code, links, escapes. */
function inline(markdown: string): string {
  let out = "";
  let i = 0;
  const open = { bold: false, italic: false, code: false };
  while (i < markdown.length) {
    const rest = markdown.slice(i);
    const link = /^\[([^\]]+)\]\((https?:[^)\s]+)\)/u.exec(rest);
    if (rest.startsWith("\\") && rest.length > 1) {
      out += escapeHtml(rest.charAt(1));
      i += 2;
    } else if (rest.startsWith("**")) {
      out += open.bold ? "</discord-bold>" : "<discord-bold>";
      open.bold = !open.bold;
      i += 2;
    } else if (rest.startsWith("*") && !open.code) {
      out += open.italic ? "</discord-italic>" : "<discord-italic>";
      open.italic = !open.italic;
      i += 1;
    } else if (rest.startsWith("`")) {
      out += open.code ? "</discord-code>" : "<discord-code>";
      open.code = !open.code;
      i += 1;
    } else if (link !== null) {
      out += `<discord-link href="${escapeHtml(link[2] ?? "")}">${inline(link[1] ?? "")}</discord-link>`;
      i += link[0].length;
    } else {
      out += escapeHtml(rest.charAt(0));
      i += 1;
    }
  }
  return out;
}

/** A block of Discord Markdown: quoted lines ("> ") as a quote, the rest line by line. */
function block(markdown: string): string {
  const parts: string[] = [];
  for (const line of markdown.split("\n")) {
    parts.push(
      line.startsWith("> ")
        ? `<discord-quote>${inline(line.slice(2))}</discord-quote>`
        : `${inline(line)}<br>`,
    );
  }
  return parts.join("");
}

function embedHtml(embed: APIEmbed): string {
  const color =
    embed.color === undefined ? "" : ` color="#${embed.color.toString(16).padStart(6, "0")}"`;
  const title =
    embed.title === undefined
      ? ""
      : ` embed-title="${escapeHtml(embed.title.replace(/\\(.)/g, "$1"))}"`;
  const url = embed.url === undefined ? "" : ` url="${escapeHtml(embed.url)}"`;
  const author =
    embed.author === undefined
      ? ""
      : ` author-name="${escapeHtml(embed.author.name)}"${embed.author.url ? ` author-url="${escapeHtml(embed.author.url)}"` : ""}`;
  const fields = (embed.fields ?? [])
    .map(
      (f) =>
        `<discord-embed-field field-title="${escapeHtml(f.name)}">${block(f.value)}</discord-embed-field>`,
    )
    .join("");
  return [
    `<discord-embed slot="embeds"${color}${author}${title}${url}>`,
    embed.description
      ? `<discord-embed-description slot="description">${block(embed.description)}</discord-embed-description>`
      : "",
    fields ? `<discord-embed-fields slot="fields">${fields}</discord-embed-fields>` : "",
    embed.footer
      ? `<discord-embed-footer slot="footer">${escapeHtml(embed.footer.text)}</discord-embed-footer>`
      : "",
    "</discord-embed>",
  ].join("");
}

const BUTTON_TYPES: Readonly<Partial<Record<ButtonStyle, string>>> = {
  [ButtonStyle.Primary]: "primary",
  [ButtonStyle.Secondary]: "secondary",
  [ButtonStyle.Success]: "success",
  [ButtonStyle.Danger]: "destructive",
};

function componentsHtml(data: APIInteractionResponseCallbackData): string {
  const rows = (data.components ?? []) as APIActionRowComponent<APIComponentInMessageActionRow>[];
  if (rows.length === 0) return "";
  const html = rows
    .map(
      (row) =>
        `<discord-action-row>${row.components
          .map((c) =>
            c.type === ComponentType.Button && "label" in c
              ? `<discord-button type="${BUTTON_TYPES[c.style] ?? "secondary"}"${"disabled" in c && c.disabled ? " disabled" : ""}>${escapeHtml(c.label ?? "")}</discord-button>`
              : "",
          )
          .join("")}</discord-action-row>`,
    )
    .join("");
  return `<discord-attachments slot="components">${html}</discord-attachments>`;
}

// Avatars as inline pictures: the page is opened without a network.
const BOT_AVATAR = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" rx="20" fill="#2b6cb0"/><text x="20" y="26" font-size="16" text-anchor="middle" fill="white" font-family="sans-serif">QA</text></svg>')}`;
const USER_AVATAR = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" rx="20" fill="#718096"/></svg>')}`;

/** A modal as Discord draws it over the channel: its title, then each input's label and empty box. */
function modalHtml(modal: ModalShot): string {
  const inputs = modal.inputs
    .map(
      (i) =>
        `<div style="font:600 12px sans-serif;color:#b5bac1;text-transform:uppercase;margin:16px 0 8px">${escapeHtml(i.label)}</div><div style="background:#1e1f22;border-radius:4px;padding:10px;color:#6d6f78;font:14px sans-serif">${escapeHtml(i.placeholder)}</div>`,
    )
    .join("");
  return `<div style="margin:16px;background:#313338;border:1px solid #1e1f22;border-radius:8px;padding:16px;box-shadow:0 0 8px #000"><div style="font:600 20px sans-serif;color:#f2f3f5">${escapeHtml(modal.title)}</div>${inputs}<div style="text-align:right;margin-top:16px"><span style="background:#5865f2;color:white;border-radius:3px;padding:8px 16px;font:14px sans-serif">Submit</span></div></div>`;
}

function messageHtml(shot: Shot): string {
  if (shot.modal !== undefined) return modalHtml(shot.modal);
  const ephemeral = ((shot.data.flags ?? 0) & MessageFlags.Ephemeral) !== 0 ? " ephemeral" : "";
  const used =
    shot.used.startsWith("/") || shot.used === "Find in story"
      ? `<discord-command slot="reply" author="member" avatar="${USER_AVATAR}" command="${escapeHtml(shot.used)}"></discord-command>`
      : "";
  return [
    `<discord-message author="Story QA" bot avatar="${BOT_AVATAR}"${ephemeral}>`,
    used,
    shot.data.content ? block(shot.data.content) : "",
    ...(shot.data.embeds ?? []).map(embedHtml),
    componentsHtml(shot.data),
    "</discord-message>",
  ].join("");
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{margin:0;background:#313338;font-family:"gg sans","Noto Sans",Helvetica,Arial,sans-serif;width:${WIDTH}px}
h2{color:#b5bac1;font:600 13px sans-serif;margin:16px 16px 0}</style>
<script src="components.js"></script></head><body>${body}</body></html>`;
}

/** Each reply's height in pixels, as Chromium lays out the page of them all (its DOM after scripts ran). */
function measure(chromium: string, out: string, names: readonly string[]): number[] {
  const script = `<script>addEventListener("load",()=>setTimeout(()=>{document.title="h"+JSON.stringify([...document.querySelectorAll("discord-messages")].map(m=>m.getBoundingClientRect().height))},500))</script>`;
  const probe = join(out, "heights.probe.html");
  writeFileSync(
    probe,
    readFileSync(join(out, "index.html"), "utf8").replace("</body>", `${script}</body>`),
  );
  const dom = execFileSync(
    chromium,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--virtual-time-budget=3000",
      "--dump-dom",
      `file://${probe}`,
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  );
  rmSync(probe);
  const heights = JSON.parse(/<title>h(\[[^<]*\])<\/title>/u.exec(dom)?.[1] ?? "[]") as number[];
  if (heights.length !== names.length)
    throw new Error(`preview: measured ${heights.length} of ${names.length} replies`);
  return heights.map((h) => Math.ceil(h));
}

function screenshot(chromium: string, file: string, height: number): void {
  execFileSync(
    chromium,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--hide-scrollbars",
      "--virtual-time-budget=3000",
      `--window-size=${WIDTH},${Math.max(100, height)}`,
      `--screenshot=${file.replace(/\.html$/u, ".png")}`,
      `file://${file}`,
    ],
    { stdio: "ignore" },
  );
}

function findChromium(): string | null {
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      return execFileSync("which", [name], { encoding: "utf8" }).trim() || null;
    } catch {}
  }
  return null;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: "string", default: "preview" },
      corpus: { type: "string", default: "corpus" },
    },
  });
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  const library = await Library.open({ corpusDir: values.corpus, logger: silent });
  const context = contextFor(library, silent, {
    cooldown: null,
    channelStories: new ChannelStories(),
  });
  const shots = await collect(
    context,
    { ...context, cooldown: createCooldown({ limit: 1, windowMs: 30_000 }) },
    resolve(values.corpus) !== resolve("corpus"),
  );
  const bundle = await build({
    entryPoints: ["@skyra/discord-components-core"],
    bundle: true,
    format: "iife",
    minify: true,
    write: false,
  });
  writeFileSync(join(out, "components.js"), bundle.outputFiles[0]?.text ?? "");
  const files = shots.map((shot) => {
    const file = join(out, `${shot.name}.html`);
    writeFileSync(
      file,
      page(shot.name, `<discord-messages>${messageHtml(shot)}</discord-messages>`),
    );
    return file;
  });
  writeFileSync(
    join(out, "index.html"),
    page(
      "Story QA bot replies",
      shots
        .map(
          (s) =>
            `<h2>${escapeHtml(s.name)}</h2><discord-messages>${messageHtml(s)}</discord-messages>`,
        )
        .join(""),
    ),
  );
  const chromium = findChromium();
  if (chromium === null) {
    console.log(
      `Wrote ${shots.length} replies as HTML to ${out}; install Chromium for PNGs and heights.`,
    );
    return;
  }
  const heights: Record<string, number> = {};
  const measured = measure(
    chromium,
    out,
    shots.map((s) => s.name),
  );
  shots.forEach((shot, i) => {
    const file = files[i] ?? "";
    const height = measured[i] ?? 0;
    heights[shot.name] = height;
    screenshot(chromium, file, height);
    console.log(`${shot.name.padEnd(20)} ${String(height).padStart(5)} px  ${shot.used}`);
  });
  writeFileSync(join(out, "heights.json"), `${JSON.stringify(heights, null, 2)}\n`);
  console.log(`Wrote ${shots.length} replies as HTML and PNG to ${out}`);
}

await main();
