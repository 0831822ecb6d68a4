import { OPEN_STATUS_CATEGORIES } from "../../../api/index.js";
import type { CatalogEntity } from "../../../catalog/index.js";
import type { MirroredIncident } from "../../../mirror/index.js";
import { serviceUrl } from "../format.js";
import type { IncidentRow, NamedLink } from "../model.js";

/** Not counted in time to resolve or in the monthly chart: as the scorecards, only real incidents count. */
const NOT_REAL_CATEGORIES: ReadonlySet<string> = new Set(["declined", "merged", "canceled"]);
const NOT_REAL_MODES: ReadonlySet<string> = new Set(["test", "tutorial"]);

/** Open (`OPEN_STATUS_CATEGORIES`); test incidents count: they are shown marked. */
export const isOpen = (incident: MirroredIncident): boolean =>
  OPEN_STATUS_CATEGORIES.has(incident.status.category);

/** A standard or retrospective incident that was not declined, merged or canceled. */
export const isReal = (incident: MirroredIncident): boolean =>
  !NOT_REAL_MODES.has(incident.mode) && !NOT_REAL_CATEGORIES.has(incident.status.category);

/** Newest first; the ID breaks ties so the order is stable. */
export function newestFirst(a: MirroredIncident, b: MirroredIncident): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** What a person calls the entity: its title, a Group's display name, else its name. */
export const displayName = (entity: CatalogEntity): string =>
  entity.title ?? entity.displayName ?? entity.name;

/**
 * A link to whatever a reference names: its page when the catalog has it, else the reference's name as text
 * (`user:alice` → "alice").
 */
export function entityLink(ref: string, entities: ReadonlyMap<string, CatalogEntity>): NamedLink {
  const entity = entities.get(ref);
  if (entity) return { name: displayName(entity), ref: entity.ref, url: serviceUrl(entity.ref) };
  return { name: ref.slice(ref.lastIndexOf("/") + 1) || ref, ref: null, url: null };
}

/** One mirrored incident as the lists show it; `withAccount`: its reference after its account (`staging/INC-7`). */
export function incidentRow(
  incident: MirroredIncident,
  services: NamedLink[],
  withAccount = false,
): IncidentRow {
  return {
    id: incident.id,
    reference: withAccount ? `${incident.account}/${incident.reference}` : incident.reference,
    name: incident.name,
    status: { name: incident.status.name, category: incident.status.category },
    severity: incident.severity ? { name: incident.severity.name, rank: incident.severity.rank } : null,
    mode: incident.mode,
    account: incident.account,
    createdAt: incident.createdAt,
    resolvedAt: incident.resolvedAt,
    permalink: incident.permalink,
    services,
    ...(incident.visibility === "private" ? { private: true as const } : {}),
  };
}

/** Items `size` at a time; `page` counts from 1. */
export function pageOf<T, R>(items: readonly T[], page: number, size: number, map: (item: T) => R) {
  return {
    items: items.slice((page - 1) * size, page * size).map(map),
    page,
    pageSize: size,
    total: items.length,
  };
}
