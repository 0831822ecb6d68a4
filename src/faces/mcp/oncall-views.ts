import { z } from "zod";
import type { Escalation, EscalationPath, Schedule, ScheduleEntry } from "../../api/index.js";
import {
  acknowledgedBy,
  type NamedOverride,
  notifiedNames,
  type OnCallAnswer,
  type Person,
  type Shift,
} from "../../ops/index.js";

/** The compact shapes the on-call and paging tools return: names and times, not incident.io's nesting. */

export const PersonView = z.object({ id: z.string(), name: z.string(), email: z.string().optional() });
export type PersonView = z.infer<typeof PersonView>;

function personView(person: Person): PersonView {
  return { id: person.id, name: person.name, ...(person.email ? { email: person.email } : {}) };
}

export const ShiftView = z.object({
  user: z.string().optional().describe("Who is on call; absent when an override left no one on this layer"),
  email: z.string().optional(),
  from: z.string(),
  until: z.string(),
  override: z.boolean().describe("true when an override, not the rotation, put them here"),
});
type ShiftView = z.infer<typeof ShiftView>;

function shiftView(shift: Shift): ShiftView {
  return {
    ...(shift.person ? { user: shift.person.name } : {}),
    ...(shift.person?.email ? { email: shift.person.email } : {}),
    from: shift.from,
    until: shift.until,
    override: shift.override,
  };
}

const LayerView = z.object({
  rotation: z.string(),
  layer: z.string(),
  now: ShiftView.optional().describe(
    "The shift at the moment asked about; absent when no one is on this layer",
  ),
  next: ShiftView.optional().describe("The shift after it: who takes over, and when"),
});

export const OnCallView = z.object({
  at: z.string().describe("The moment asked about (ISO 8601)"),
  chain: z
    .array(z.string())
    .describe(
      'How the answer was found, e.g. ["payments-api", "team Payments", "schedule Payments on-call"]',
    ),
  on_call: z.array(PersonView).describe("Everyone on call at that moment"),
  schedules: z.array(
    z.object({ id: z.string(), name: z.string(), timezone: z.string(), layers: z.array(LayerView) }),
  ),
  escalation_path: z.string().optional().describe("The escalation path that pages them (page tool: path=…)"),
  paged_directly: z.array(PersonView).describe("People the path's first level pages by name"),
});
export type OnCallView = z.infer<typeof OnCallView>;

export function onCallView(answer: OnCallAnswer): OnCallView {
  return {
    at: answer.at,
    chain: answer.chain,
    on_call: answer.onCall.map(personView),
    schedules: answer.schedules.map((schedule) => ({
      id: schedule.id,
      name: schedule.name,
      timezone: schedule.timezone,
      layers: schedule.layers.map((layer) => ({
        rotation: layer.rotation,
        layer: layer.layer,
        ...(layer.now ? { now: shiftView(layer.now) } : {}),
        ...(layer.next ? { next: shiftView(layer.next) } : {}),
      })),
    })),
    ...(answer.escalationPath ? { escalation_path: answer.escalationPath.name } : {}),
    paged_directly: answer.pagedDirectly.map(personView),
  };
}

/** Rotation and layer names of a schedule, by their IDs. */
function layerNames(
  schedule: Schedule,
): (rotationId?: string, layerId?: string) => { rotation: string; layer: string } {
  return (rotationId, layerId) => {
    const rotation = schedule.config?.rotations.find((r) => r.id === rotationId);
    const layer = rotation?.layers.find((l) => l.id === layerId);
    return { rotation: rotation?.name ?? rotationId ?? "", layer: layer?.name ?? layerId ?? "" };
  };
}

export const EntryView = z.object({
  user: z.string().optional(),
  email: z.string().optional(),
  rotation: z.string(),
  layer: z.string(),
  from: z.string(),
  until: z.string(),
  override: z.boolean(),
});
type EntryView = z.infer<typeof EntryView>;

