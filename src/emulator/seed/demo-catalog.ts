import type { CatalogEntryRecord, CatalogTypeRecord, Snapshot } from "../model.js";
import { DEMO_SERVICES } from "./organisation.js";
import { Random } from "./random.js";

type Catalog = Pick<Snapshot, "catalog_types" | "catalog_entries">;

/** Per team name: the schedule and escalation path that page it. */
export type TeamOnCallLinks = ReadonlyMap<string, { scheduleId: string; escalationPathId: string }>;

/**
 * Acme Cloud's catalog as incident.io's catalog holds it: each Service has a description and the Team that owns
 * it, and each Team lists its Services through a backlink and names its escalation path and on-call schedule
 * (so "who is on call for payments-api" goes service → team → schedule). Attribute IDs come from a generator of
 * their own, so adding them left every other seeded ID as it was.
 */
export function demoCatalog(
  catalog: Catalog,
  seed: number,
  createdAtMs: number,
  onCall: TeamOnCallLinks = new Map(),
): Catalog {
  const rng = new Random(seed ^ 0xca7a_1095);
  const service = catalog.catalog_types.find((type) => type.type_name === 'Custom["Service"]');
  const team = catalog.catalog_types.find((type) => type.type_name === 'Custom["Team"]');
  if (!service || !team) throw new Error("the demo organisation has no Service and Team catalog types");
  const ids = {
    description: rng.id(createdAtMs),
    team: rng.id(createdAtMs),
    services: rng.id(createdAtMs),
    escalationPath: rng.id(createdAtMs),
    schedule: rng.id(createdAtMs),
  };

  const serviceType: CatalogTypeRecord = {
    ...service,
    categories: ["service"],
    color: "blue",
    icon: "server",
    ranked: false,
    annotations: {},
    use_name_as_identifier: true,
    schema: {
      version: 3,
      attributes: [
        { id: ids.description, name: "Description", type: "Text", array: false, mode: "api" },
        { id: ids.team, name: "Team", type: team.type_name, array: false, mode: "api" },
      ],
    },
  };
  const teamType: CatalogTypeRecord = {
    ...team,
    categories: ["team"],
    color: "violet",
    icon: "users",
    ranked: false,
    annotations: {},
    use_name_as_identifier: true,
    schema: {
      version: 2,
      attributes: [
        {
          id: ids.services,
          name: "Services",
          type: service.type_name,
          array: true,
          mode: "backlink",
          backlink_attribute: ids.team,
        },
        // incident.io's own on-call resources, as a team's page in the catalog shows them.
        {
          id: ids.escalationPath,
          name: "Escalation path",
          type: "EscalationPath",
          array: false,
          mode: "api",
        },
        { id: ids.schedule, name: "On-call schedule", type: "Schedule", array: false, mode: "api" },
      ],
    },
  };

  const bySlug = new Map(DEMO_SERVICES.map((s) => [s.slug, s]));
  const entries = catalog.catalog_entries.map((entry): CatalogEntryRecord => {
    const config = entry.catalog_type_id === service.id ? bySlug.get(entry.external_id ?? "") : undefined;
    const links = entry.catalog_type_id === team.id ? onCall.get(entry.name) : undefined;
    const values = config
      ? {
          [ids.description]: { value: config.description },
          // The team's external ID, as an import from a service's own files would name it.
          [ids.team]: { value: config.team.toLowerCase() },
        }
      : links
        ? {
            [ids.escalationPath]: { value: links.escalationPathId },
            [ids.schedule]: { value: links.scheduleId },
          }
        : {};
    return { ...entry, rank: 0, attribute_values: values };
  });
  const types = catalog.catalog_types.map((type) =>
    type.id === service.id ? serviceType : type.id === team.id ? teamType : type,
  );
  return { catalog_types: types, catalog_entries: entries };
}
