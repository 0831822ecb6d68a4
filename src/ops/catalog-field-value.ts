import type { CatalogEntry, CustomField } from "../api/index.js";
import { describeEntry } from "./catalog-entry-match.js";
import { invalidArgument } from "./invalid-argument.js";
import type { Lookups } from "./lookups.js";

/** How many entries an error lists before it only counts them. */
const LISTED = 20;
const SIMILAR = 5;

/** The command that lists a type's entries, for the hint of a value that names none. */
export function listEntriesCommand(catalogTypeId: string): string {
  return `incidentkit api GET /v3/catalog_entries -q catalog_type_id=${catalogTypeId} -q page_size=250 --paginate`;
}

function shown(entry: CatalogEntry): string {
  return entry.external_id && entry.external_id !== entry.name
    ? `${entry.name} (${entry.external_id})`
    : entry.name;
}

/** Entries whose name, alias or external ID contains the value or is contained in it: likely what was meant. */
function similar(entries: readonly CatalogEntry[], value: string): CatalogEntry[] {
  const wanted = value.trim().toLowerCase();
  if (wanted.length < 3) return [];
  return entries.filter((entry) =>
    [entry.name, entry.external_id ?? "", ...entry.aliases]
      .map((identifier) => identifier.trim().toLowerCase())
      .some(
        (identifier) =>
          identifier.length >= 3 && (identifier.includes(wanted) || wanted.includes(identifier)),
      ),
  );
}

function entriesNote(field: CustomField, all: readonly CatalogEntry[] | undefined, value: string): string {
  if (all === undefined) return "";
  if (all.length === 0) return ` ("${field.name}"'s catalog type has no entries yet)`;
  const near = similar(all, value);
  if (near.length > 0) return `, perhaps ${near.slice(0, SIMILAR).map(shown).join(", ")}`;
  if (all.length <= LISTED) return `: ${all.map(shown).join(", ")}`;
  return `, e.g. ${all.slice(0, LISTED).map(shown).join(", ")} (${all.length} in all)`;
}

/**
 * The catalog entry ID to send for `value` in the catalog-backed `field`: the entry it names by name, alias,
 * external ID or ID, in any case. A value naming several entries, or none, is refused naming the field and the
 * value. When the API key may not read the catalog, the value goes as given: incident.io itself takes an entry's ID,
 * external ID or alias.
 */
export async function catalogEntryId(
  lookups: Lookups,
  field: CustomField,
  catalogTypeId: string,
  value: string,
): Promise<string> {
  const found = await lookups.catalogEntries.find(catalogTypeId, value);
  switch (found.kind) {
    case "found":
      return found.entry.id;
    case "unreadable":
      return value;
    case "ambiguous":
      throw invalidArgument(
        `"${field.name}": ${JSON.stringify(value)} names ${found.candidates.length} catalog entries: ${found.candidates
          .map(describeEntry)
          .join("; ")}`,
        "give the one you mean by its external ID or ID",
      );
    case "none":
      throw invalidArgument(
        `"${field.name}" has no catalog entry ${JSON.stringify(value)}`,
        `give an entry's name, alias, external ID or ID (any case)${entriesNote(field, found.all, value)}; ` +
          `list them with: ${listEntriesCommand(catalogTypeId)}`,
      );
  }
}
