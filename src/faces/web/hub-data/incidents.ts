import type { MirroredIncident } from "../../../mirror/index.js";
import type { IncidentFilters, IncidentsListModel, SeverityLabel } from "../model.js";
import type { CatalogIndex } from "./catalog-index.js";
import { displayName, pageOf } from "./rows.js";
import type { DirectoryView } from "./view.js";

/** Incidents per page of the incidents list. */
export const INCIDENTS_PAGE_SIZE = 25;

/** The status categories the filter always offers, in the order an incident moves through them. */
const CATEGORIES = ["triage", "live", "paused", "learning", "closed", "declined", "merged", "canceled"];

function matcher(filters: IncidentFilters): (incident: MirroredIncident) => boolean {
  const severity = filters.severity?.trim().toLowerCase();
  const text = filters.text?.toLowerCase();
  return (incident) =>
    (filters.statusCategory === undefined || incident.status.category === filters.statusCategory) &&
    (severity === undefined || incident.severity?.name.toLowerCase() === severity) &&
    (filters.account === undefined || incident.account === filters.account) &&
    (filters.createdFrom === undefined || incident.createdAt.slice(0, 10) >= filters.createdFrom) &&
    (filters.createdTo === undefined || incident.createdAt.slice(0, 10) <= filters.createdTo) &&
    (text === undefined ||
      `${incident.reference}\n${incident.name}\n${incident.summary ?? ""}`.toLowerCase().includes(text));
}

/** The incidents list: the mirror's incidents matching every filter, newest first, a page at a time. */
export function incidentsList(
  filters: IncidentFilters,
  view: DirectoryView,
  catalog: CatalogIndex,
  severities: SeverityLabel[],
): IncidentsListModel {
  const service = filters.service === undefined ? undefined : catalog.byRef.get(filters.service);
  const base = filters.service === undefined ? view.all() : service ? view.incidentsOf(service) : [];
  const matching = base.filter(matcher(filters));
  const present = new Set<string>();
  const accounts = new Set<string>();
  for (const incident of view.all()) {
    present.add(incident.status.category);
    accounts.add(incident.account);
  }
  return {
    filters,
    results: pageOf(matching, filters.page, INCIDENTS_PAGE_SIZE, (incident) => view.row(incident)),
    options: {
      statusCategories: [...CATEGORIES, ...[...present].filter((c) => !CATEGORIES.includes(c)).sort()],
      severities,
      services: catalog.ordered.map((entity) => ({
        ref: entity.ref,
        name: entity.kind === "Component" ? displayName(entity) : `${displayName(entity)} (${entity.kind})`,
      })),
      accounts: [...accounts].sort(),
    },
    mirrored: view.mirrored,
  };
}
