import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countRows, takeRows } from "./bitset.js";
import { type Change, COLLECTIONS, memoryOnly } from "./db.js";
import { dateWindow, matchingRows, parseIncidentQuery } from "./filters.js";
import type { IncidentMode, IncidentRecord, Snapshot } from "./model.js";
import { EmulatorState } from "./state.js";
import { incidentRecord, testSnapshot } from "./testing.js";

/**
 * The indexed incident list answers exactly what a plain scan of every incident answers — for random incidents
 * and random filters, after random writes (creates in and out of creation order, edits, option deletes), and
 * after a restart that rebuilds the index from the stored state.
 */

const RUNS = 120;
const base = testSnapshot();
const statuses = base.incident_statuses;
const severities = base.severities;
const types = base.incident_types;
const roles = base.incident_roles;
const users = base.users;
const fields = base.custom_fields;
const MODES: IncidentMode[] = ["standard", "retrospective", "test", "tutorial"];
const CATEGORIES = ["triage", "declined", "merged", "canceled", "live", "learning", "closed", "paused"];
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** The IDs a custom field's values can hold: its options, or entries of its catalog type. */
function choicesOf(fieldId: string, snapshot: Snapshot): string[] {
  const field = snapshot.custom_fields.find((f) => f.id === fieldId);
  if (field?.catalog_type_id)
    return snapshot.catalog_entries
      .filter((e) => e.catalog_type_id === field.catalog_type_id)
      .map((e) => e.id);
  return snapshot.custom_field_options.filter((o) => o.custom_field_id === fieldId).map((o) => o.id);
}

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
const time = fc.integer({ min: 0, max: 40 }).map((day) => START + day * DAY + (day % 3) * 3_600_000);

/** The fields of an incident a filter reads, drawn at random (first entries per role or field are what count). */
const incidentFields = fc.record({
  incident_status_id: pick(statuses.map((s) => s.id)),
  severity_id: fc.option(pick(severities.map((s) => s.id)), { nil: undefined }),
  incident_type_id: fc.option(pick(types.map((t) => t.id)), { nil: undefined }),
  mode: pick(MODES),
  visibility: pick(["public", "private"] as const),
  role_assignments: fc.array(
    fc.record(
      { incident_role_id: pick(roles.map((r) => r.id)), assignee_user_id: pick(users.map((u) => u.id)) },
      { requiredKeys: ["incident_role_id"] },
    ),
    { maxLength: 3 },
  ),
  custom_field_entries: fc.array(
    pick(fields.map((f) => f.id)).chain((fieldId) =>
      fc.record({
        custom_field_id: fc.constant(fieldId),
        values: fc.array(
          fc.oneof(
            pick([...choicesOf(fieldId, base), "none"]).map((id) =>
              id === "none"
                ? { value_text: "free text" }
                : base.catalog_entries.some((e) => e.id === id)
                  ? { value_catalog_entry_id: id }
                  : { value_option_id: id },
            ),
          ),
          { maxLength: 2 },
        ),
      }),
    ),
    { maxLength: 3 },
  ),
  updated: time,
});

type Fields = typeof incidentFields extends fc.Arbitrary<infer T> ? T : never;

function record(number: number, createdMs: number, f: Fields): IncidentRecord {
  const { updated, ...rest } = f;
  const createdAt = new Date(createdMs).toISOString();
  return incidentRecord(base, number, {
    created_at: createdAt,
    ...rest,
    updated_at: new Date(Math.max(updated, createdMs)).toISOString(),
  });
}

/** One filter of a query string, as key and values. */
const dateValue = (op: string) =>
  fc.tuple(time, time).map(([a, b]) => {
    const [from, to] = a <= b ? [a, b] : [b, a];
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    return op === "date_range" ? `${day(from)}~${day(to)}` : new Date(from).toISOString();
  });
const ids = (records: readonly { id: string }[]) =>
  fc.uniqueArray(pick(records.map((r) => r.id)), { minLength: 1, maxLength: 3 });