export function entryView(schedule: Schedule, entry: ScheduleEntry): EntryView {
  return {
    ...(entry.user ? { user: entry.user.name } : {}),
    ...(entry.user?.email ? { email: entry.user.email } : {}),
    ...layerNames(schedule)(entry.rotation_id, entry.layer_id),
    from: entry.start_at,
    until: entry.end_at,
    override: entry.entry_id !== undefined,
  };
}

export const ScheduleView = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  rotations: z.array(
    z.object({
      name: z.string(),
      layers: z.array(z.string()),
      users: z.array(z.string()).describe("In rotation order"),
      handover: z.string().describe('e.g. "every 1 weekly"'),
    }),
  ),
  on_call_now: z.array(EntryView),
});
export type ScheduleView = z.infer<typeof ScheduleView>;

export function scheduleView(schedule: Schedule): ScheduleView {
  const seen = new Set<string>();
  const rotations = (schedule.config?.rotations ?? []).filter((rotation) => {
    if (seen.has(rotation.id)) return false;
    seen.add(rotation.id);
    return true;
  });
  return {
    id: schedule.id,
    name: schedule.name,
    timezone: schedule.timezone,
    rotations: rotations.map((rotation) => ({
      name: rotation.name,
      layers: rotation.layers.map((layer) => layer.name ?? ""),
      users: rotation.users.map((user) => user.name),
      handover: rotation.handovers.map((h) => `every ${h.interval} ${h.interval_type}`).join(", "),
    })),
    on_call_now: (schedule.current_shifts ?? []).map((entry) => entryView(schedule, entry)),
  };
}

export const OverrideView = z.object({
  id: z.string(),
  user: z.string().optional().describe("Who covers; absent: no one is on call for the window"),
  email: z.string().optional(),
  rotation: z.string(),
  layer: z.string(),
  from: z.string(),
  until: z.string(),
});
export type OverrideView = z.infer<typeof OverrideView>;

export function overrideView(named: NamedOverride): OverrideView {
  const { override } = named;
  return {
    id: override.id,
    ...(override.user ? { user: override.user.name } : {}),
    ...(override.user?.email ? { email: override.user.email } : {}),
    rotation: named.rotation,
    layer: named.layer,
    from: override.start_at,
    until: override.end_at,
  };
}

export const EscalationPathView = z.object({
  id: z.string(),
  name: z.string(),
  first_responders: z.array(z.string()).describe("Whom its first level would page now"),
});

export function escalationPathView(path: EscalationPath) {
  return {
    id: path.id,
    name: path.name,
    first_responders: (path.current_responders ?? []).map((u) => u.name),
  };
}

export const EscalationView = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string().describe("triggered (paging), acked, cancelled, expired, resolved, …"),
  escalation_path: z
    .string()
    .optional()
    .describe("The path it pages through; absent when sent to people directly"),
  notified: z.array(z.string()).describe("Who has been paged so far, in order"),
  acknowledged_by: z.string().optional(),
  incidents: z.array(z.string()).describe("References of the incidents it is about"),
  created_at: z.string(),
  updated_at: z.string(),
});
export type EscalationView = z.infer<typeof EscalationView>;

export function escalationView(
  escalation: Escalation,
  pathNames: ReadonlyMap<string, string>,
): EscalationView {
  const path = escalation.escalation_path_id;
  const acked = acknowledgedBy(escalation);
  return {
    id: escalation.id,
    title: escalation.title,
    status: escalation.status,
    ...(path ? { escalation_path: pathNames.get(path) ?? path } : {}),
    notified: notifiedNames(escalation),
    ...(acked ? { acknowledged_by: acked } : {}),
    incidents: escalation.related_incidents.map((incident) => incident.reference),
    created_at: escalation.created_at,
    updated_at: escalation.updated_at,
  };
}

export function escalationLine(view: EscalationView): string {
  const via = view.escalation_path ? `via ${view.escalation_path}` : "to people directly";
  const acked = view.acknowledged_by ? `; acknowledged by ${view.acknowledged_by}` : "";
  const about = view.incidents.length > 0 ? ` [${view.incidents.join(", ")}]` : "";
  return `${view.id}  ${view.status}  "${view.title}"${about} ${via}; paged: ${view.notified.join(", ") || "no one yet"}${acked} (created ${view.created_at})`;
}
