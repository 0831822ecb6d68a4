import type { CatalogAttribute, CatalogEntry, CatalogType } from "../api/index.js";
import { describeEntry } from "./catalog-entry-match.js";
import { invalidArgument } from "./invalid-argument.js";
import { onCallDirectory } from "./oncall-directory.js";
import type { OpsSession } from "./session.js";

/** How many entry names an error lists. */
const LISTED = 20;

/** What a team's catalog entry says about its on-call: the schedule and escalation path it names, by ID and label. */
export interface TeamOnCall {
  team: CatalogEntry;
  schedule?: { id: string; name: string };
  escalationPath?: { id: string; name: string };
}

/** A service's catalog entry and the team that owns it. */
export interface ServiceOwner {
  service: CatalogEntry;
  owner: TeamOnCall;
}

/**
 * The catalog type of a kind: the one incident.io marks with the category (`team` also by `is_team_type`), else the
 * one named like it. incident.io's own Team type and an imported "Team" both count.
 */
function typeOf(types: readonly CatalogType[], kind: "service" | "team"): CatalogType | undefined {
  const marked = types.filter(
    (type) => type.categories.includes(kind) || (kind === "team" && type.is_team_type === true),
  );
  if (marked.length === 1) return marked[0];
  const named = (marked.length > 1 ? marked : types).find((type) => type.name.trim().toLowerCase() === kind);
  return named ?? marked[0];
}

async function requireType(s: OpsSession, kind: "service" | "team"): Promise<CatalogType> {
  const types = await onCallDirectory(s).catalogTypes();
  const found = typeOf(types, kind);
  if (found) return found;
  throw invalidArgument(
    `the catalog has no ${kind} type, so a ${kind} cannot lead to its on-call`,
    `ask by schedule or escalation path instead (list_schedules, list_escalation_paths), or add a ${kind === "team" ? "Team" : "Service"} type to the catalog`,
  );
}

/** An entry of `type` named by `value` (name, alias, external ID or ID, any case), or an error listing the choices. */
async function entryOf(s: OpsSession, type: CatalogType, kind: string, value: string): Promise<CatalogEntry> {
  const found = await s.lookups.catalogEntries.find(type.id, value);
  switch (found.kind) {
    case "found":
      return found.entry;
    case "ambiguous":
      throw invalidArgument(
        `${JSON.stringify(value)} names ${found.candidates.length} ${kind}s: ${found.candidates.map(describeEntry).join("; ")}`,
        "give the one you mean by its external ID or ID",
      );
    case "unreadable":
      throw invalidArgument(
        `the API key may not read the catalog, so the ${kind} ${JSON.stringify(value)} cannot be looked up`,
        "give the schedule or escalation path by name instead, or use a key with the catalog viewer role",
      );
    case "none": {
      const names = (found.all ?? []).map((entry) => entry.external_id ?? entry.name);
      const listed =
        names.length === 0
          ? `the catalog's ${type.name} type has no entries`
          : `${kind}s: ${names.slice(0, LISTED).join(", ")}${names.length > LISTED ? ` (${names.length} in all)` : ""}`;
      throw invalidArgument(
        `no ${kind} in the catalog is called ${JSON.stringify(value.trim())}`,
        `give its name, alias, external ID or ID (any case); ${listed}`,
      );
    }
  }
}

/** The value (ID and label) a scalar attribute of `entry` holds, if any. */
function referenceIn(entry: CatalogEntry, attribute: CatalogAttribute | undefined) {
  if (!attribute) return undefined;
  const binding = entry.attribute_values[attribute.id];
  const value = binding?.value ?? binding?.array_value?.[0];
  const id = value?.literal ?? "";
  return id === "" ? undefined : { id, name: value?.label || id };
}

/** A team's schedule and escalation path, from its attributes of incident.io's `Schedule` and `EscalationPath` types. */
function teamOnCall(type: CatalogType, team: CatalogEntry): TeamOnCall {
  const attribute = (resource: string) => type.schema.attributes.find((a) => a.type === resource);
  const schedule = referenceIn(team, attribute("Schedule"));
  const escalationPath = referenceIn(team, attribute("EscalationPath"));
  return { team, ...(schedule ? { schedule } : {}), ...(escalationPath ? { escalationPath } : {}) };
}

/** A team by its catalog entry's name, alias, external ID or ID, with the schedule and path it names. */
export async function teamNamed(s: OpsSession, value: string): Promise<TeamOnCall> {
  const type = await requireType(s, "team");
  return teamOnCall(type, await entryOf(s, type, "team", value));
}

/** A service by its catalog entry's name, alias, external ID or ID, and its owner team (the service's team attribute). */
export async function serviceOwner(s: OpsSession, value: string): Promise<ServiceOwner> {
  const [serviceType, teamType] = await Promise.all([requireType(s, "service"), requireType(s, "team")]);
  const service = await entryOf(s, serviceType, "service", value);
  const ownerAttribute = serviceType.schema.attributes.find((a) => a.type === teamType.type_name);
  const owner = referenceIn(service, ownerAttribute);
  if (!owner) {
    throw invalidArgument(
      `the service ${service.name} has no owner team in the catalog${ownerAttribute ? ` (its "${ownerAttribute.name}" is empty)` : ""}`,
      `set its team in the catalog, or ask by team, schedule or escalation path instead`,
    );
  }
  const team = await entryOf(s, teamType, "team", owner.id);
  return { service, owner: teamOnCall(teamType, team) };
}
