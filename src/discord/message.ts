import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIInteractionResponseCallbackData,
} from "discord.js";
import { truncate } from "./format.ts";
import { DISCORD_LIMITS as L } from "./limits.ts";

const SNOWFLAKE = /^\d{17,20}$/;

/**
 * The one gate every message passes before Discord sees it: no mentions can ping
 * (`allowed_mentions.parse` empty) except the one member given as `ping` (the `mention` option,
 * a user id Discord resolved, never text anyone typed), and every length is cut to Discord's
 * limits with "…", so a reply can never be rejected with error 50035.
 */
export function finalizeMessage(
  data: APIInteractionResponseCallbackData,
  ping?: string,
): APIInteractionResponseCallbackData {
  const pinged = ping !== undefined && SNOWFLAKE.test(ping);
  // Object.assign, not a spread followed by a property: see renderPage (ask.ts).
  const out: APIInteractionResponseCallbackData = Object.assign({}, data, {
    allowed_mentions: pinged ? { parse: [], users: [ping] } : { parse: [] },
  });
  if (data.content !== undefined) out.content = truncate(data.content, L.content);
  if (data.embeds !== undefined) out.embeds = fitEmbeds(data.embeds.slice(0, L.embeds));
  if (data.components !== undefined) {
    out.components = (data.components as APIActionRowComponent<APIComponentInMessageActionRow>[])
      .slice(0, L.actionRows)
      .map(fitRow);
  }
  return out;
}

function fitRow(
  row: APIActionRowComponent<APIComponentInMessageActionRow>,
): APIActionRowComponent<APIComponentInMessageActionRow> {
  return Object.assign({}, row, {
    components: row.components.slice(0, L.buttonsPerRow).map((component) => {
      const fitted = Object.assign({}, component);
      if ("custom_id" in fitted) fitted.custom_id = fitted.custom_id.slice(0, L.customId);
      if ("label" in fitted && typeof fitted.label === "string") {
        fitted.label = truncate(fitted.label, L.buttonLabel);
      }
      return fitted;
    }),
  });
}

function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = Object.assign({}, embed);
  if (embed.title !== undefined) out.title = truncate(embed.title, L.title);
  if (embed.description !== undefined) out.description = truncate(embed.description, L.description);
  if (embed.footer !== undefined)
    out.footer = Object.assign({}, embed.footer, { text: truncate(embed.footer.text, L.footer) });
  if (embed.author !== undefined)
    out.author = Object.assign({}, embed.author, {
      name: truncate(embed.author.name, L.authorName),
    });
  if (embed.fields !== undefined) {
    out.fields = embed.fields.slice(0, L.fields).map((field) => ({
      ...field,
      name: truncate(field.name, L.fieldName) || "\u200b",
      value: truncate(field.value, L.fieldValue) || "\u200b",
    }));
  }
  return out;
}

/** Characters Discord counts towards the 6000 per message: titles, descriptions, fields, footers, authors. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const fitted = embeds.map(fitEmbed);
  const total = () => fitted.reduce((sum, e) => sum + embedLength(e), 0);
  // Over the per-message total: drop whole embeds from the end, then fields, then shorten text.
  while (fitted.length > 1 && total() > L.embedTotal) fitted.pop();
  for (let i = fitted.length - 1; i >= 0 && total() > L.embedTotal; i--) {
    const embed = fitted[i];
    while (embed?.fields && embed.fields.length > 0 && total() > L.embedTotal) embed.fields.pop();
  }
  const embed = fitted[0];
  if (embed === undefined) return fitted;
  const shorten = (text: string) =>
    truncate(text, Math.max(1, text.length - (total() - L.embedTotal)));
  if (total() > L.embedTotal && embed.description) embed.description = shorten(embed.description);
  if (total() > L.embedTotal && embed.footer)
    embed.footer = { ...embed.footer, text: shorten(embed.footer.text) };
  if (total() > L.embedTotal && embed.author)
    embed.author = { ...embed.author, name: shorten(embed.author.name) };
  if (total() > L.embedTotal && embed.title) embed.title = shorten(embed.title);
  return fitted;
}
