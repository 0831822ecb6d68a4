import { Bitset } from "./bitset.js";
import type { IncidentRecord } from "./model.js";

/**
 * The rows (positions in the incidents' creation order) that hold each filterable value, as bitsets: a filtered
 * list combines a few of them word by word and counts the bits, so its cost grows with N/32 words rather than with
 * N records. Creation times are kept as a sorted column, so a created_at window is a binary search; updated_at has
 * no order and is read as a column.
 *
 * Keys name a value of a field: `status:ID`, `severity:ID`, `type:ID`, `mode:standard`, `private`, `role:ROLE:USER`,
 * `role-set:ROLE` (someone holds it), `field:FIELD:OPTION-OR-ENTRY` and `field-set:FIELD` (the field has values).
 * Each row remembers its sets (references, not keys, to stay small), so rewriting a row after an edit removes it
 * from exactly the sets it was in.
 */
export class IncidentColumns {
  private readonly postings = new Map<string, Bitset>();
  private readonly rowSets: Bitset[][] = [];
  readonly createdMs: number[] = [];
  readonly updatedMs: number[] = [];

  constructor(ordered: readonly IncidentRecord[]) {
    ordered.forEach((incident, row) => {
      this.set(row, incident);
    });
  }

  get rows(): number {
    return this.createdMs.length;
  }

  /** Writes one row; `row` may be one past the end to append. */
  set(row: number, incident: IncidentRecord): void {
    for (const posting of this.rowSets[row] ?? []) posting.delete(row);
    const sets = keysOf(incident).map((key) => {
      let posting = this.postings.get(key);
      if (!posting) {
        posting = new Bitset();
        this.postings.set(key, posting);
      }
      posting.add(row);
      return posting;
    });
    this.rowSets[row] = sets;
    this.createdMs[row] = Date.parse(incident.created_at);
    this.updatedMs[row] = Date.parse(incident.updated_at);
  }

  /** The rows holding the value `key` names (do not mutate; it may be shorter than the rows). */
  rowsWith(key: string): Uint32Array {
    return this.postings.get(key)?.words ?? EMPTY;
  }

  /** The first row created at or after `ms` (the row count when none is). */
  firstCreatedAtOrAfter(ms: number): number {
    let low = 0;
    let high = this.createdMs.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.createdMs[middle] as number) < ms) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

const EMPTY = new Uint32Array(0);

/** The keys of the values one incident holds, as the filters read them (the first entry per role or field). */
function keysOf(incident: IncidentRecord): string[] {
  const keys = [
    `status:${incident.incident_status_id}`,
    `mode:${incident.mode}`,
    ...(incident.severity_id !== undefined ? [`severity:${incident.severity_id}`] : []),
    ...(incident.incident_type_id !== undefined ? [`type:${incident.incident_type_id}`] : []),
    ...(incident.visibility === "private" ? ["private"] : []),
  ];
  const roles = new Set<string>();
  for (const assignment of incident.role_assignments) {
    if (roles.has(assignment.incident_role_id)) continue;
    roles.add(assignment.incident_role_id);
    if (assignment.assignee_user_id === undefined) continue;
    keys.push(`role-set:${assignment.incident_role_id}`);
    keys.push(`role:${assignment.incident_role_id}:${assignment.assignee_user_id}`);
  }
  const fields = new Set<string>();
  for (const entry of incident.custom_field_entries) {
    if (fields.has(entry.custom_field_id)) continue;
    fields.add(entry.custom_field_id);
    if (entry.values.length > 0) keys.push(`field-set:${entry.custom_field_id}`);
    const chosen = new Set<string>();
    for (const value of entry.values) {
      const id = value.value_option_id ?? value.value_catalog_entry_id;
      if (id !== undefined) chosen.add(id);
    }
    for (const id of chosen) keys.push(`field:${entry.custom_field_id}:${id}`);
  }
  return keys;
}
