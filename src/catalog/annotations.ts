import { ALIAS_PATTERN } from "../api/accounts-file.js";
import type { DocumentReader } from "./document-reader.js";

/** The incidentkit account alias the entity's incidents live in; the hub's account when absent. */
export const ACCOUNT_ANNOTATION = "incidentkit.io/account";
/** The value of the incident.io custom field that maps to this entity, instead of its title and name. */
export const FIELD_VALUE_ANNOTATION = "incidentkit.io/incident-field-value";

const OUR_ANNOTATIONS = [ACCOUNT_ANNOTATION, FIELD_VALUE_ANNOTATION];
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
