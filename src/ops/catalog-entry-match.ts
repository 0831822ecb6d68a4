import type { CatalogEntry } from "../api/index.js";

/** What a value names among a catalog type's entries. */
export type CatalogMatch =
  | { kind: "found"; entry: CatalogEntry }
  | { kind: "ambiguous"; candidates: CatalogEntry[] }
  | { kind: "none" };

/**
 * The ways a value can name an entry, strongest first. An ID or an external ID is unique within its type, so it
 * names one entry even when it is also another entry's name or alias (a rule's `{{ labels.service }}` is usually
 * the external ID a catalog import gave). Names and aliases are chosen by people and may collide: they share a tier,
 * so a value that is one entry's name and another's alias is ambiguous rather than quietly either.
 */
const TIERS: ReadonlyArray<(entry: CatalogEntry) => readonly string[]> = [
  (entry) => [entry.id],
  (entry) => (entry.external_id ? [entry.external_id] : []),
  (entry) => [entry.name, ...entry.aliases],
];

const fold = (text: string): string => text.trim().toLowerCase();

/**
 * The entry `value` names by ID, external ID, name or alias, ignoring case and surrounding spaces. When the
 * strongest tier that matches holds several entries, the value is ambiguous and all of them are returned: case
 * does not tell "Checkout" from "checkout" for people, so it does not here either.
 */
export function matchCatalogEntry(entries: readonly CatalogEntry[], value: string): CatalogMatch {
  const wanted = value.trim();
  if (wanted === "") return { kind: "none" };
  const folded = fold(wanted);
  for (const identifiers of TIERS) {
    const matching = entries.filter((entry) => identifiers(entry).some((id) => fold(id) === folded));
    if (matching.length === 0) continue;
    if (matching.length === 1) return { kind: "found", entry: matching[0] as CatalogEntry };
    return { kind: "ambiguous", candidates: matching };
  }
  return { kind: "none" };
}

/** How a person tells entries apart: the name, then the external ID and ID. */
export function describeEntry(entry: CatalogEntry): string {
  const external = entry.external_id ? `external ID ${entry.external_id}, ` : "";
  return `${entry.name} (${external}ID ${entry.id})`;
}
