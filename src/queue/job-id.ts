import { createHash } from "node:crypto";

/**
 * The job id for a job name and idempotency key: a name-based UUID (version 5 layout over SHA-1), so the
 * same job sent twice maps to one id and the queue stores it once.
 */
export function jobId(name: string, key: string): string {
  const bytes = createHash("sha1").update(`${name}\0${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
