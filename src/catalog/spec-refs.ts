import type { BackstageKind, RelationType } from "./entity.js";

/** A spec field holding references: its default kind, the kinds it should name, and the relation it makes. */
export interface RefField {
  key: string;
  relation: RelationType;
  /** The kind a reference without one (`payments`) is of. */
  kind: string;
  /** The kinds Backstage means the field for; another is warned about, not refused, as Backstage keeps it. */
  allowed: readonly string[];
  /** A list of references (`dependsOn: [a, b]`) rather than one. */
  list: boolean;
}

const owner: RefField = {
  key: "owner",
  relation: "ownedBy",
  kind: "group",
  allowed: ["group", "user"],
  list: false,
};
const system: RefField = {
  key: "system",
  relation: "partOf",
  kind: "system",
  allowed: ["system"],
  list: false,
};
const dependsOn: RefField = {
  key: "dependsOn",
  relation: "dependsOn",
  kind: "component",
  allowed: ["component", "resource"],
  list: true,
};
const dependencyOf: RefField = { ...dependsOn, key: "dependencyOf", relation: "dependencyOf" };

/**
 * The reference fields of each kind's spec, as Backstage's own catalog reads them into relations
 * (https://backstage.io/docs/features/software-catalog/descriptor-format). Other spec fields are kept out.
 */
export const SPEC_REFS: Record<BackstageKind, readonly RefField[]> = {
  Component: [
    owner,
    system,
    { key: "subcomponentOf", relation: "partOf", kind: "component", allowed: ["component"], list: false },
    { key: "providesApis", relation: "providesApi", kind: "api", allowed: ["api"], list: true },
    { key: "consumesApis", relation: "consumesApi", kind: "api", allowed: ["api"], list: true },
    dependsOn,
    dependencyOf,
  ],
  API: [owner, system],
  Resource: [owner, system, dependsOn, dependencyOf],
  System: [owner, { key: "domain", relation: "partOf", kind: "domain", allowed: ["domain"], list: false }],
  Domain: [
    owner,
    { key: "subdomainOf", relation: "partOf", kind: "domain", allowed: ["domain"], list: false },
  ],
  Group: [
    { key: "parent", relation: "childOf", kind: "group", allowed: ["group"], list: false },
    { key: "children", relation: "parentOf", kind: "group", allowed: ["group"], list: true },
    { key: "members", relation: "hasMember", kind: "user", allowed: ["user"], list: true },
  ],
  User: [{ key: "memberOf", relation: "memberOf", kind: "group", allowed: ["group"], list: true }],
  Location: [],
  Template: [owner],
};

/** Kinds Backstage refuses without `spec.owner`. */
export const OWNER_REQUIRED: readonly BackstageKind[] = ["Component", "API", "Resource", "System", "Domain"];

/** Spec fields Backstage requires that incidentkit can do without: a warning each when missing. */
export const EXPECTED_FIELDS: Partial<
  Record<BackstageKind, ReadonlyArray<[field: string, example: string]>>
> = {
  Component: [
    ["type", "e.g. type: service, website, library"],
    ["lifecycle", "e.g. lifecycle: production"],
  ],
  API: [
    ["type", "e.g. type: openapi, grpc, graphql"],
    ["lifecycle", "e.g. lifecycle: production"],
    ["definition", "the API's description, or $text: ./openapi.yaml"],
  ],
  Resource: [["type", "e.g. type: database"]],
  Group: [["type", "e.g. type: team"]],
  Template: [["type", "e.g. type: service"]],
};

/** The apiVersions Backstage reads each kind at; another `backstage.io` version is warned about. */
export function apiVersionsOf(kind: BackstageKind): readonly string[] {
  return kind === "Template"
    ? ["scaffolder.backstage.io/v1beta3"]
    : ["backstage.io/v1alpha1", "backstage.io/v1beta1"];
}

/** "a Component", "an API". */
export function aKind(kind: string): string {
  return `${/^[AEIOU]/i.test(kind) ? "an" : "a"} ${kind}`;
}
