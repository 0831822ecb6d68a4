import { createHash } from "node:crypto";

/** JSON with object keys sorted and undefined members left out, so equal inputs give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(",")}}`;
}

/**
 * The idempotency key for an operation nobody gave a key for: `incidentkit-<op>-<32 hex>`, the hex from
 * sha256(alias + canonical JSON of the normalised input). Same account, same input: same key.
 */
export function deriveIdempotencyKey(alias: string, operation: string, normalisedInput: unknown): string {
  const digest = createHash("sha256")
    .update(alias + canonicalJson(normalisedInput))
    .digest("hex");
  return `incidentkit-${operation}-${digest.slice(0, 32)}`;
}

/** The key of generation `n` (1, 2, …) of a derived key: the first is the key itself. */
export function generationKey(key: string, n: number): string {
  if (n === 1) return key;
  const digest = createHash("sha256").update(`${key}#${n}`).digest("hex");
  return `${key.slice(0, key.lastIndexOf("-") + 1)}${digest.slice(0, 32)}`;
}