const filter: fc.Arbitrary<[string, string[]]> = fc.oneof(
  fc
    .tuple(pick(["one_of", "not_in"]), ids(statuses))
    .map(([op, v]): [string, string[]] => [`status[${op}]`, v]),
  fc
    .tuple(pick(["one_of", "not_in"]), fc.uniqueArray(pick(CATEGORIES), { minLength: 1, maxLength: 3 }))
    .map(([op, v]): [string, string[]] => [`status_category[${op}]`, v]),
  fc
    .tuple(pick(["one_of", "not_in", "gte", "lte"]), ids(severities))
    .map(([op, v]): [string, string[]] => [`severity[${op}]`, v]),
  fc
    .tuple(pick(["one_of", "not_in"]), ids(types))
    .map(([op, v]): [string, string[]] => [`incident_type[${op}]`, v]),
  fc
    .uniqueArray(pick(MODES), { minLength: 1, maxLength: 3 })
    .map((v): [string, string[]] => ["mode[one_of]", v]),
  fc
    .tuple(pick(["created_at", "updated_at"]), pick(["gte", "lte", "date_range"]))
    .chain(([name, op]) =>
      fc
        .array(dateValue(op), { minLength: 1, maxLength: 2 })
        .map((v): [string, string[]] => [`${name}[${op}]`, v]),
    ),
  fc
    .tuple(pick(roles.map((r) => r.id)), pick(["one_of", "is_set", "is_blank"]), ids(users), fc.boolean())
    .map(([role, op, v, flag]): [string, string[]] => [
      `incident_role[${role}][${op}]`,
      op === "one_of" ? v : [String(flag)],
    ]),
  pick(fields.map((f) => f.id)).chain((fieldId) => {
    const select = ["single_select", "multi_select"].includes(
      fields.find((f) => f.id === fieldId)?.field_type ?? "",
    );
    const choices = choicesOf(fieldId, base);
    if (!select || choices.length === 0)
      return fc.boolean().map((b): [string, string[]] => [`custom_field[${fieldId}][is_blank]`, [String(b)]]);
    return fc
      .tuple(
        pick(["one_of", "not_in", "is_blank"]),
        fc.uniqueArray(pick(choices), { minLength: 1 }),
        fc.boolean(),
      )
      .map(([op, v, b]): [string, string[]] => [
        `custom_field[${fieldId}][${op}]`,
        op === "is_blank" ? [String(b)] : v,
      ]);
  }),
);
const query = fc.record({
  filters: fc.uniqueArray(filter, { maxLength: 4, selector: ([key]) => key }),
  anyOf: fc.boolean(),
  newestFirst: fc.boolean(),
  seesPrivate: fc.boolean(),
});
type Query = typeof query extends fc.Arbitrary<infer T> ? T : never;

function params(q: Query): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, values] of q.filters) for (const value of values) out.append(key, value);
  out.set("filter_mode", q.anyOf ? "any" : "all");
  out.set("sort_by", q.newestFirst ? "created_at_newest_first" : "created_at_oldest_first");
  return out;
}

/** The indexed answer: every matching ID in list order, and the count. */
function indexed(state: EmulatorState, q: Query): { ids: string[]; total: number } {
  const parsed = parseIncidentQuery(params(q), state);
  const matches = matchingRows(parsed, q.seesPrivate);
  const ordered = state.incidentsInOrder();
  const start = q.newestFirst ? ordered.length - 1 : 0;
  const rows = takeRows(matches, start, q.newestFirst, ordered.length + 1);
  return { ids: rows.map((row) => ordered[row]?.id ?? "?"), total: countRows(matches) };
}

/** The same answer from a plain scan of every incident, written from the filters' documented meaning. */
function scanned(snapshot: Snapshot, incidents: IncidentRecord[], q: Query): string[] {
  const statusById = new Map(snapshot.incident_statuses.map((s) => [s.id, s]));
  const rankOf = new Map(snapshot.severities.map((s) => [s.id, s.rank]));
  let modes = new Set<string>(["standard", "retrospective"]);
  const tests: ((i: IncidentRecord) => boolean)[] = [];
  const firstAssignee = (i: IncidentRecord, role: string) =>
    i.role_assignments.find((a) => a.incident_role_id === role)?.assignee_user_id;
  const firstValues = (i: IncidentRecord, field: string) =>
    i.custom_field_entries.find((e) => e.custom_field_id === field)?.values ?? [];
  for (const [key, values] of q.filters) {
    const [name = "", a = "", b] = key.split(/[[\]]+/).filter(Boolean);
    const op = b ?? a;
    const inSet = (value: string | undefined) => value !== undefined && values.includes(value);
    const setTest = (read: (i: IncidentRecord) => string | undefined) =>
      tests.push(op === "one_of" ? (i) => inSet(read(i)) : (i) => !inSet(read(i)));
    if (name === "mode") modes = new Set(values);
    else if (name === "status") setTest((i) => i.incident_status_id);
    else if (name === "status_category") setTest((i) => statusById.get(i.incident_status_id)?.category);
    else if (name === "incident_type") setTest((i) => i.incident_type_id);
    else if (name === "severity" && (op === "one_of" || op === "not_in")) setTest((i) => i.severity_id);
    else if (name === "severity") {
      for (const id of values) {
        const rank = rankOf.get(id) ?? 0;
        tests.push((i) => {
          const own = i.severity_id === undefined ? undefined : rankOf.get(i.severity_id);
          return own !== undefined && (op === "gte" ? own >= rank : own <= rank);
        });
      }
    } else if (name === "created_at" || name === "updated_at") {
      for (const value of values) {
        const w = dateWindow(name, op, value);
        tests.push((i) => {
          const t = Date.parse(name === "created_at" ? i.created_at : i.updated_at);
          return t >= w.from && t < w.until;
        });
      }
    } else if (name === "incident_role") {
      if (op === "one_of") tests.push((i) => inSet(firstAssignee(i, a)));
      else {
        const wantSet = (values[0] === "true") === (op === "is_set");
        tests.push((i) => (firstAssignee(i, a) !== undefined) === wantSet);
      }
    } else if (name === "custom_field") {
      const hit = (i: IncidentRecord) =>
        firstValues(i, a).some((v) => inSet(v.value_option_id ?? v.value_catalog_entry_id));
      if (op === "is_blank") tests.push((i) => (firstValues(i, a).length === 0) === (values[0] === "true"));
      else tests.push(op === "one_of" ? hit : (i) => !hit(i));
    }
  }
  const matching = incidents.filter(
    (i) =>
      modes.has(i.mode) &&
      (i.visibility === "public" || q.seesPrivate) &&
      (tests.length === 0 || (q.anyOf ? tests.some((t) => t(i)) : tests.every((t) => t(i)))),
  );
  matching.sort((x, y) => Date.parse(x.created_at) - Date.parse(y.created_at) || (x.id < y.id ? -1 : 1));
  if (q.newestFirst) matching.reverse();
  return matching.map((i) => i.id);
}

