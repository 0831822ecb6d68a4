import type { IncidentRecord } from "./model.js";

/**
 * The fields list filters read, copied into arrays aligned with the incidents' creation order. A filtered list
 * scans every incident to count its matches; reading compact arrays of small integers instead of thousands of
 * scattered records, and testing membership by array index instead of hashing IDs, keeps that scan cheap.
 */
export class IncidentColumns {
  /** IDs (status, severity, type) and modes as small integers; 0 stands for "none". */
  private readonly codes = new Map<string, number>();
  readonly statusId: number[] = [];
  readonly severityId: number[] = [];
  readonly typeId: number[] = [];
  readonly mode: number[] = [];
  readonly createdMs: number[] = [];
  readonly updatedMs: number[] = [];

  constructor(ordered: readonly IncidentRecord[]) {
    ordered.forEach((incident, row) => {
      this.set(row, incident);
    });
  }

  /** Writes one row; `row` may be one past the end to append. */
  set(row: number, incident: IncidentRecord): void {
    this.statusId[row] = this.code(incident.incident_status_id);
    this.severityId[row] = this.code(incident.severity_id);
    this.typeId[row] = this.code(incident.incident_type_id);
    this.mode[row] = this.code(incident.mode);
    this.createdMs[row] = Date.parse(incident.created_at);
    this.updatedMs[row] = Date.parse(incident.updated_at);
  }

  /** A lookup table for a set of IDs: `table[code] === 1` when the row's ID is one of them. */
  membership(ids: Iterable<string>): Uint8Array {
    const table = new Uint8Array(this.codes.size + 1);
    for (const id of ids) {
      const code = this.codes.get(id);
      if (code !== undefined) table[code] = 1;
    }
    return table;
  }

  private code(id: string | undefined): number {
    if (id === undefined) return 0;
    let code = this.codes.get(id);
    if (code === undefined) {
      code = this.codes.size + 1;
      this.codes.set(id, code);
    }
    return code;
  }
}
