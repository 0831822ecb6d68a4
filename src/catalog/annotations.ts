import { ALIAS_PATTERN } from "../api/accounts-file.js";
import type { DocumentReader } from "./document-reader.js";

/** The incidentkit account alias the entity's incidents live in; the hub's account when absent. */
export const ACCOUNT_ANNOTATION = "incidentkit.io/account";
/** The value of the incident.io custom field that maps to this entity, instead of its title and name. */
export const FIELD_VALUE_ANNOTATION = "incidentkit.io/incident-field-value";

/** Backstage's well-known annotation naming the GitHub repository (`backstage/backstage`) an entity is built from. */
export const PROJECT_SLUG_ANNOTATION = "github.com/project-slug";
/** Where the entity's source is: `url:https://github.com/org/repo/tree/main/` (or a `dir:` path). */
export const SOURCE_LOCATION_ANNOTATION = "backstage.io/source-location";
/** Where the entity's TechDocs are: `dir:.` (beside the catalog file) or `url:https://…`. */
export const TECHDOCS_REF_ANNOTATION = "backstage.io/techdocs-ref";
/** The PagerDuty service's ID (`PX1Y2Z3`); PagerDuty's web addresses also need the account's subdomain. */
export const PAGERDUTY_SERVICE_ANNOTATION = "pagerduty.com/service-id";
/** The Opsgenie team's name; Opsgenie's web addresses need the team's ID, not its name. */
export const OPSGENIE_TEAM_ANNOTATION = "opsgenie.com/team";
/**
 * Annotations that are credentials, never shown or printed: PagerDuty's integration key lets anyone who has it
 * page the service's on-call.
 */
const SECRET_ANNOTATIONS: ReadonlySet<string> = new Set(["pagerduty.com/integration-key"]);

/** The annotations without those that are credentials: what any output may show. */
export function shownAnnotations(annotations: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(annotations).filter(([key]) => !SECRET_ANNOTATIONS.has(key)));
}

const OUR_ANNOTATIONS = [ACCOUNT_ANNOTATION, FIELD_VALUE_ANNOTATION];
/** `owner/repository` as GitHub allows them: letters, digits, `-`, `_` and `.`. */
const SLUG_PATTERN = /^[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+$/;
const ANNOTATIONS = ["metadata", "annotations"] as const;

export interface OurAnnotations {
  account?: string;
  incidentFieldValue?: string;
}

/** Checks incidentkit's own annotations (and catches misspellings of them); every annotation is kept as it is. */
export function readOurAnnotations(
  reader: DocumentReader,
  annotations: Readonly<Record<string, string>>,
): OurAnnotations {
  const result: OurAnnotations = {};
  for (const key of Object.keys(annotations)) {
    if (key.startsWith("incidentkit.io/") && !OUR_ANNOTATIONS.includes(key)) {
      reader.error(
        [...ANNOTATIONS, key],
        `unknown incidentkit annotation (known: ${OUR_ANNOTATIONS.join(", ")}); correct its name`,
      );
    }
  }
  const slug = annotations[PROJECT_SLUG_ANNOTATION];
  if (slug !== undefined && projectSlug(annotations) === undefined) {
    // A warning, not an error: Backstage itself only reads the annotation; here the entity just loses the tie.
    reader.warn(
      [...ANNOTATIONS, PROJECT_SLUG_ANNOTATION],
      `"${slug}" is not a GitHub repository: write it as owner/repository (e.g. backstage/backstage), or GitHub deployments are tied to this entity by its name only`,
    );
  }
  const account = annotations[ACCOUNT_ANNOTATION];
  if (account !== undefined) {
    const alias = account.trim();
    if (ALIAS_PATTERN.test(alias)) result.account = alias;
    else {
      reader.error(
        [...ANNOTATIONS, ACCOUNT_ANNOTATION],
        `"${account}" is not an account alias: use one listed by incidentkit accounts list (lower-case letters, digits, - and _)`,
      );
    }
  }
  const fieldValue = annotations[FIELD_VALUE_ANNOTATION];
  if (fieldValue !== undefined) {
    if (fieldValue.trim() !== "") result.incidentFieldValue = fieldValue.trim();
    else {
      reader.error(
        [...ANNOTATIONS, FIELD_VALUE_ANNOTATION],
        "is empty: give the custom field value that names this entity in incident.io, or remove the annotation",
      );
    }
  }
  return result;
}

/**
 * The `github.com/project-slug` annotation as `owner/repository`, trimmed (GitHub keeps the case it was created
 * with, but compares without it); undefined when absent or not of that form.
 */
export function projectSlug(annotations: Readonly<Record<string, string>>): string | undefined {
  const slug = annotations[PROJECT_SLUG_ANNOTATION]?.trim();
  return slug !== undefined && SLUG_PATTERN.test(slug) ? slug : undefined;
}
