/**
 * What the demo organisation holds, worked out from its snapshot rather than through the API, so end-to-end
 * tests compare what the client reads against an independent answer.
 */
import type { IncidentRecord, Snapshot } from "../../src/emulator/model.js";

const DAY_MS = 86_400_000;

/** IDs as a sorted list, for order-free comparison. */
export const sortedIds = (items: readonly { id: string }[]): string[] => items.map((item) => item.id).sort();

export class DemoFacts {
  constructor(readonly snapshot: Snapshot) {}

  /** Finds a record by name, failing loudly if the demo seed changed. */
  named<T extends { name: string }>(records: readonly T[], name: string): T {
    const found = records.find((record) => record.name === name);
    if (!found) throw new Error(`the demo organisation has no "${name}"`);
    return found;
  }

  /** What `GET /v2/incidents` lists without a mode filter: standard and retrospective incidents. */
  get listedByDefault(): IncidentRecord[] {
    return this.snapshot.incidents.filter((i) => i.mode === "standard" || i.mode === "retrospective");
  }

  categoryOf(incident: IncidentRecord): string | undefined {
    return this.snapshot.incident_statuses.find((s) => s.id === incident.incident_status_id)?.category;
  }

  severityRank(incident: IncidentRecord): number | undefined {
    return this.snapshot.severities.find((s) => s.id === incident.severity_id)?.rank;
  }

  /** Listed incidents created from the start of `from` to the end of `to` (both YYYY-MM-DD, UTC). */
  createdBetween(from: string, to: string): IncidentRecord[] {
    const start = Date.parse(`${from}T00:00:00Z`);
    const end = Date.parse(`${to}T00:00:00Z`) + DAY_MS;
    return this.listedByDefault.filter((i) => {
      const at = Date.parse(i.created_at);
      return at >= start && at < end;
    });
  }

  withOption(fieldId: string, optionId: string): IncidentRecord[] {
    return this.listedByDefault.filter((i) =>
      i.custom_field_entries.some(
        (entry) =>
          entry.custom_field_id === fieldId && entry.values.some((v) => v.value_option_id === optionId),
      ),
    );
  }
}
