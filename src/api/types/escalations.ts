import { z } from "zod";
import { PaginationMeta, User } from "./common.js";
import { type OpenEnum, openEnum } from "./open-enum.js";
import { WeekdayInterval } from "./schedules.js";

/** Escalation paths and escalations (Escalations V2): who gets paged, in which order, and the pages sent. */

export const ESCALATION_STATUSES = [
  "pending",
  "triggered",
  "acked",
  "resolved",
  "expired",
  "cancelled",
  "snoozed",
  "delayed",
  "pending_repeat",
] as const;
export type EscalationStatus = OpenEnum<(typeof ESCALATION_STATUSES)[number]>;

export const ESCALATION_NODE_TYPES = [
  "if_else",
  "repeat",
  "level",
  "notify_channel",
  "delay",
  "voicemail",
  "escalation_path",
] as const;

export const SCHEDULE_MODES = [
  "currently_on_call",
  "all_users_for_rota",
  "all_users",
  "currently_on_call_for_rota",
  "next_on_call_for_rota",
  "next_on_call",
  "",
] as const;

/** `EscalationPathTargetV2`: a user or schedule to page (or a chat channel to notify), at an urgency. */
export const EscalationTarget = z.looseObject({
  type: openEnum(["schedule", "user", "slack_channel", "msteams_channel"]),
  id: z.string(),
  urgency: openEnum(["high", "low"]),
  /** For a schedule: whom of it to page; whoever is on call, unless set. */
  schedule_mode: openEnum(SCHEDULE_MODES).optional(),
  selected_rota_id: z.string().optional(),
});
export type EscalationTarget = z.infer<typeof EscalationTarget>;

/** `EscalationPathNodeLevelV2`: targets paged together, and how long they have to acknowledge. */
export const EscalationLevel = z.looseObject({
  targets: z.array(EscalationTarget),
  ack_mode: openEnum(["all", "first"]).optional(),
  time_to_ack_seconds: z.number().optional(),
  time_to_ack_interval_condition: openEnum(["active", "inactive"]).optional(),
  time_to_ack_weekday_interval_config_id: z.string().optional(),
  retry_config: z.looseObject({ attempts: z.number(), interval_seconds: z.number() }).optional(),
  round_robin_config: z
    .looseObject({ enabled: z.boolean(), rotate_after_seconds: z.number().optional() })
    .optional(),
});
export type EscalationLevel = z.infer<typeof EscalationLevel>;

/** `EscalationPathNodeV2`: `type` says which of the members is set; if/else nodes hold further nodes. */
export interface EscalationPathNode {
  id: string;
  type: OpenEnum<(typeof ESCALATION_NODE_TYPES)[number]>;
  level?: EscalationLevel | undefined;
  notify_channel?: { targets: EscalationTarget[]; time_to_ack_seconds?: number | undefined } | undefined;
  delay?: { delay_seconds?: number | undefined } | undefined;
  repeat?: { to_node: string; repeat_times: number } | undefined;
  if_else?:
    | { conditions: unknown[]; then_path: EscalationPathNode[]; else_path: EscalationPathNode[] }
    | undefined;
  escalation_path?: { escalation_path_id: string } | undefined;
  [key: string]: unknown;
}

export const EscalationPathNode: z.ZodType<EscalationPathNode> = z.lazy(() =>
  z.looseObject({
    id: z.string(),
    type: openEnum(ESCALATION_NODE_TYPES),
    level: EscalationLevel.optional(),
    notify_channel: z
      .looseObject({ targets: z.array(EscalationTarget), time_to_ack_seconds: z.number().optional() })
      .optional(),
    delay: z.looseObject({ delay_seconds: z.number().optional() }).optional(),
    repeat: z.looseObject({ to_node: z.string(), repeat_times: z.number() }).optional(),
    if_else: z
      .looseObject({
        conditions: z.array(z.unknown()),
        then_path: z.array(EscalationPathNode),
        else_path: z.array(EscalationPathNode),
      })
      .optional(),
    escalation_path: z.looseObject({ escalation_path_id: z.string() }).optional(),
  }),
);

/** `WeekdayIntervalConfigV2`: named working hours a path's levels can wait on. */
export const WorkingHours = z.looseObject({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  weekday_intervals: z.array(WeekdayInterval),
});

/** `EscalationPathV2`. `current_responders` are whom its first level would page now. */
export const EscalationPath = z.looseObject({
  id: z.string(),
  name: z.string(),
  path: z.array(EscalationPathNode),
  team_ids: z.array(z.string()),
  current_responders: z.array(User).optional(),
  repeat_config: z
    .looseObject({ repeat_after_seconds: z.number(), delay_repeat_on_activity: z.boolean() })
    .optional(),
  working_hours: z.array(WorkingHours).optional(),
});
export type EscalationPath = z.infer<typeof EscalationPath>;

/** `EscalationEventV2`: what happened to an escalation, and when. */
export const EscalationEvent = z.looseObject({
  id: z.string(),
  event: openEnum([
    "entered_grace_period",
    "triggered",
    "notified_users",
    "notified_channels",
    "acked",
    "cancelled",
    "resolved",
    "expired",
  ]),
  occurred_at: z.string(),
  users: z.array(User).optional(),
  urgency: openEnum(["high", "low"]).optional(),
  channels: z.array(z.record(z.string(), z.string())).optional(),
});
export type EscalationEvent = z.infer<typeof EscalationEvent>;

/** `EscalationV2`: a page, and where it has got to. */
export const Escalation = z.looseObject({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  status: openEnum(ESCALATION_STATUSES),
  escalation_path_id: z.string().optional(),
  priority: z.looseObject({ name: z.string() }),
  creator: z.looseObject({
    user: User.optional(),
    alert: z.looseObject({ id: z.string(), title: z.string() }).optional(),
    workflow: z.looseObject({ id: z.string(), name: z.string() }).optional(),
  }),
  events: z.array(EscalationEvent),
  related_incidents: z.array(
    z.looseObject({ id: z.string(), name: z.string(), reference: z.string(), external_id: z.number() }),
  ),
  related_alerts: z.array(z.looseObject({ id: z.string(), title: z.string() })),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Escalation = z.infer<typeof Escalation>;

/** The envelopes of the escalation operations. */
export const EscalationPathResult = z.looseObject({ escalation_path: EscalationPath });
export const EscalationPathsListResult = z.looseObject({
  escalation_paths: z.array(EscalationPath),
  pagination_meta: PaginationMeta,
});
export const EscalationResult = z.looseObject({ escalation: Escalation });
export const EscalationsListResult = z.looseObject({
  escalations: z.array(Escalation),
  pagination_meta: PaginationMeta,
});
