/**
 * Stored records for on-call: schedules (rotations of people, handing over on a cadence), overrides of them,
 * escalation paths (who to page, in which order, waiting how long) and escalations (pages sent).
 */

export type Weekday = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";

/** A weekly window in a schedule's (or escalation path's) time zone; `end_time` at or before `start_time` ends the next day. */
export interface WeekdayIntervalRecord {
  weekday: Weekday;
  /** "HH:MM", 24-hour. */
  start_time: string;
  end_time: string;
}

/**
 * One version of a rotation. A rotation can have several versions with the same `id`, each applying from its
 * `effective_from` until the next one's; the first has none. Layers are how many people it puts on call at once.
 */
export interface ScheduleRotationRecord {
  id: string;
  name: string;
  effective_from?: string;
  handover_start_at: string;
  handovers: { interval_type: "hourly" | "daily" | "weekly"; interval: number }[];
  layers: { id: string; name: string }[];
  /** In the order they take shifts. */
  user_ids: string[];
  /** When set, the rotation only puts people on call inside these windows. */
  working_intervals: WeekdayIntervalRecord[];
  scheduling_mode?: "fair" | "sequential";
}

export interface ScheduleRecord {
  id: string;
  name: string;
  /** An IANA time zone: handovers and working intervals are wall-clock times in it. */
  timezone: string;
  /** Team catalog entries that own the schedule. */
  team_ids: string[];
  annotations: Record<string, string>;
  rotations: ScheduleRotationRecord[];
  holidays_public_config?: { country_codes: string[] };
  created_at: string;
  updated_at: string;
  /** Set when the schedule was deleted (incident.io archives schedules); archived schedules are gone from the API. */
  archived_at?: string;
}

/** Someone (or, without `user_id`, no one) on call instead of the rotation, on one layer, for a while. */
export interface ScheduleOverrideRecord {
  id: string;
  schedule_id: string;
  rotation_id: string;
  layer_id: string;
  user_id?: string;
  start_at: string;
  end_at: string;
  created_at: string;
  updated_at: string;
}

/** `EscalationPathTargetV2`. */
export interface EscalationTargetRecord {
  type: "schedule" | "user" | "slack_channel" | "msteams_channel";
  id: string;
  urgency: "high" | "low";
  schedule_mode?: string;
  selected_rota_id?: string;
}

/** `EscalationPathNodeV2`, stored as incident.io shows it: `type` says which of the members is set. */
export interface EscalationNodeRecord {
  id: string;
  type: "if_else" | "repeat" | "level" | "notify_channel" | "delay" | "voicemail" | "escalation_path";
  level?: {
    targets: EscalationTargetRecord[];
    ack_mode?: "all" | "first";
    time_to_ack_seconds?: number;
    time_to_ack_interval_condition?: "active" | "inactive";
    time_to_ack_weekday_interval_config_id?: string;
    retry_config?: { attempts: number; interval_seconds: number };
    round_robin_config?: { enabled: boolean; rotate_after_seconds?: number };
  };
  notify_channel?: {
    targets: EscalationTargetRecord[];
    time_to_ack_seconds?: number;
    time_to_ack_interval_condition?: "active" | "inactive";
    time_to_ack_weekday_interval_config_id?: string;
  };
  delay?: {
    delay_seconds?: number;
    delay_interval_condition?: "active" | "inactive";
    delay_weekday_interval_config_id?: string;
  };
  repeat?: { to_node: string; repeat_times: number };
  if_else?: {
    conditions: ConditionRecord[];
    then_path: EscalationNodeRecord[];
    else_path: EscalationNodeRecord[];
  };
  escalation_path?: { escalation_path_id: string };
}

/** A binding's value as `EngineParamBindingValueV2` shows it. */
export interface BindingValueRecord {
  label: string;
  literal?: string;
  reference?: string;
}

/** `ConditionV2`: what an if/else node tests. The emulator keeps conditions but evaluates none. */
export interface ConditionRecord {
  subject: { label: string; reference: string };
  operation: { label: string; value: string };
  param_bindings: { value?: BindingValueRecord; array_value?: BindingValueRecord[] }[];
}

export interface EscalationPathRecord {
  id: string;
  name: string;
  path: EscalationNodeRecord[];
  team_ids: string[];
  repeat_config?: { repeat_after_seconds: number; delay_repeat_on_activity: boolean };
  working_hours?: {
    id: string;
    name: string;
    timezone: string;
    weekday_intervals: WeekdayIntervalRecord[];
  }[];
  created_at: string;
  updated_at: string;
  /** Set when the path was deleted (incident.io archives paths); archived paths are gone from the API. */
  archived_at?: string;
}

/**
 * A page. Where it has got to is worked out from the clock and `path` (a copy of the nodes taken when it was
 * created, so a later change to the escalation path does not alter a page in flight); only what people did to it
 * (acknowledged, cancelled) is stored.
 */
export interface EscalationRecord {
  id: string;
  title: string;
  description: string;
  idempotency_key: string;
  escalation_path_id?: string;
  /** Set for a page sent straight to users rather than through a path. */
  user_ids?: string[];
  incident_id?: string;
  priority: string;
  path: EscalationNodeRecord[];
  created_at: string;
  acked_at?: string;
  acked_by_user_id?: string;
  cancelled_at?: string;
}

/** The on-call collections of a snapshot. */
export interface OnCallRecords {
  schedules: ScheduleRecord[];
  schedule_overrides: ScheduleOverrideRecord[];
  escalation_paths: EscalationPathRecord[];
  escalations: EscalationRecord[];
}
