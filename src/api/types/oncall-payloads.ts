import type { EscalationPathNode } from "./escalations.js";
import type { HANDOVER_INTERVAL_TYPES, WEEKDAYS } from "./schedules.js";

/** On-call request bodies, as incident.io names them. Plain types: we build these, incident.io validates them. */

/** `UserReferencePayloadV2`: any one of these names the user. */
export interface UserReferencePayload {
  id?: string;
  email?: string;
  slack_user_id?: string;
}

export interface WeekdayIntervalPayload {
  weekday: (typeof WEEKDAYS)[number];
  /** 24-hour local time, e.g. "09:00". */
  start_time: string;
  end_time: string;
}

/** `ScheduleRotationCreatePayloadV2`. Repeat the same `id` with an `effective_from` to schedule a change. */
export interface ScheduleRotationPayload {
  id?: string;
  name: string;
  effective_from?: string;
  /** When the first user comes on shift. */
  handover_start_at?: string;
  handovers?: { interval_type: (typeof HANDOVER_INTERVAL_TYPES)[number]; interval: number }[];
  /** One person on call per layer at a time. */
  layers?: { id?: string; name: string }[];
  users?: UserReferencePayload[];
  working_intervals?: WeekdayIntervalPayload[];
  scheduling_mode?: "fair" | "sequential";
}

/** `ScheduleCreatePayloadV2` / `ScheduleUpdatePayloadV2`; sent wrapped as `{schedule: …}`. */
export interface SchedulePayload {
  name?: string;
  timezone?: string;
  team_ids?: string[];
  annotations?: Record<string, string>;
  /** Given, its rotations replace all the schedule's rotations. */
  config?: { rotations?: ScheduleRotationPayload[] };
  holidays_public_config?: { country_codes: string[] };
}

/** `SchedulesUpdateOverridePayloadV2`. A user reference with nothing set puts no one on call. */
export interface ScheduleOverrideUpdatePayload {
  rotation_id: string;
  layer_id: string;
  user: UserReferencePayload;
  start_at: string;
  end_at: string;
}

/** `SchedulesCreateOverridePayloadV2`. */
export interface ScheduleOverrideCreatePayload extends ScheduleOverrideUpdatePayload {
  schedule_id: string;
}

/** `EscalationPathNodePayloadV2`: the node as read back, so a path read can be sent back changed. */
export type EscalationPathNodePayload = Omit<EscalationPathNode, "if_else"> & {
  if_else?:
    | {
        conditions?: unknown[];
        then_path: EscalationPathNodePayload[];
        else_path: EscalationPathNodePayload[];
      }
    | undefined;
};

/** `EscalationsCreatePathPayloadV2` / `EscalationsUpdatePathPayloadV2`. */
export interface EscalationPathPayload {
  name: string;
  path: EscalationPathNodePayload[];
  team_ids?: string[];
  repeat_config?: { repeat_after_seconds: number; delay_repeat_on_activity: boolean };
  working_hours?: {
    id: string;
    name: string;
    timezone: string;
    weekday_intervals: WeekdayIntervalPayload[];
  }[];
}

/**
 * `EscalationsCreatePayloadV2`: page through a path (`escalation_path_id`) or straight to people (`user_ids`), not
 * both. A repeat with the same `idempotency_key` answers the escalation the first request created.
 */
export interface EscalationCreatePayload {
  idempotency_key: string;
  title: string;
  description?: string;
  escalation_path_id?: string;
  user_ids?: string[];
  incident_id?: string;
}
