import type { Schedule, ScheduleEntry, ScheduleRotation } from "../api/index.js";
import type { OpsSession } from "./session.js";

/** How far ahead the entries are read in one request: past a weekly handover, so "then …" is usually known. */
const WINDOW_MS = 8 * 86_400_000;

/** Someone on call (or nobody, for a shift an override left empty). */
export interface Person {
  id: string;
  name: string;
  email?: string;
}

/** One stretch of one layer: who, from when until when, and whether an override put them there. */
export interface Shift {
  person?: Person;
  from: string;
  until: string;
  override: boolean;
}

/** One layer of a rotation at the moment asked about: who is on it (`now`, absent: no one) and who comes next. */
export interface LayerOnCall {
  rotationId: string;
  rotation: string;
  layerId: string;
  layer: string;
  now?: Shift;
  next?: Shift;
}

/** A schedule at a moment: each layer of each rotation, overrides applied. */
export interface ScheduleOnCall {
  id: string;
  name: string;
  timezone: string;
  layers: LayerOnCall[];
}

function person(entry: ScheduleEntry): Person | undefined {
  const user = entry.user;
  if (!user) return undefined;
  return { id: user.id, name: user.name, ...(user.email ? { email: user.email } : {}) };
}

function shift(entry: ScheduleEntry): Shift {
  const who = person(entry);
  // Entries worked out from the rotations have no entry_id; an override's entry is stored, so it has one.
  return {
    ...(who ? { person: who } : {}),
    from: entry.start_at,
    until: entry.end_at,
    override: entry.entry_id !== undefined,
  };
}

/** Each rotation once, as the version in effect at `at` (a rotation is listed again for each scheduled change). */
export function rotationsAt(schedule: Schedule, at: number): ScheduleRotation[] {
  const versions = new Map<string, ScheduleRotation[]>();
  for (const rotation of schedule.config?.rotations ?? []) {
    versions.set(rotation.id, [...(versions.get(rotation.id) ?? []), rotation]);
  }
  const from = (rotation: ScheduleRotation) =>
    rotation.effective_from ? Date.parse(rotation.effective_from) : Number.NEGATIVE_INFINITY;
  return [...versions.values()].map((list) => {
    const sorted = [...list].sort((a, b) => from(a) - from(b));
    // The latest version begun by `at`; before any has begun, the first.
    return sorted.filter((rotation) => from(rotation) <= at).pop() ?? (sorted[0] as ScheduleRotation);
  });
}

const layerKey = (rotationId: string | undefined, layerId: string | undefined) =>
  `${rotationId ?? ""}/${layerId ?? ""}`;

/**
 * Each layer's shift at `at` and the one after it. Back-to-back entries of the same person are one shift (a long
 * window comes back split into pages, and an override can end where the person's own shift goes on).
 */
function layerShifts(
  entries: readonly ScheduleEntry[],
  at: number,
): { now?: Shift; next?: Shift; coveredUntil: number } {
  const sorted = [...entries].sort((a, b) => Date.parse(a.start_at) - Date.parse(b.start_at));
  const covering = sorted.find((e) => Date.parse(e.start_at) <= at && Date.parse(e.end_at) > at);
  let now = covering ? shift(covering) : undefined;
  let cursor = now ? Date.parse(now.until) : at;
  for (const entry of sorted) {
    if (!now || Date.parse(entry.start_at) !== cursor || person(entry)?.id !== now.person?.id) continue;
    now = { ...now, until: entry.end_at };
    cursor = Date.parse(entry.end_at);
  }
  const following = sorted.find((e) => Date.parse(e.start_at) >= cursor && Date.parse(e.start_at) > at);
  return {
    ...(now ? { now } : {}),
    ...(following ? { next: shift(following) } : {}),
    coveredUntil: cursor,
  };
}

/** Who is on call on `schedule` at `at`, layer by layer, and who takes over from each. */
export async function scheduleOnCall(s: OpsSession, schedule: Schedule, at: number): Promise<ScheduleOnCall> {
  const end = at + WINDOW_MS;
  const { final } = await s.io.scheduleEntries.list(schedule.id, {
    start: new Date(at).toISOString(),
    end: new Date(end).toISOString(),
  });
  const byLayer = new Map<string, ScheduleEntry[]>();
  for (const entry of final) {
    const key = layerKey(entry.rotation_id, entry.layer_id);
    byLayer.set(key, [...(byLayer.get(key) ?? []), entry]);
  }
  const layers: LayerOnCall[] = [];
  const seen = new Set<string>();
  for (const rotation of rotationsAt(schedule, at)) {
    for (const layer of rotation.layers) {
      const key = layerKey(rotation.id, layer.id);
      seen.add(key);
      layers.push({
        rotationId: rotation.id,
        rotation: rotation.name,
        layerId: layer.id ?? "",
        layer: layer.name ?? rotation.name,
        ...(await withNext(s, schedule.id, byLayer.get(key) ?? [], at, end)),
      });
    }
  }
  // Entries of a layer the configuration did not show (a rotation changed since): kept, named by their IDs.
  for (const [key, entries] of byLayer) {
    if (seen.has(key)) continue;
    const [rotationId = "", layerId = ""] = key.split("/");
    layers.push({
      rotationId,
      rotation: rotationId,
      layerId,
      layer: layerId,
      ...(await withNext(s, schedule.id, entries, at, end)),
    });
  }
  return { id: schedule.id, name: schedule.name, timezone: schedule.timezone, layers };
}

/** The layer's shifts; when its current shift outlasts the window read, one more read finds who follows it. */
async function withNext(
  s: OpsSession,
  scheduleId: string,
  entries: readonly ScheduleEntry[],
  at: number,
  end: number,
): Promise<{ now?: Shift; next?: Shift }> {
  const found = layerShifts(entries, at);
  const { coveredUntil, ...shifts } = found;
  if (shifts.next || !shifts.now || coveredUntil < end) return shifts;
  const [first] = entries;
  const later = (await s.io.scheduleEntries.at(scheduleId, new Date(coveredUntil))).filter(
    (e) => e.rotation_id === first?.rotation_id && e.layer_id === first?.layer_id,
  );
  return later[0] ? { ...shifts, next: shift(later[0]) } : shifts;
}
