import { type CatalogEntry, type IncidentIo, IncidentIoApiError } from "../api/index.js";
import type { Clock } from "../shared/clock.js";
import { type CatalogMatch, matchCatalogEntry } from "./catalog-entry-match.js";

/** One page of the largest size incident.io gives: a type that fits in it is read whole, in one request. */
const FIRST_PAGE = 250;
/** How many entries an `identifier` search reads: it names one entry, or a few sharing an alias. */
const IDENTIFIER_LIMIT = 50;
/** Past this many kept reads (one per distinct value searched), the stale ones are dropped. */
const PRUNE_ABOVE = 500;

/**
 * How long catalog reads are kept. Shorter than the session: unlike severities or fields, entries come and go while
 * a hub or MCP server runs (an import, `catalog push`), and a rule naming a service added a minute ago should find it.
 */
export const CATALOG_MAX_AGE_MS = 60_000;

/** The outcome of looking a value up in a catalog type. */
export type CatalogLookup =
  | (CatalogMatch & {
      /** Every entry of the type, when they were read to look: for listing in an error. */
      all?: readonly CatalogEntry[];
    })
  /** The API key may not read the catalog: incident.io itself takes an ID, external ID or alias as given. */
  | { kind: "unreadable" };

interface Kept<T> {
  at: number;
  value: Promise<T>;
}

function forbidden(error: unknown): boolean {
  return error instanceof IncidentIoApiError && error.status === 403;
}

/**
 * Catalog entries by name, alias, external ID or ID, for one session. A type whose entries fit in one page is read
 * once and matched locally; for a larger one the value is first looked for with the list's `identifier` filter (one
 * small request, an exact match on ID, external ID, alias, or name when the type allows it), and only a value that
 * finds nothing that way (another case, or a name) has the whole type read, page by page. Concurrent callers share
 * each request; failures are not kept.
 */
export class CatalogEntryLookups {
  private readonly kept = new Map<string, Kept<unknown>>();

  constructor(
    private readonly io: IncidentIo,
    private readonly clock: Clock,
    private readonly maxAgeMs = CATALOG_MAX_AGE_MS,
  ) {}

  async find(catalogTypeId: string, value: string): Promise<CatalogLookup> {
    try {
      return await this.look(catalogTypeId, value.trim());
    } catch (error) {
      if (forbidden(error)) return { kind: "unreadable" };
      throw error;
    }
  }

  private async look(typeId: string, value: string): Promise<CatalogLookup> {
    const first = await this.firstPage(typeId);
    const whole = first.complete
      ? Promise.resolve(first.entries)
      : this.fresh<CatalogEntry[]>(`all:${typeId}`);
    if (whole) {
      const all = await whole;
      return { ...matchCatalogEntry(all, value), all };
    }
    if (value === "") return { kind: "none" };
    const named = await this.keep(`identifier:${typeId}\u0000${value}`, () =>
      collect(
        this.io.catalogEntries.list(
          { catalogTypeId: typeId, identifier: value },
          { limit: IDENTIFIER_LIMIT },
        ),
      ),
    );
    const match = matchCatalogEntry(named, value);
    if (match.kind !== "none") return match;
    const all = await this.keep(`all:${typeId}`, () =>
      collect(this.io.catalogEntries.list({ catalogTypeId: typeId })),
    );
    return { ...matchCatalogEntry(all, value), all };
  }

  private firstPage(typeId: string): Promise<{ entries: CatalogEntry[]; complete: boolean }> {
    return this.keep(`first:${typeId}`, async () => {
      const page = await this.io.catalogEntries.listPage({ catalogTypeId: typeId }, { pageSize: FIRST_PAGE });
      return { entries: page.entries, complete: !page.paginationMeta.after };
    });
  }

  /** What is kept under `key` and still fresh; undefined otherwise. */
  private fresh<T>(key: string): Promise<T> | undefined {
    const kept = this.kept.get(key);
    if (!kept || this.clock.now() - kept.at >= this.maxAgeMs) return undefined;
    return kept.value as Promise<T>;
  }

  private keep<T>(key: string, load: () => Promise<T>): Promise<T> {
    const fresh = this.fresh<T>(key);
    if (fresh) return fresh;
    const value = load();
    const kept: Kept<T> = { at: this.clock.now(), value };
    if (this.kept.size >= PRUNE_ABOVE) this.prune();
    this.kept.set(key, kept);
    value.catch(() => {
      if (this.kept.get(key) === kept) this.kept.delete(key);
    });
    return value;
  }

  /** A hub resolves whatever its alerts' labels say, so searches by value must not pile up for its lifetime. */
  private prune(): void {
    const now = this.clock.now();
    for (const [key, kept] of this.kept) if (now - kept.at >= this.maxAgeMs) this.kept.delete(key);
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
