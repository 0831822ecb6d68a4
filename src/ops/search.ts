import { type Incident, MAX_PAGE_SIZE } from "../api/index.js";
import { type IncidentQuery, incidentsListFilter } from "./incident-query.js";
import { invalidArgument } from "./invalid-argument.js";
import { DEFAULT_LIMIT } from "./pages.js";
import type { OpsSession } from "./session.js";

/** Pages of 250 incidents read by one search unless asked otherwise: 2,500 incidents, newest first. */
export const SEARCH_DEFAULT_PAGES = 10;
export const SEARCH_MAX_PAGES = 40;
const MAX_TEXT = 200;

export interface SearchOptions {
  /** Filters incident.io applies before the text is matched (status category, severity, dates, …). */
  query?: IncidentQuery | undefined;
  /** Matches to return before stopping, 1 to 250 (default 25). */
  limit?: number | undefined;
  /** Pages of incidents to read before stopping, 1 to 40 (default 10). */
  maxPages?: number | undefined;
  /** The `nextCursor` of an earlier search with the same text and filters, to carry on where it stopped. */
  after?: string | undefined;
}

/** Why a search stopped: every incident was read, `limit` matches were found, or `maxPages` pages were read. */
export type SearchStop = "end" | "matches" | "pages";

export interface SearchResult {
  incidents: Incident[];
  /** Incidents read and tested. */
  scanned: number;
  pages: number;
  stoppedAt: SearchStop;
  /** Present unless every incident was read: pass as `after` to search on. */
  nextCursor?: string;
  /** How many incidents the filters match (all of them without filters), when incident.io says. */
  total?: number;
}

/** Where a search carries on: the page (incident.io's cursor) and how many of its matches were returned. */
interface Resume {
  after?: string | undefined;
  skip: number;
}

const CURSOR_PREFIX = "s1.";

function encodeCursor(resume: Resume): string {
  const json = JSON.stringify({ a: resume.after ?? null, k: resume.skip });
  return CURSOR_PREFIX + Buffer.from(json).toString("base64url");
}

function decodeCursor(cursor: string | undefined): Resume {
  if (cursor === undefined || cursor === "") return { skip: 0 };
  const refused = invalidArgument(
    "the cursor is not one a search returned",
    "pass the next_cursor of an earlier search with the same text and filters, or none to start from the newest",
  );
  if (!cursor.startsWith(CURSOR_PREFIX)) throw refused;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor.slice(CURSOR_PREFIX.length), "base64url").toString("utf8"));
  } catch {
    throw refused;
  }
  const { a, k } = (parsed ?? {}) as { a?: unknown; k?: unknown };
  if ((a !== null && typeof a !== "string") || typeof k !== "number" || !Number.isSafeInteger(k) || k < 0) {
    throw refused;
  }
  return { ...(typeof a === "string" && a !== "" ? { after: a } : {}), skip: k };
}

function whole(name: string, value: number | undefined, fallback: number, max: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw invalidArgument(
      `${name} must be a whole number from 1 to ${max}, got ${n}`,
      `give ${name} such as ${fallback}`,
    );
  }
  return n;
}

/** The words of the text, lower case: an incident matches when its name or summary holds every one. */
function termsOf(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === "")
    throw invalidArgument("the search text is empty", 'give words to look for, e.g. "checkout timeout"');
  if (trimmed.length > MAX_TEXT) {
    throw invalidArgument(
      `the search text is longer than ${MAX_TEXT} characters`,
      "give a few words to look for",
    );
  }
  return trimmed.toLowerCase().split(/\s+/);
}

function matcher(terms: readonly string[]): (incident: Incident) => boolean {
  return (incident) => {
    const haystack = `${incident.name}\n${incident.summary ?? ""}`.toLowerCase();
    return terms.every((term) => haystack.includes(term));
  };
}

/**
 * Incidents whose name or summary holds every word of `text` (any case), newest first. incident.io has no text
 * search, so this reads the incident list page by page and tests each incident here. It is bounded: it stops at
 * `limit` matches or after `maxPages` pages, whichever comes first, and `stoppedAt` says which; `nextCursor`
 * carries on from there.
 */
export async function searchIncidents(
  s: OpsSession,
  text: string,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const matches = matcher(termsOf(text));
  const limit = whole("limit", options.limit, DEFAULT_LIMIT, MAX_PAGE_SIZE);
  const maxPages = whole("maxPages", options.maxPages, SEARCH_DEFAULT_PAGES, SEARCH_MAX_PAGES);
  let { after, skip } = decodeCursor(options.after);
  const filter = await incidentsListFilter(s.lookups, options.query);
  const found: Incident[] = [];
  let scanned = 0;
  let total: number | undefined;
  for (let pages = 1; ; pages++) {
    const page = await s.io.incidents.listPage(filter, {
      pageSize: MAX_PAGE_SIZE,
      after,
    });
    total ??= page.paginationMeta?.total_record_count;
    const next = page.paginationMeta?.after || undefined;
    const done = (stoppedAt: SearchStop, resume?: Resume): SearchResult => ({
      incidents: found,
      scanned,
      pages,
      stoppedAt,
      ...(resume ? { nextCursor: encodeCursor(resume) } : {}),
      ...(total !== undefined ? { total } : {}),
    });
    let seen = 0;
    for (const [index, incident] of page.incidents.entries()) {
      scanned++;
      if (!matches(incident)) continue;
      seen++;
      if (seen <= skip) continue;
      found.push(incident);
      if (found.length < limit) continue;
      const last = index === page.incidents.length - 1;
      if (!last) return done("matches", { after, skip: seen });
      return next === undefined ? done("end") : done("matches", { after: next, skip: 0 });
    }
    if (next === undefined) return done("end");
    if (pages >= maxPages) return done("pages", { after: next, skip: 0 });
    after = next;
    skip = 0;
  }
}
