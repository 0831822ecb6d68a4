import type { MirroredCustomField, MirroredFieldValue, MirroredIncident } from "../../mirror/incident.js";

/**
 * What the ranking compares besides text, read off a mirrored incident: its services (the values of the
 * service fields) and its other categorical custom-field values (options and catalog entries). Free values
 * (text, links, numbers) are not compared: two incidents rarely share them unless they were copied, and a
 * shared runbook link would say more about who filled the form than about what broke.
 */

export interface FeatureOptions {
  /**
   * The custom fields whose values are the incident's services, by name (any case) or ID; use the catalog's
   * mapping field here. Default: every field whose name contains "service".
   */
  serviceFields?: readonly string[];
}

export interface ServiceValue {
  /** What two incidents must both have to share the service: the catalog entry or option ID, else the label. */
  key: string;
  label: string;
  /** Every name a person may use for it, lower-cased: label, ID, external ID, aliases. */
  names: string[];
}

export interface FieldValue {
  key: string;
  field: string;
  label: string;
}

export function isServiceField(field: MirroredCustomField, options: FeatureOptions): boolean {
  if (!options.serviceFields) return /service/i.test(field.fieldName);
  return options.serviceFields.some(
    (wanted) => wanted === field.fieldId || wanted.trim().toLowerCase() === field.fieldName.toLowerCase(),
  );
}

export function valueKey(value: MirroredFieldValue): string {
  return value.id ?? `label:${value.label.trim().toLowerCase()}`;
}

export function servicesOf(incident: MirroredIncident, options: FeatureOptions = {}): ServiceValue[] {
  const out = new Map<string, ServiceValue>();
  for (const field of incident.customFields) {
    if (!isServiceField(field, options)) continue;
    for (const value of field.values) {
      const names = [value.label, value.id, value.externalId, ...(value.aliases ?? [])]
        .filter((name): name is string => typeof name === "string" && name.trim() !== "")
        .map((name) => name.trim().toLowerCase());
      out.set(valueKey(value), { key: valueKey(value), label: value.label, names });
    }
  }
  return [...out.values()];
}

/** Option and catalog-entry values of the fields that are not service fields. */
export function categoricalValuesOf(incident: MirroredIncident, options: FeatureOptions = {}): FieldValue[] {
  const out = new Map<string, FieldValue>();
  for (const field of incident.customFields) {
    if (isServiceField(field, options)) continue;
    for (const value of field.values) {
      if (value.id === undefined) continue;
      const key = `${field.fieldId}\u0000${value.id}`;
      out.set(key, { key, field: field.fieldName, label: value.label });
    }
  }
  return [...out.values()];
}
