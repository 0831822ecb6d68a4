import { annotationLinks } from "../annotation-links.js";
import {
  OPSGENIE_TEAM_ANNOTATION,
  PAGERDUTY_SERVICE_ANNOTATION,
  PROJECT_SLUG_ANNOTATION,
  SOURCE_LOCATION_ANNOTATION,
  TECHDOCS_REF_ANNOTATION,
} from "../annotations.js";
import type { BackstageEntity, RelationType } from "../entity.js";
import { refKey } from "../ref.js";
import type { PushKind } from "./kinds.js";

/**
 * One attribute a pushed type has: where its values come from in the entity, and what it holds — text, or
 * entries of another pushed kind's type (a reference, by that entry's external ID).
 */
export interface AttributeSpec {
  /** Chosen here and stable across pushes, as catalog-importer chooses its attributes' IDs. */
  id: string;
  name: string;
  holds: "String" | "Text" | PushKind;
  array: boolean;
  values(entity: BackstageEntity): string[];
}

const text = (id: string, name: string, read: (entity: BackstageEntity) => string | undefined) =>
  spec(id, name, "Text", false, (entity) => nonEmpty([read(entity)]));
const string = (id: string, name: string, read: (entity: BackstageEntity) => string | undefined) =>
  spec(id, name, "String", false, (entity) => nonEmpty([read(entity)]));

/** The relation's targets of one kind, as the external IDs their entries have (`group:default/payments`). */
function related(
  id: string,
  name: string,
  relation: RelationType,
  kind: PushKind,
  array: boolean,
): AttributeSpec {
  const prefix = `${kind.toLowerCase()}:`;
  return spec(id, name, kind, array, (entity) => {
    const targets = unique(
      entity.relations
        .filter((r) => r.type === relation && refKey(r.target).startsWith(prefix))
        .map((r) => refKey(r.target)),
    );
    return array ? targets : targets.slice(0, 1);
  });
}

/** Where a well-known annotation points (its address, else its value), as `catalog show` reads it. */
function annotation(id: string, name: string, key: string): AttributeSpec {
  return string(id, name, (entity) => {
    const link = annotationLinks(entity.annotations).find((item) => item.annotation === key);
    return link?.url ?? link?.text;
  });
}

const description = text("description", "Description", (entity) => entity.description);
const type = string("type", "Type", (entity) => entity.type);
const lifecycle = string("lifecycle", "Lifecycle", (entity) => entity.lifecycle);
const owner = related("owner", "Owner", "ownedBy", "Group", false);
const ownerUser = related("owner_user", "Owner (user)", "ownedBy", "User", false);
const system = related("system", "System", "partOf", "System", false);
const dependsOn = related("depends_on", "Depends on", "dependsOn", "Component", true);
const dependsOnResources = related(
  "depends_on_resources",
  "Depends on resources",
  "dependsOn",
  "Resource",
  true,
);

/** Tags, links and the annotations people use, on every kind. */
const common: AttributeSpec[] = [
  spec("tags", "Tags", "String", true, (entity) => unique(nonEmpty(entity.tags))),
  text("links", "Links", (entity) =>
    entity.links.map((link) => (link.title ? `${link.title}: ${link.url}` : link.url)).join("\n"),
  ),
  annotation("source", "Source", SOURCE_LOCATION_ANNOTATION),
  annotation("github", "GitHub repository", PROJECT_SLUG_ANNOTATION),
  annotation("docs", "Docs", TECHDOCS_REF_ANNOTATION),
  annotation("pagerduty", "PagerDuty service", PAGERDUTY_SERVICE_ANNOTATION),
  annotation("opsgenie", "Opsgenie team", OPSGENIE_TEAM_ANNOTATION),
];

/**
 * Each kind's attributes: its spec fields and its relations as Backstage's descriptor format defines them
 * (https://backstage.io/docs/features/software-catalog/descriptor-format), then the common ones. A reference
 * attribute exists only while the kind it points at is pushed too.
 */
export const ATTRIBUTES: Record<PushKind, readonly AttributeSpec[]> = {
  Component: [
    description,
    type,
    lifecycle,
    owner,
    ownerUser,
    system,
    related("part_of", "Part of", "partOf", "Component", false),
    dependsOn,
    dependsOnResources,
    related("provides_apis", "Provides APIs", "providesApi", "API", true),
    related("consumes_apis", "Consumes APIs", "consumesApi", "API", true),
    ...common,
  ],
  API: [description, type, lifecycle, owner, ownerUser, system, ...common],
  Resource: [description, type, owner, ownerUser, system, dependsOn, dependsOnResources, ...common],
  System: [
    description,
    type,
    owner,
    ownerUser,
    related("domain", "Domain", "partOf", "Domain", false),
    ...common,
  ],
  Domain: [
    description,
    type,
    owner,
    ownerUser,
    related("parent", "Parent domain", "partOf", "Domain", false),
    ...common,
  ],
  Group: [
    description,
    type,
    related("parent", "Parent team", "childOf", "Group", false),
    related("members", "Members", "hasMember", "User", true),
    ...common,
  ],
  User: [description, related("member_of", "Teams", "memberOf", "Group", true), ...common],
};

function spec(
  id: string,
  name: string,
  holds: AttributeSpec["holds"],
  array: boolean,
  values: (entity: BackstageEntity) => string[],
): AttributeSpec {
  return { id, name, holds, array, values };
}

function nonEmpty(values: ReadonlyArray<string | undefined>): string[] {
  return values.flatMap((value) => {
    const trimmed = value?.trim();
    return trimmed ? [trimmed] : [];
  });
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
