import type { CatalogEntryRecord, CatalogTypeRecord } from "./model.js";
import type { EmulatorState } from "./state.js";

/**
 * incident.io's teams are entries of the catalog's team type (`TeamV3.catalog_entry`), so a team ID is the ID of
 * a live entry of a type in the `team` category (or the conventional `Custom["Team"]` type).
 */
export function isTeamType(type: CatalogTypeRecord): boolean {
  return type.categories?.includes("team") === true || type.type_name === 'Custom["Team"]';
}

/** The team with this ID, or undefined when there is none (or it was archived). */
export function teamEntry(state: EmulatorState, id: string): CatalogEntryRecord | undefined {
  const entry = state.get("catalog_entries", id);
  if (!entry || entry.archived_at) return undefined;
  const type = state.get("catalog_types", entry.catalog_type_id);
  return type && !type.archived_at && isTeamType(type) ? entry : undefined;
}
