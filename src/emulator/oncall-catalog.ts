import type { EmulatorState } from "./state.js";

/**
 * incident.io's own on-call resources as catalog attribute types: a team's entry names its escalation path and
 * schedule by ID, and shows them by name. They are not catalog types, so a value is kept as given and shown as
 * given when it names nothing (any more).
 */
export const ON_CALL_RESOURCES = [
  {
    type: "EscalationPath",
    label: "Escalation path",
    description: "An escalation path in incident.io On-call",
    value_docstring: "The ID of an escalation path, e.g. 01FCNDV6P870EA6S7TK1DSYDG0",
  },
  {
    type: "Schedule",
    label: "Schedule",
    description: "An on-call schedule in incident.io On-call",
    value_docstring: "The ID of a schedule, e.g. 01G0J1EXE7AXZ2C93K61WBPYEH",
  },
] as const;

export function isOnCallResource(type: string): boolean {
  return ON_CALL_RESOURCES.some((resource) => resource.type === type);
}

/** The name of the live escalation path or schedule a value names, or undefined. */
export function onCallLabel(state: EmulatorState, type: string, literal: string): string | undefined {
  const record =
    type === "EscalationPath"
      ? state.get("escalation_paths", literal)
      : type === "Schedule"
        ? state.get("schedules", literal)
        : undefined;
  return record && record.archived_at === undefined ? record.name : undefined;
}
