/**
 * SQuAD v1.1 dev as the evals read it: each article a story made by the bot's own corpus code
 * (`parseStory`), each paragraph one block, and each question with its gold paragraph and answers.
 * The tune half is for tuning; the test half for reporting.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseStory } from "../../src/corpus/load.ts";
import type { Passage, Story } from "../../src/corpus/types.ts";

const SQUAD_DIR = join(import.meta.dirname, "..", "fixtures", "squad");

/** The two halves of SQuAD dev: tune on the first, report the second. */
export const HALVES = ["tune", "test"] as const;
export type Half = (typeof HALVES)[number];

interface SquadFile {
  readonly data: readonly {
    readonly title: string;
    readonly paragraphs: readonly {
      readonly context: string;
      readonly qas: readonly {
        readonly id: string;
        readonly question: string;
        readonly answers: readonly { readonly text: string }[];
      }[];
    }[];
  }[];
}

/** One SQuAD question. */
export interface Question {
  readonly text: string;
  /** `<story-slug>#<paragraph>`: any passage of that paragraph is a hit. */
  readonly gold: string;
  /** The paragraph the question was written from. */
  readonly context: string;
  /** The answers SQuAD accepts, as written in the paragraph. */
  readonly answers: readonly string[];
}

/** One half of SQuAD dev as stories and questions. */
export interface Dataset {
  readonly stories: Story[];
  readonly passages: Passage[];
  readonly questions: Question[];
  readonly paragraphs: number;
}

/** Reads one half of SQuAD dev into stories, one per article, and its questions. */
export function loadHalf(half: Half): Dataset {
  const file = join(SQUAD_DIR, `squad-v1.1-dev-${half}.json`);
  const squad = JSON.parse(readFileSync(file, "utf8")) as SquadFile;
  const stories: Story[] = [];
  const questions: Question[] = [];
  let paragraphs = 0;
  for (const article of squad.data) {
    const title = article.title.replace(/_/g, " ");
    // One line per paragraph, blank lines between: the splitter keeps each as one block.
    const body = article.paragraphs.map((p) => p.context.replace(/\s+/g, " ").trim()).join("\n\n");
    const story = parseStory(`${article.title}.md`, `---\ntitle: ${title}\n---\n${body}\n`);
    const found = new Set(story.passages.map((p) => p.paragraph)).size;
    if (found !== article.paragraphs.length) {
      throw new Error(
        `squad eval: article ${article.title} has ${article.paragraphs.length} paragraphs but the splitter made ${found}`,
      );
    }
    stories.push(story);
    paragraphs += found;
    article.paragraphs.forEach((p, i) => {
      const context = p.context.replace(/\s+/g, " ").trim();
      for (const qa of p.qas) {
        questions.push({
          text: qa.question,
          gold: `${story.slug}#${i + 1}`,
          context,
          answers: qa.answers.map((a) => a.text),
        });
      }
    });
  }
  return { stories, passages: stories.flatMap((s) => s.passages), questions, paragraphs };
}

/** The paragraph a passage id belongs to: "story#4.2" → "story#4". */
export function paragraphOf(passageId: string): string {
  return passageId.replace(/\.\d+$/, "");
}
