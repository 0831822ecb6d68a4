import { notFound } from "./errors.js";
import type {
  CatalogAttributeRecord,
  CatalogEntryRecord,
  CatalogSchemaRecord,
  CatalogTypeRecord,
} from "./model.js";
import type { EmulatorState } from "./state.js";

/**
 * Reading the catalog out of the emulator's state. Deleted types and entries stay stored (archived), so incidents
 * that name them still show them; everything here sees only the live ones, as the catalog API does.
 */

/** The attribute types that hold a value rather than point at a catalog entry. */
export const PRIMITIVE_TYPES = ["String", "Text", "Number", "Bool"] as const;
const PRIMITIVES: ReadonlySet<string> = new Set(PRIMITIVE_TYPES);

export function isPrimitive(type: string): boolean {
  return PRIMITIVES.has(type);
}

/** Attributes whose values incident.io works out from other entries; they cannot be set. */
export function isDerived(attribute: CatalogAttributeRecord): boolean {
  return attribute.mode === "backlink" || attribute.mode === "path";
}

/** A type written before Catalog V3 has no schema yet: version 1, no attributes, as a new type starts. */
export function schemaOf(type: CatalogTypeRecord): CatalogSchemaRecord {
  return type.schema ?? { version: 1, attributes: [] };
}

export function liveType(state: EmulatorState, id: string): CatalogTypeRecord | undefined {
  const type = state.get("catalog_types", id);
  return type && type.archived_at === undefined ? type : undefined;
}

export function requireType(state: EmulatorState, id: string): CatalogTypeRecord {
  const type = liveType(state, id);
  if (!type) throw notFound("catalog type", id);
  return type;
}

export function liveTypes(state: EmulatorState): CatalogTypeRecord[] {
  return state.list("catalog_types").filter((type) => type.archived_at === undefined);
}

/** The live type an attribute of type `typeName` (e.g. `Custom["Team"]`) points at. */
export function typeByName(state: EmulatorState, typeName: string): CatalogTypeRecord | undefined {
  for (const type of state.values("catalog_types")) {
    if (type.archived_at === undefined && type.type_name === typeName) return type;
  }
  return undefined;
}

export function liveEntry(state: EmulatorState, id: string): CatalogEntryRecord | undefined {
  const entry = state.get("catalog_entries", id);
  return entry && entry.archived_at === undefined ? entry : undefined;
}

export function requireEntry(state: EmulatorState, id: string): CatalogEntryRecord {
  const entry = liveEntry(state, id);
  if (!entry || !liveType(state, entry.catalog_type_id)) throw notFound("catalog entry", id);
  return entry;
}

/**
 * A type's live entries in the order lists return them: ranked types by rank, the rest as created. The sort is
 * stable, so entries of equal rank keep their creation order and cursors stay meaningful.
 */
export function liveEntries(state: EmulatorState, type: CatalogTypeRecord): CatalogEntryRecord[] {
  const entries = [...state.catalogEntries.live(type.id)];
  if (type.ranked) entries.sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  return entries;
}

/**
 * Whether `identifier` names the entry: its ID, external ID or an alias, and its name when the type uses names as
 * identifiers (the description of `GET /v3/catalog_entries?identifier=`).
 */
export function entryIsNamed(entry: CatalogEntryRecord, identifier: string, byName: boolean): boolean {
  return (
    entry.id === identifier ||
    entry.external_id === identifier ||
    entry.aliases.includes(identifier) ||
    (byName && entry.name === identifier)
  );
}

/**
 * The live entry of a type that a custom field value names: by ID, external ID or alias, as
 * `value_catalog_entry_id` is documented to take. Deleted entries are no longer valid values.
 */
export function findEntryForField(
  state: EmulatorState,
  catalogTypeId: string,
  reference: string,
): CatalogEntryRecord | undefined {
  const direct = liveEntry(state, reference);
  if (direct) return direct.catalog_type_id === catalogTypeId ? direct : undefined;
  for (const entry of state.values("catalog_entries")) {
    if (entry.catalog_type_id !== catalogTypeId || entry.archived_at !== undefined) continue;
    if (entryIsNamed(entry, reference, false)) return entry;
  }
  return undefined;
}
