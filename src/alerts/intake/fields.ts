import { z } from "zod";
import { isHttpUrl } from "../../shared/http-url.js";

/** Longest title or dedup key accepted; longer titles from senders we do not control are shortened. */
export const MAX_TEXT = 255;

/** Longest label or annotation value kept; longer ones are cut and marked, so one alert cannot bloat the store. */
export const MAX_VALUE = 4096;
const CUT_MARK = "…[truncated]";

const isoDateTime = z.iso.datetime({ offset: true });

/** Alertmanager and Grafana write year 1 for "no time"; past year 9999 a date no longer prints as ISO 8601. */
function isUsableTime(ms: number): boolean {
  const year = new Date(ms).getUTCFullYear();
  return year > 1 && year <= 9999;
}

/**
 * An ISO 8601 date-time normalised to UTC (`2024-05-01T10:00:00.000Z`), or undefined when it is not one
 * or is the zero time.
 */
export function normaliseTime(value: unknown): string | undefined {
  if (typeof value !== "string" || !isoDateTime.safeParse(value).success) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !isUsableTime(ms)) return undefined;
  return new Date(ms).toISOString();
}

/** A lower-cased, trimmed severity, or undefined when blank. */
export function normaliseSeverity(value: string | undefined): string | undefined {
  const severity = value?.trim().toLowerCase();
  return severity ? severity : undefined;
}

/** Text cut to `MAX_TEXT` characters, ending in "…" when cut. */
export function clip(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}

/** A label or annotation value cut to `MAX_VALUE` characters, marked when cut. */
export function capValue(value: string): string {
  return value.length <= MAX_VALUE ? value : `${value.slice(0, MAX_VALUE - CUT_MARK.length)}${CUT_MARK}`;
}

/** An http(s) URL, resolved against `base` when it is relative (Alertmanager sends `/graph?…` without one). */
export function resolveHttpUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  if (isHttpUrl(value)) return value;
  if (base === undefined || !isHttpUrl(base)) return undefined;
  try {
    const resolved = new URL(value, base).toString();
    return isHttpUrl(resolved) ? resolved : undefined;
  } catch {
    return undefined;
  }
}

/** Events drop their undefined properties, so they compare and serialise cleanly. */
export { withoutUndefined } from "../../shared/defined.js";

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
