import type {
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandOptionChoice,
} from "discord.js";
import { InteractionResponseType } from "discord.js";
import { checkQuestion } from "../answer/question.ts";
import { paragraphLabel } from "../answer/renderText.ts";
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

function passageChoices(
  index: SearchIndex,
  typed: string,
): APIApplicationCommandOptionChoice<string>[] {
  const needle = typed.trim().toLowerCase();
  const multiple = index.stories.length > 1;
  return index
    .allPassages()
    .filter((p) => p.part === null || p.part === 1)
    .filter(
      (p) =>
        needle === "" ||
        p.id.includes(needle) ||
        p.text.toLowerCase().includes(needle) ||
        paragraphLabel(p.paragraph) === needle,
    )
    .slice(0, DISCORD_LIMITS.autocompleteChoices)
    .map((p) => ({
      name: truncate(
        `${paragraphLabel(p.paragraph)}${multiple ? ` ${p.story}` : ""} · ${p.text}`,
        DISCORD_LIMITS.choiceName,
      ),
      value: p.id.replace(/\.\d+$/, "").slice(0, DISCORD_LIMITS.choiceValue),
    }));
}
