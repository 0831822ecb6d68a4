import type { CatalogBinding, CatalogEntry } from "../../api/types/catalog.js";
import type { CatalogBindingPayload } from "../../api/types/catalog-payloads.js";
import type { DesiredEntry } from "./desired.js";

/** An entry whose name, aliases or pushed values differ from the catalog's. */
export interface EntryUpdate {
  entry: CatalogEntry;
  want: DesiredEntry;
  /** What differs: `name`, `aliases`, or attribute names. */
  changes: string[];
}

/** What becomes of one type's entries. */
export interface EntriesPlan {
  create: DesiredEntry[];
  update: EntryUpdate[];
  /** Entries pushed before (they have an external ID) whose entity is no longer in the catalog. */
  gone: CatalogEntry[];
  unchanged: number;
  /** Entries without an external ID: made in incident.io by hand, never touched. */
  handMade: number;
}

/**
 * Compares the catalog's entries with the type's, by external ID. Only the attributes this push writes are
 * compared: values people set on the others are theirs. `cleared` attributes compare as empty, since the schema
 * change before the entries are written clears them.
 */
export function diffEntries(
  wanted: readonly DesiredEntry[],
  existing: readonly CatalogEntry[],
  written: readonly string[],
  names: ReadonlyMap<string, string>,
  cleared: ReadonlySet<string> = new Set(),
): EntriesPlan {
  const byExternalId = new Map<string, CatalogEntry>();
  let handMade = 0;
  for (const entry of existing) {
    if (entry.external_id) byExternalId.set(entry.external_id, entry);
    else handMade++;
  }
  const plan: EntriesPlan = { create: [], update: [], gone: [], unchanged: 0, handMade };
  const wantedIds = new Set<string>();
  for (const want of wanted) {
    wantedIds.add(want.externalId);
    const entry = byExternalId.get(want.externalId);
    if (entry === undefined) {
      plan.create.push(want);
      continue;
    }
    const changes: string[] = [];
    if (entry.name !== want.name) changes.push("name");
    if (!sameList(entry.aliases, want.aliases)) changes.push("aliases");
    for (const id of written) {
      const current = cleared.has(id) ? [] : literals(entry.attribute_values[id]);
      if (!sameList(current, want.values.get(id) ?? [])) changes.push(names.get(id) ?? id);
    }
    if (changes.length === 0) plan.unchanged++;
    else plan.update.push({ entry, want, changes });
  }
  for (const [externalId, entry] of byExternalId) if (!wantedIds.has(externalId)) plan.gone.push(entry);
  return plan;
}

/** The values to send for the attributes this push writes; an attribute without values is left out (cleared). */
export function attributeValues(
  want: DesiredEntry,
  written: readonly string[],
  arrays: ReadonlySet<string>,
): Record<string, CatalogBindingPayload> {
  const values: Record<string, CatalogBindingPayload> = {};
  for (const id of written) {
    const literals = want.values.get(id) ?? [];
    const [first] = literals;
    if (first === undefined) continue;
    values[id] = arrays.has(id)
      ? { array_value: literals.map((literal) => ({ literal })) }
      : { value: { literal: first } };
  }
  return values;
}

/** What was set: a reference's literal is the ID, external ID or alias it was given as. */
function literals(binding: CatalogBinding | undefined): string[] {
  if (binding === undefined) return [];
  if (binding.array_value) return binding.array_value.map((value) => value.literal ?? value.label);
  return binding.value ? [binding.value.literal ?? binding.value.label] : [];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
