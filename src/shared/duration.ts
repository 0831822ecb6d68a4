const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export const DURATION_HINT = "expected a duration like 30s, 15m, 2h or 1d";

/** "30s", "15m", "2h", "1d" → milliseconds; undefined for anything else, zero included. */
export function parseDuration(text: string): number | undefined {
  const found = /^(\d{1,6})(s|m|h|d)$/.exec(text.trim());
  if (!found) return undefined;
  const amount = Number(found[1]);
  if (amount === 0) return undefined;
  return amount * UNIT_MS[found[2] as keyof typeof UNIT_MS];
}

/** A configured duration written back the way a person would: 900000 → "15m". */
export function formatDuration(ms: number): string {
  for (const unit of ["d", "h", "m"] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${Math.round(ms / 1_000)}s`;
}

/** An elapsed time, rounded down to what a reader needs: "45s", "4m", "2h 5m", "3d 4h". */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1_000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days}d` : `${days}d ${hours % 24}h`;
}
