import type {
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandOptionChoice,
} from "discord.js";
import { InteractionResponseType } from "discord.js";
import { paragraphLabel } from "../answer/layout.ts";
import { checkQuestion } from "../answer/question.ts";
import type { Passage } from "../corpus/types.ts";
import type { SearchIndex } from "../search/index.ts";
import { truncate } from "./format.ts";
import { DISCORD_LIMITS } from "./limits.ts";
import type { Options, Reply } from "./reply.ts";

/** Choices for what is being typed: a passage id, a story, or a question. */
export function autocomplete(
  interaction: APIApplicationCommandAutocompleteInteraction,
  index: SearchIndex,
): Reply {
  const options = (interaction.data.options ?? []) as Options;
  const focused = options.find((o) => "focused" in o && o.focused);
  const typed = focused && typeof focused.value === "string" ? focused.value : "";
  const choices =
    interaction.data.name === "passage"
      ? passageChoices(index, typed)
      : focused?.name === "story"
        ? storyChoices(index, typed)
        : questionChoices(index, typed);
  return {
    response: {
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: choices.slice(0, DISCORD_LIMITS.autocompleteChoices) },
    },
  };
}

/** What was typed first, then sentences of the best-matching passages, as questions to pick. */
function questionChoices(
  index: SearchIndex,
  typed: string,
): APIApplicationCommandOptionChoice<string>[] {
  const check = checkQuestion(typed);
  const choices: APIApplicationCommandOptionChoice<string>[] = [];
  const seen = new Set<string>();
  const add = (text: string) => {
    const value = truncate(text, DISCORD_LIMITS.choiceValue);
    if (value === "" || seen.has(value)) return;
    seen.add(value);
    choices.push({ name: truncate(text, DISCORD_LIMITS.choiceName), value });
  };
  if (!check.ok) {
    for (const story of index.stories) add(story.title);
    return choices;
  }
  add(check.text);
  const { hits } = index.search(check.text, { limit: 10 });
  // A word followed by a space is finished: complete only the one being typed.
  const words = /\s$/u.test(typed) ? [] : index.complete(check.text, 5);
  for (const hit of hits) add(firstSentenceOf(hit.passage.text));
  for (const word of words) add(`${check.text.replace(/\S+$/, "")}${word}`);
  return choices;
}

function storyChoices(
  index: SearchIndex,
  typed: string,
): APIApplicationCommandOptionChoice<string>[] {
  const needle = typed.trim().toLowerCase();
  return index.stories
    .filter((s) => s.slug.includes(needle) || s.title.toLowerCase().includes(needle))
    .slice(0, DISCORD_LIMITS.autocompleteChoices)
    .map((s) => ({ name: truncate(s.title, DISCORD_LIMITS.choiceName), value: s.slug }));
}

function firstSentenceOf(text: string): string {
  return /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
}

// Passages a keystroke scans for what is typed before searching for it instead: a scan that finds
// nothing took 4.5 ms over 10,005 passages (warm, load 5), so a keystroke scans for 9 ms at most.
const SCAN_LIMIT = 20_000;

/** Paragraphs for `/passage`'s autocomplete: those whose id or text holds what is typed, in story order. */
export function passageChoices(
  index: SearchIndex,
  typed: string,
  scanLimit: number = SCAN_LIMIT,
): APIApplicationCommandOptionChoice<string>[] {
  const needle = typed.trim().toLowerCase();
  const multiple = index.stories.length > 1;
  const limit = DISCORD_LIMITS.autocompleteChoices;
  const found: Passage[] = [];
  const seen = new Set<string>();
  const add = (p: Passage): void => {
    if (found.length >= limit || (p.part !== null && p.part !== 1) || seen.has(p.id)) return;
    seen.add(p.id);
    found.push(p);
  };
  // Stories in order, but never more than `scanLimit` passages a keystroke: in an archive the rest
  // is found by searching for what is typed (a whole scan reads every text, at 1M from disk).
  let scanned = 0;
  for (const story of index.stories) {
    if (found.length >= limit || scanned >= scanLimit) break;
    for (const p of index.passagesOf(story.slug)) {
      if (found.length >= limit || scanned++ >= scanLimit) break;
      if (
        needle === "" ||
        p.id.includes(needle) ||
        p.text.toLowerCase().includes(needle) ||
        paragraphLabel(p.paragraph) === needle
      )
        add(p);
    }
  }
  if (found.length < limit && scanned >= scanLimit && needle !== "") {
    for (const hit of index.search(typed, { limit }).hits) {
      // Only passages holding a typed word (or its typo, form or synonym), not neighbours in meaning.
      if (hit.matches.some((m) => m.source !== "meaning")) add(hit.passage);
    }
  }
  return found.map((p) => ({
    name: truncate(
      `${paragraphLabel(p.paragraph)}${multiple ? ` ${p.story}` : ""} · ${p.text}`,
      DISCORD_LIMITS.choiceName,
    ),
    value: p.id.replace(/\.\d+$/, "").slice(0, DISCORD_LIMITS.choiceValue),
  }));
}
