import { createPublicKey, type KeyObject, verify } from "node:crypto";

/** How far an interaction's timestamp may be from our clock before it counts as a replay. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

// RFC 8410: the DER SubjectPublicKeyInfo of an Ed25519 key is this 12-byte header, then the raw 32 bytes.
const ED25519_SPKI_HEADER = Buffer.from("302a300506032b6570032100", "hex");
const PUBLIC_KEY_HEX = /^[0-9a-f]{64}$/i;
const SIGNATURE_HEX = /^[0-9a-f]{128}$/i;
const UNIX_SECONDS = /^\d{1,12}$/;

/** Why a request was not accepted as coming from Discord; `ok` when it was. */
export type Verification =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: "missing signature" | "bad signature" | "stale timestamp";
    };

/**
 * Turns the application's public key (64 hex characters, Developer Portal → General Information)
 * into a key node:crypto can verify with.
 *
 * @example
 * const key = publicKeyFromHex(config.publicKey);
 * @throws Error naming the bad value when it is not 64 hexadecimal characters.
 */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!PUBLIC_KEY_HEX.test(hex)) {
    throw new Error(
      `verify: the public key must be 64 hexadecimal characters, got ${hex.length} characters`,
    );
  }
  const der = Buffer.concat([ED25519_SPKI_HEADER, Buffer.from(hex, "hex")]);
  return createPublicKey({ key: der, format: "der", type: "spki" });
}

/**
 * Checks that a request to the interactions endpoint was signed by Discord: an Ed25519 signature
 * (`X-Signature-Ed25519`) over `X-Signature-Timestamp` followed by the raw body, made no more than
 * five minutes from `now`, so a captured request cannot be replayed later.
 *
 * @example
 * verifyInteraction(key, headers["x-signature-ed25519"], headers["x-signature-timestamp"], body);
 * // → { ok: true } or { ok: false, reason: "bad signature" }
 */
export function verifyInteraction(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  now: number = Date.now(),
): Verification {
  if (signature === undefined || timestamp === undefined) {
    return { ok: false, reason: "missing signature" };
  }
  // Buffer.from(…, "hex") silently drops what is not hex, so check the shape first.
  if (!SIGNATURE_HEX.test(signature) || !UNIX_SECONDS.test(timestamp)) {
    return { ok: false, reason: "bad signature" };
  }
  const signed = Buffer.concat([Buffer.from(timestamp, "utf8"), body]);
  if (!verify(null, signed, key, Buffer.from(signature, "hex"))) {
    return { ok: false, reason: "bad signature" };
  }
  if (Math.abs(now - Number(timestamp) * 1000) > MAX_CLOCK_SKEW_MS) {
    return { ok: false, reason: "stale timestamp" };
  }
  return { ok: true };
}
