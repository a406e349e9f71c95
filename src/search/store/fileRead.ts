/** Reading a snapshot file by ranges: its header line, then its payload at an offset. */
import { readSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { crc32 } from "node:zlib";
import { decodePayload, type SnapshotContent } from "./codec.ts";
import type { ByteSource } from "./lazyStrings.ts";
import { eagerLengthOf, PAYLOAD_PREFIX_BYTES, tablesLengthOf } from "./payload.ts";

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

/** The payload's length and CRC-32 (zlib's), as a snapshot's header announces them. */
export interface PayloadSummary {
  readonly bytes: number;
  readonly crc32: number;
}

// The lazy strings are checked by their CRC-32 through a buffer of this size, not kept.
const CHECK_CHUNK_BYTES = 8 * 2 ** 20;

/**
 * Reads, checks and decodes the index part of a snapshot, or null when it does not match its
 * checksum. The tables are read into a buffer of their own, which the index keeps as its arrays;
 * the JSON section and strings are garbage once decoded; the strings a reader may leave unread
 * (the passage texts) are only checked, and stay in the file as `tail`, read when asked for. Where
 * the prefix says the parts end only decides how the bytes are split: the checksum covers them
 * all, a damaged prefix included.
 */
export async function readPayload(
  file: FileHandle,
  offset: number,
  expected: PayloadSummary,
): Promise<{ readonly content: SnapshotContent; readonly tail: ByteSource | null } | null> {
  const prefix = Buffer.alloc(Math.min(PAYLOAD_PREFIX_BYTES, expected.bytes));
  let bytesRead = await readAt(file, prefix, offset);
  let left = expected.bytes - prefix.length;
  const tablesBytes = Math.min(tablesLengthOf(prefix), left);
  left -= tablesBytes;
  const eagerBytes = Math.min(eagerLengthOf(prefix), left);
  // Not from Buffer's shared pool, so the tables start 8-byte aligned and nothing else is kept.
  const tables = Buffer.allocUnsafeSlow(tablesBytes);
  const rest = Buffer.allocUnsafeSlow(eagerBytes);
  bytesRead += await readAt(file, tables, offset + prefix.length);
  bytesRead += await readAt(file, rest, offset + prefix.length + tablesBytes);
  let checksum = crc32(rest, crc32(tables, crc32(prefix)));
  const tailStart = offset + prefix.length + tablesBytes + eagerBytes;
  const tailBytes = left - eagerBytes;
  const chunk = Buffer.allocUnsafeSlow(Math.min(CHECK_CHUNK_BYTES, tailBytes));
  for (let at = 0; at < tailBytes; at += chunk.length) {
    const part = chunk.subarray(0, Math.min(chunk.length, tailBytes - at));
    const read = await readAt(file, part, tailStart + at);
    bytesRead += read;
    checksum = crc32(part.subarray(0, read), checksum);
    if (read < part.length) break;
  }
  if (bytesRead !== expected.bytes || checksum !== expected.crc32) return null;
  const tail = tailBytes > 0 ? fileSource(file, tailStart, tailBytes) : null;
  return { content: decodePayload({ tables, rest, ...(tail && { tail }) }), tail };
}

/** A stretch of an open file as a `ByteSource`, read synchronously: a search cannot wait. */
function fileSource(file: FileHandle, start: number, length: number): ByteSource {
  return {
    length,
    read: (at, bytes) => {
      const buffer = Buffer.allocUnsafe(bytes);
      const read = readSync(file.fd, buffer, 0, bytes, start + at);
      if (read !== bytes) {
        throw new Error(
          `snapshot file: ${read} of ${bytes} bytes at ${start + at}; it was cut since loaded`,
        );
      }
      return buffer;
    },
  };
}
