import { relativeTime } from "../../shared/relative-time.js";

export { relativeTime };

/** "2026-11-23 14:02 UTC": the absolute time a relative one stands for. */
export function absoluteTime(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "45s", "12m", "3h 20m", "2d 4h": a duration in its two largest units. */
export function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "–";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days}d` : `${days}d ${hours % 24}h`;
}

/** The service page of an entity. */
export function serviceUrl(ref: string): string {
  return `/services/${encodeURIComponent(ref)}`;
}

/** The incident's page here. */
export function incidentUrl(id: string): string {
  return `/incidents/${encodeURIComponent(id)}`;
}

/**
 * An address safe to put in `href`: a path on this site or an http(s) URL. Anything else (`javascript:`,
 * `data:`, protocol-relative `//host`) gives undefined, so the caller shows plain text.
 */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** "1 incident", "3 incidents". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? noun : nouns}`;
}

/** A query string from the values that are set, with a leading "?" (or "" when none is). */
export function queryString(values: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
