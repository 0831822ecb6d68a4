const UNIT_BYTES = {
  b: 1,
  kb: 1_000,
  mb: 1_000_000,
  gb: 1_000_000_000,
  kib: 1_024,
  mib: 1_048_576,
  gib: 1_073_741_824,
} as const;

export const BYTE_SIZE_HINT = "expected a size like 512KiB, 10MiB, 1GiB or 10MB, or a number of bytes";

/**
 * "512KiB", "10MiB", "1GiB", "10MB", "2048" or 2048 → bytes; undefined for anything else, zero and fractions of
 * a byte included. KiB, MiB and GiB count in 1024s; KB, MB and GB in 1000s, as their standards define them.
 */
export function parseByteSize(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  const found = /^(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?$/i.exec(value.trim());
  if (!found) return undefined;
  const unit = (found[2]?.toLowerCase() ?? "b") as keyof typeof UNIT_BYTES;
  const bytes = Number(found[1]) * UNIT_BYTES[unit];
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/** A size written back the way a person would: 10485760 → "10MiB", 1500 → "1500 bytes". */
export function formatByteSize(bytes: number): string {
  for (const unit of ["gib", "mib", "kib"] as const) {
    if (bytes >= UNIT_BYTES[unit] && bytes % UNIT_BYTES[unit] === 0) {
      return `${bytes / UNIT_BYTES[unit]}${unit[0]?.toUpperCase()}iB`;
    }
  }
  return `${bytes} bytes`;
}
