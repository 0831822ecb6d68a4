import type { CatalogEntryRecord } from "./model.js";

/**
 * The live catalog entries of each type, and each type's entries by external ID, kept in step with every commit.
 * Creating an entry checks its type's count and external IDs, and rendering one resolves its references: without
 * these, each of those scanned every entry of every type, and an import of thousands of entries slowed to a crawl.
 */
export class CatalogEntryIndex {
  /** Live entries per type ID, in the order they were first stored, as the state's own map keeps them. */
  private readonly byType = new Map<string, Map<string, CatalogEntryRecord>>();
  private readonly byExternalId = new Map<string, CatalogEntryRecord>();

  /** After `previous` (if any) was replaced by `next` (if any). */
  set(previous: CatalogEntryRecord | undefined, next: CatalogEntryRecord | undefined): void {
    if (previous?.external_id !== undefined)
      this.byExternalId.delete(key(previous.catalog_type_id, previous.external_id));
    if (previous) this.byType.get(previous.catalog_type_id)?.delete(previous.id);
    if (next === undefined || next.archived_at !== undefined) return;
    let entries = this.byType.get(next.catalog_type_id);
    if (!entries) {
      entries = new Map();
      this.byType.set(next.catalog_type_id, entries);
    }
    entries.set(next.id, next);
    if (next.external_id !== undefined)
      this.byExternalId.set(key(next.catalog_type_id, next.external_id), next);
  }

  live(typeId: string): IterableIterator<CatalogEntryRecord> {
    return (this.byType.get(typeId) ?? new Map<string, CatalogEntryRecord>()).values();
  }

  count(typeId: string): number {
    return this.byType.get(typeId)?.size ?? 0;
  }

  withExternalId(typeId: string, externalId: string): CatalogEntryRecord | undefined {
    return this.byExternalId.get(key(typeId, externalId));
  }
}

function key(typeId: string, externalId: string): string {
  return `${typeId}\u0000${externalId}`;
}
