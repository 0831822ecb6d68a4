import type { IncidentMode, IncidentRecord } from "./model.js";

/**
 * The fields list filters read, copied into arrays aligned with the incidents' creation order. A filtered list
 * scans every incident to count its matches; reading these compact arrays instead of thousands of scattered
 * records makes that scan several times faster.
 */
export class IncidentColumns {
  readonly statusId: string[] = [];
  readonly severityId: (string | undefined)[] = [];
  readonly typeId: (string | undefined)[] = [];
  readonly mode: IncidentMode[] = [];
  readonly createdMs: number[] = [];
  readonly updatedMs: number[] = [];

  constructor(ordered: readonly IncidentRecord[]) {
    ordered.forEach((incident, row) => {
      this.set(row, incident);
    });
  }

  /** Writes one row; `row` may be one past the end to append. */
  set(row: number, incident: IncidentRecord): void {
    this.statusId[row] = incident.incident_status_id;
    this.severityId[row] = incident.severity_id;
    this.typeId[row] = incident.incident_type_id;
    this.mode[row] = incident.mode;
    this.createdMs[row] = Date.parse(incident.created_at);
    this.updatedMs[row] = Date.parse(incident.updated_at);
  }
}
