import { type CustomField, IncidentIoApiError, IncidentKitError } from "../../../api/index.js";
import { type CatalogEntity, type EntityMapping, FIELD_VALUE_ANNOTATION } from "../../../catalog/index.js";
import type { MirroredFieldValue } from "../../../mirror/index.js";
import type { OpsSession } from "../../../ops/index.js";
import { DeclareError, type DeclareField } from "../model.js";
import { fieldValueOf } from "./services.js";

function isCatalogBacked(field: CustomField): boolean {
  return field.catalog_type_id !== undefined && field.catalog_type_id !== null;
}

/**
 * What to send as the catalog field's value so the new incident maps to this Component:
 * - a catalog-backed field takes a catalog entry's ID, external ID or alias: the ID of an entry this
 *   Component's incidents already carry, else its `incidentkit.io/incident-field-value` annotation, else its
 *   name (which is the entry's external ID when the catalog was synced from these files);
 * - a field with options takes the option that maps to the Component (by the same rules as mapping);
 * - any other field takes the value as text.
 */
export async function fieldValueToSend(
  session: OpsSession,
  field: CustomField,
  entity: CatalogEntity,
  mapping: EntityMapping,
  known: readonly MirroredFieldValue[],
  account: string,
): Promise<string> {
  if (isCatalogBacked(field)) {
    const entry = known.find((value) => value.id !== undefined);
    return entry?.id ?? entity.incidentFieldValue ?? entity.name;
  }
  if (field.field_type === "single_select" || field.field_type === "multi_select") {
    const options = await session.lookups.customFieldOptions(field.id);
    const option = options.find((o) =>
      mapping.entitiesForValue({ label: o.value, id: o.id }, account).includes(entity.ref),
    );
    if (option) return option.id;
  }
  return fieldValueOf(entity);
}

/** The form field a request field of `POST /v2/incidents` is shown beside. */
function formField(requestField: string | undefined): DeclareField | undefined {
  const root = requestField?.replace(/^incident\./, "").split(/[.[]/)[0];
  switch (root) {
    case "name":
      return "name";
    case "summary":
      return "summary";
    case "severity_id":
      return "severity";
    case "mode":
      return "mode";
    default:
      return undefined;
  }
}

/**
 * incident.io's refusal of the incident (422, with its field errors), or the hub's own of an input it could not
 * send (an unknown severity, a field value incident.io does not offer), as a `DeclareError` the form shows
 * beside its fields; undefined for any other failure.
 */
export function declareRefusal(error: unknown, fieldName: string | undefined): DeclareError | undefined {
  if (error instanceof IncidentIoApiError && error.status === 422) {
    const fields: Partial<Record<DeclareField, string>> = {};
    const elsewhere: string[] = [];
    for (const fieldError of error.fieldErrors) {
      const field = formField(fieldError.field);
      if (field) fields[field] = fieldError.message;
      else if (fieldError.field?.startsWith("custom_field_entries") && fieldName !== undefined)
        elsewhere.push(`${fieldName}: ${fieldError.message}`);
      else elsewhere.push(fieldError.message);
    }
    const detail = elsewhere.length > 0 ? ` ${elsewhere.join(" ")}` : "";
    const fix = error.fieldErrors.some((e) => e.field?.startsWith("custom_field_entries"))
      ? ` Set this entity's ${FIELD_VALUE_ANNOTATION} annotation to a value incident.io offers (for a catalog-backed field, the entry's external ID or alias).`
      : "";
    return new DeclareError(`incident.io refused the incident.${detail}${fix}`, fields);
  }
  if (error instanceof IncidentKitError && error.code === "invalid_argument") {
    const message = `${error.message}: ${error.hint}.`;
    return /\bseverity\b/.test(error.message)
      ? new DeclareError("The incident was not declared.", { severity: message })
      : new DeclareError(`The incident was not declared: ${message}`);
  }
  return undefined;
}
