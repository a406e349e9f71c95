import { constants } from "node:fs";
import { lstat, open, readlink, realpath, stat } from "node:fs/promises";
import { dirname, isAbsolute, relative, sep } from "node:path";

/** Largest story file read, in bytes; news stories are a few kilobytes. */
export const MAX_STORY_BYTES = 5 * 1024 * 1024;

// Where the platform has them (not Windows): opening the resolved path refuses a link put in its
// place after it was checked, and a named pipe is opened without waiting for a writer, then refused.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Thrown for a story file whose real path lies outside the corpus folder; the message names the link, where it leads and the fix. */
export class OutsideCorpusError extends Error {
  override readonly name = "OutsideCorpusError";
}

/** Thrown for a symbolic link whose target does not exist. */
export class BrokenLinkError extends Error {
  override readonly name = "BrokenLinkError";
}

/**
 * The real path of a story file in the corpus folder, after every symbolic link on the way.
 *
 * A link out of the corpus folder is refused unless `followLinks` is set: otherwise whoever can
 * write to the corpus (or a link made by mistake) would serve any file the bot can read through
 * /ask and /passage, as `corpus/link.md → /etc/passwd` once did.
 *
 * @param realCorpusDir the corpus folder's own real path (`realpath(dir)`), so a corpus folder that is itself a link still holds its files.
 * @throws OutsideCorpusError for a link out of the folder, BrokenLinkError for a link to nothing, or the file system's error.
 */
export async function resolveStoryFile(
  file: string,
  realCorpusDir: string,
  followLinks: boolean,
): Promise<string> {
  let real: string;
  try {
    real = await realpath(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && (await lstat(file).catch(() => null))?.isSymbolicLink()) {
      throw new BrokenLinkError(
        `is a link to ${await readlink(file)}, which does not exist: remove the link or restore its target`,
      );
    }
    throw error;
  }
  if (followLinks || isInside(real, realCorpusDir)) return real;
  const isFolder = (await stat(real).catch(() => null))?.isDirectory() ?? false;
  const target = isFolder ? `the folder ${real}` : `a file in ${dirname(real)}`;
  throw new OutsideCorpusError(
    `is a link to ${target}, outside the corpus folder ${realCorpusDir}: move the story into the folder, or set CORPUS_FOLLOW_LINKS=true to follow links out of it`,
  );
}

/** True when `path` is `folder` or lies anywhere below it (both real, absolute paths). */
function isInside(path: string, folder: string): boolean {
  const rest = relative(folder, path);
  return rest !== ".." && !rest.startsWith(`..${sep}`) && !isAbsolute(rest);
}

/**
 * The bytes of a story file in the corpus folder: a regular file of at most `MAX_STORY_BYTES`,
 * inside the folder unless `followLinks` is set (see `resolveStoryFile`).
 *
 * @throws OutsideCorpusError, BrokenLinkError, an Error naming the problem, or the file system's error.
 */
export async function readStoryBytes(
  file: string,
  realCorpusDir: string,
  followLinks: boolean,
): Promise<Buffer> {
  const real = await resolveStoryFile(file, realCorpusDir, followLinks);
  // Checked before opening too: opening a device or a pipe can have effects of its own.
  if (!(await stat(real)).isFile()) throw new Error("is not a regular file");
  const handle = await open(real, OPEN_FLAGS);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error("is not a regular file");
    if (info.size > MAX_STORY_BYTES) {
      throw new Error(
        `is ${info.size} bytes; the limit is ${MAX_STORY_BYTES}: split it into stories`,
      );
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
