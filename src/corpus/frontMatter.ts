/** The metadata keys a story's front matter may set. */
export const FRONT_MATTER_KEYS = ["title", "source", "url", "date"] as const;

/** A front matter key the corpus understands. */
export type FrontMatterKey = (typeof FRONT_MATTER_KEYS)[number];

/** Front matter values by key, and the body that follows with its first line number. */
export interface FrontMatter {
  readonly fields: Partial<Record<FrontMatterKey, string>>;
  readonly body: string;
  /** 1-based line number of the body's first line in the file. */
  readonly bodyLine: number;
}

/** Thrown for front matter that cannot be read; the message names the line and the fix. */
export class FrontMatterError extends Error {
  override readonly name = "FrontMatterError";
}

const FENCE = /^---\s*$/;
// `s`: a value may hold any character but the line break, U+2028 and a lone \r included.
const FIELD = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/s;

/**
 * Splits optional `---` front matter (simple `key: value` lines) from the story text.
 *
 * @example parseFrontMatter("---\ntitle: Hi\n---\nText").fields.title === "Hi"
 */
export function parseFrontMatter(text: string): FrontMatter {
  const lines = text.split("\n");
  if (!FENCE.test(lines[0] ?? "")) return { fields: {}, body: text, bodyLine: 1 };
  const end = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (end === -1) {
    throw new FrontMatterError(
      "front matter opened by '---' on line 1 is never closed: add a line '---' after the header",
    );
  }
  const fields: Partial<Record<FrontMatterKey, string>> = {};
  for (let i = 1; i < end; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const match = FIELD.exec(line);
    if (!match) {
      throw new FrontMatterError(
        `front matter line ${i + 1} is not 'key: value': ${JSON.stringify(line.slice(0, 80))}`,
      );
    }
    const key = (match[1] ?? "").toLowerCase();
    if (isFrontMatterKey(key)) fields[key] = unquote((match[2] ?? "").trim());
  }
  return { fields, body: lines.slice(end + 1).join("\n"), bodyLine: end + 2 };
}

function isFrontMatterKey(key: string): key is FrontMatterKey {
  return (FRONT_MATTER_KEYS as readonly string[]).includes(key);
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/s.exec(value);
  return quoted ? (quoted[2] ?? "") : value;
}
