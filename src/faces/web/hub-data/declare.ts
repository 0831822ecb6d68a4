import { type CustomField, IncidentIoApiError, IncidentKitError } from "../../../api/index.js";
import { type CatalogEntity, type EntityMapping, FIELD_VALUE_ANNOTATION } from "../../../catalog/index.js";
import type { MirroredFieldValue } from "../../../mirror/index.js";
import type { OpsSession } from "../../../ops/index.js";
import { DeclareError, type DeclareField } from "../model.js";
import { fieldValueOf } from "./services.js";

/**
 * The value a catalog-backed field is sent with for this Component: the ID of an entry its incidents already
 * carry; else the first of its `incidentkit.io/incident-field-value` annotation, its name (the entry's external ID
 * when the catalog was synced from these files) and its title (often the entry's name) that names an entry, by
 * name, alias, external ID or ID; else the first of them, so the refusal names what was tried.
 */
async function catalogValueToSend(
  session: OpsSession,
  catalogTypeId: string,
  entity: CatalogEntity,
  known: readonly MirroredFieldValue[],
): Promise<string> {
  const entry = known.find((value) => value.id !== undefined);
  if (entry?.id !== undefined) return entry.id;
  const tried = [entity.incidentFieldValue, entity.name, entity.title].filter(
    (value): value is string => value !== undefined && value.trim() !== "",
  );
  for (const value of tried) {
    const found = await session.lookups.catalogEntries.find(catalogTypeId, value);
    if (found.kind === "found") return found.entry.id;
    // A key that may not read the catalog: incident.io itself takes an ID, external ID or alias.
    if (found.kind === "unreadable") break;
  }
  return tried[0] ?? entity.name;
}

/**
 * What to send as the catalog field's value so the new incident maps to this Component:
 * - a catalog-backed field takes a catalog entry (see `catalogValueToSend`);
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
  if (field.catalog_type_id !== undefined) {
    return catalogValueToSend(session, field.catalog_type_id, entity, known);
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
      ? ` Set this entity's ${FIELD_VALUE_ANNOTATION} annotation to a value incident.io offers (for a catalog-backed field, an entry's name, alias, external ID or ID).`
      : "";
    return new DeclareError(`incident.io refused the incident.${detail}${fix}`, fields);
  }
  if (error instanceof IncidentKitError && error.code === "invalid_argument") {
    const message = `${error.message}: ${error.hint}.`;
    if (/\bseverity\b/.test(error.message)) {
      return new DeclareError("The incident was not declared.", { severity: message });
    }
    // The service's own value is not one the field offers (the messages of ops name the field first).
    const fix =
      fieldName !== undefined && error.message.startsWith(`"${fieldName}"`)
        ? ` Set this entity's ${FIELD_VALUE_ANNOTATION} annotation to one the field offers.`
        : "";
    return new DeclareError(`The incident was not declared: ${message}${fix}`);
  }
  return undefined;
}