/** What a restarted emulator loads: the state's current records. */
function stored(state: EmulatorState): Snapshot {
  const snapshot = { organisation: state.organisation } as Snapshot;
  for (const name of COLLECTIONS) (snapshot as unknown as Record<string, unknown[]>)[name] = state.list(name);
  return snapshot;
}

function expectSame(state: EmulatorState, queries: Query[]): void {
  const snapshot = stored(state);
  const options = new Set(snapshot.custom_field_options.map((o) => o.id));
  for (const q of queries) {
    // A query naming a deleted option is refused (422), as the API refuses it; nothing to compare.
    const namesDeleted = q.filters.some(
      ([key, values]) =>
        key.startsWith("custom_field") &&
        values.some((v) => base.custom_field_options.some((o) => o.id === v) && !options.has(v)),
    );
    if (namesDeleted) {
      expect(() => indexed(state, q)).toThrow(/is not an option/);
      continue;
    }
    const expected = scanned(snapshot, snapshot.incidents, q);
    const got = indexed(state, q);
    expect(got.ids, params(q).toString()).toEqual(expected);
    expect(got.total).toBe(expected.length);
  }
}

/** A write: a create (possibly older than the newest incident), an edit of the nth incident, or an option delete. */
const write = fc.oneof(
  fc.record({ kind: fc.constant("create" as const), created: time, fields: incidentFields }),
  fc.record({ kind: fc.constant("edit" as const), nth: fc.nat(), fields: incidentFields }),
  fc.record({ kind: fc.constant("delete-option" as const), nth: fc.nat() }),
);
type Write = typeof write extends fc.Arbitrary<infer T> ? T : never;

function apply(state: EmulatorState, w: Write, number: number): void {
  const incidents = state.list("incidents");
  if (w.kind === "create") {
    const incident = record(number, w.created, w.fields);
    state.commit([{ collection: "incidents", id: incident.id, record: incident }]);
  } else if (w.kind === "edit") {
    const previous = incidents[w.nth % Math.max(1, incidents.length)];
    if (!previous) return;
    const next = { ...record(previous.number, Date.parse(previous.created_at), w.fields), id: previous.id };
    state.commit([{ collection: "incidents", id: next.id, record: next }]);
  } else {
    const options = state.list("custom_field_options");
    const option = options[w.nth % Math.max(1, options.length)];
    if (!option) return;
    // As DELETE /v1/custom_field_options/{id} does: the option goes, and with it every value that chose it.
    const changes: Change[] = [{ collection: "custom_field_options", id: option.id }];
    for (const incident of incidents) {
      const entries = incident.custom_field_entries.map((e) => ({
        ...e,
        values: e.values.filter((v) => v.value_option_id !== option.id),
      }));
      if (JSON.stringify(entries) !== JSON.stringify(incident.custom_field_entries))
        changes.push({
          collection: "incidents",
          id: incident.id,
          record: { ...incident, custom_field_entries: entries },
        });
    }
    state.commit(changes);
  }
}

describe("the incident index", () => {
  it("answers random filters as a plain scan does, after random writes and after a restart", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(time, incidentFields), { maxLength: 80 }),
        fc.array(query, { minLength: 1, maxLength: 6 }),
        fc.array(write, { maxLength: 12 }),
        (seeds, queries, writes) => {
          const snapshot = structuredClone(base);
          snapshot.incidents = seeds.map(([created, f], i) => record(i + 1, created, f));
          const state = new EmulatorState(snapshot, memoryOnly);
          expectSame(state, queries);
          writes.forEach((w, i) => {
            apply(state, w, 1000 + i);
            expectSame(state, queries.slice(0, 2));
          });
          expectSame(state, queries);
          expectSame(new EmulatorState(stored(state), memoryOnly), queries);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("pages through the matches from any cursor in either direction", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(300), { maxLength: 120 }),
        fc.nat(320),
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        (set, start, descending, limit) => {
          const words = new Uint32Array(10);
          for (const row of set) words[row >>> 5] = (words[row >>> 5] as number) | (1 << (row & 31));
          const sorted = [...set].sort((x, y) => x - y);
          const expected = (
            descending ? sorted.filter((r) => r <= start).reverse() : sorted.filter((r) => r >= start)
          ).slice(0, limit);
          expect(takeRows(words, start, descending, limit)).toEqual(expected);
          expect(countRows(words)).toBe(set.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
