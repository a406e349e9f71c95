/** Reading a snapshot file by ranges: its header line, then its payload at an offset. */
import type { FileHandle } from "node:fs/promises";

const HEADER_CHUNK_BYTES = 64 * 1024;

/** Fills `buffer` from `position` on, or as much of it as the file holds; returns the bytes read. */
export async function readAt(file: FileHandle, buffer: Buffer, position: number): Promise<number> {
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await file.read(
      buffer,
      filled,
      buffer.length - filled,
      position + filled,
    );
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}

/** The file's first line (without the newline) and the offset after it; the whole file if none. */
export async function readFirstLine(
  file: FileHandle,
  size: number,
): Promise<{ readonly text: string; readonly next: number }> {
  const chunks: Buffer[] = [];
  let offset = 0;
  while (offset < size) {
    const chunk = Buffer.allocUnsafe(Math.min(HEADER_CHUNK_BYTES, size - offset));
    const { bytesRead } = await file.read(chunk, 0, chunk.length, offset);
    if (bytesRead === 0) break;
    const newline = chunk.subarray(0, bytesRead).indexOf(0x0a);
    if (newline !== -1) {
      chunks.push(chunk.subarray(0, newline));
      return { text: Buffer.concat(chunks).toString("utf8"), next: offset + newline + 1 };
    }
    chunks.push(chunk.subarray(0, bytesRead));
    offset += bytesRead;
  }
  return { text: Buffer.concat(chunks).toString("utf8"), next: size };
}
