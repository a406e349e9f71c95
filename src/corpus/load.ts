import { readdir, realpath, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { clipAtWord, MAX_TITLE_CHARS, MAX_URL_CHARS } from "./clip.ts";
import { FrontMatterError, parseFrontMatter } from "./frontMatter.ts";
import { MAX_PARAGRAPHS, splitPassages } from "./passages.ts";
import { readStoryBytes } from "./storyFile.ts";
import type { Corpus, CorpusProblem, Story } from "./types.ts";

/** File endings read as stories; anything else in the folder is ignored. */
export const STORY_EXTENSIONS = [".md", ".markdown", ".txt"] as const;

/** Thrown when the corpus folder itself cannot be used; the message says how to fix it. */
export class CorpusError extends Error {
  override readonly name = "CorpusError";
}

/** Options for `loadCorpus`. */
export interface LoadCorpusOptions {
  /** Read story files whose real path lies outside the corpus folder (CORPUS_FOLLOW_LINKS); off by default. */
  readonly followLinks?: boolean;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Loads every story file in `dir`; a broken file, or a link out of the folder, is reported in
 * `problems` and the rest still load.
 *
 * @throws CorpusError when the folder is missing, is a file, cannot be read, or holds no story that loads.
 */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<Corpus> {
  const { files, realDir } = await listStoryFiles(dir);
  const followLinks = options.followLinks ?? false;
  const stories: Story[] = [];
  const problems: CorpusProblem[] = [];
  const slugs = new Map<string, string>();
  for (const file of files) {
    try {
      const story = parseStory(file, await readStoryFile(file, realDir, followLinks));
      const clash = slugs.get(story.slug);
      if (clash !== undefined) {
        throw new Error(`has the same name as ${clash}: rename one of them`);
      }
      slugs.set(story.slug, file);
      stories.push(story);
    } catch (error) {
      problems.push({ file, message: `${file} ${describe(error)}` });
    }
  }
  if (stories.length === 0) {
    const why = problems.length > 0 ? `: ${problems.map((p) => p.message).join("; ")}` : "";
    throw new CorpusError(
      `No story could be loaded from ${dir}${why}. Add a .md or .txt story there (see README, "Corpus format").`,
    );
  }
  return { stories, problems };
}

/** Parses one story file's text (front matter, headline, passages) into a story. */
export function parseStory(file: string, text: string): Story {
  const slug = slugFor(file);
  const normalized = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const { fields, body, bodyLine } = parseFrontMatter(normalized);
  const split = splitPassages(slug, body, bodyLine);
  if (split.passages.length === 0) throw new Error("has no text: write the story below its header");
  if (fields.url && !isHttpUrl(fields.url)) {
    throw new Error(
      `has a url that is not an http(s) link: ${JSON.stringify(fields.url.slice(0, 80))}`,
    );
  }
  if (fields.url && fields.url.length > MAX_URL_CHARS) {
    throw new Error(
      `has a url of ${fields.url.length} characters; the limit is ${MAX_URL_CHARS}: use a shorter link to the story, or leave url out`,
    );
  }
  return {
    slug,
    title: clipAtWord(fields.title || split.headline || split.firstLine || slug, MAX_TITLE_CHARS),
    source: fields.source ? clipAtWord(fields.source, MAX_TITLE_CHARS) : null,
    url: fields.url || null,
    date: fields.date ? clipAtWord(fields.date, MAX_TITLE_CHARS) : null,
    file,
    passages: split.passages,
    duplicatesRemoved: split.duplicatesRemoved,
    paragraphsDropped: split.paragraphsDropped,
  };
}

/** A warning for each story that loaded but was cut short, naming the file and the fix. */
export function describeCutStories(stories: readonly Story[]): string[] {
  return stories
    .filter((story) => story.paragraphsDropped > 0)
    .map(
      (story) =>
        `${story.file} has ${MAX_PARAGRAPHS + story.paragraphsDropped} paragraphs; only the first ${MAX_PARAGRAPHS} are served: split it into several stories`,
    );
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** Longest slug kept; ids (`<slug>#<n>`) must fit in Discord's 100-character option values. */
export const MAX_SLUG_CHARS = 80;

/** The slug of a story file: its name without the ending, lower-case, words joined by hyphens. */
export function slugFor(file: string): string {
  const name = basename(file, extname(file));
  const slug = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_SLUG_CHARS)
    .replace(/^-+|-+$/g, "");
  return slug || "story";
}

async function listStoryFiles(
  dir: string,
): Promise<{ readonly files: string[]; readonly realDir: string }> {
  let entries: string[];
  let realDir: string;
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) {
      throw new CorpusError(
        `CORPUS_DIR ${dir} is a file, not a folder: point it at the folder that holds the stories`,
      );
    }
    entries = await readdir(dir);
    realDir = await realpath(dir);
  } catch (error) {
    if (error instanceof CorpusError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new CorpusError(
        `Corpus folder ${dir} does not exist: create it and add a story, or set CORPUS_DIR`,
        { cause: error },
      );
    }
    throw new CorpusError(`Corpus folder ${dir} cannot be read (${code ?? describe(error)})`, {
      cause: error,
    });
  }
  const files = entries
    .filter((name) => !name.startsWith(".") && hasStoryExtension(name))
    .sort()
    .map((name) => join(dir, name));
  if (files.length === 0) {
    throw new CorpusError(
      `Corpus folder ${dir} has no stories: add a .md or .txt file (see README, "Corpus format")`,
    );
  }
  return { files, realDir };
}

function hasStoryExtension(name: string): boolean {
  return (STORY_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

async function readStoryFile(file: string, realDir: string, followLinks: boolean): Promise<string> {
  const bytes = await readStoryBytes(file, realDir, followLinks);
  if (bytes.includes(0)) throw new Error("is not text (it contains NUL bytes)");
  try {
    return utf8.decode(bytes);
  } catch {
    throw new Error("is not valid UTF-8: save it as UTF-8 text");
  }
}

function describe(error: unknown): string {
  if (error instanceof FrontMatterError) return `has broken front matter: ${error.message}`;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `cannot be read (${code})` : error.message;
  }
  return String(error);
}
