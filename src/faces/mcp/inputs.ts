import { z } from "zod";

/** Input parameters shared by several tools, described so an agent can fill them in without guessing. */

export const incidentRef = z
  .string()
  .min(1)
  .describe(
    'The incident: its ID (e.g. "01HXYZ…"), its reference ("INC-123" or just "123"), or its incident.io URL ' +
      '(e.g. "https://app.incident.io/acme/incidents/123").',
  );

export const severityName = z
  .string()
  .min(1)
  .describe(
    'A severity by name (case-insensitive, e.g. "Major") or ID; list_severities shows the valid ones.',
  );

export const statusName = z
  .string()
  .min(1)
  .describe(
    'An incident status by name (case-insensitive, e.g. "Investigating") or ID; list_incident_statuses shows them.',
  );

export const typeName = z
  .string()
  .min(1)
  .describe(
    'An incident type by name (case-insensitive, e.g. "Security") or ID; list_incident_types shows them.',
  );

export const notify = z
  .boolean()
  .optional()
  .describe("Whether incident.io announces this change in the incident's channel; default false.");

export const idempotencyKey = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe(
    "Optional. Calls with the same key take effect once. Without it, one is derived from the account and the " +
      "input, so retrying the same call never duplicates; pass a new key to deliberately repeat an identical call.",
  );

export const customFieldValues = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .optional()
  .describe(
    "Custom field values: field name or ID → a value or a list of values. Select fields take option values or " +
      "IDs, catalog fields take an entry's name, alias, external ID or ID (any case), text/link/numeric fields take " +
      'the text. E.g. {"Affected team": "Payments", "Affected services": ["payments-api", "Checkout"]}.',
  );

export const dateBound = (meaning: string) =>
  z
    .string()
    .min(1)
    .optional()
    .describe(`${meaning} (inclusive). A date "YYYY-MM-DD" or an ISO 8601 date-time "2024-05-01T12:00:00Z".`);
