import { z } from "zod";
import { newId } from "../shared/ids.js";
import { notFound, validationError } from "./errors.js";
import { targetUsers } from "./escalation-targets.js";
import type {
  BindingValueRecord,
  ConditionRecord,
  EscalationNodeRecord,
  EscalationPathRecord,
  EscalationTargetRecord,
} from "./model-oncall.js";
import { checkIntervals, checkTeamIds, checkTimeZone, weekdayIntervalPayload } from "./oncall-references.js";
import { renderUser } from "./render.js";
import { liveSchedule } from "./schedules.js";
import type { EmulatorState } from "./state.js";

/** Escalation paths V2: who to page, in which order, waiting how long for an acknowledgement. */

const target = z.object({
  type: z.enum(["schedule", "user", "slack_channel", "msteams_channel"]),
  id: z.string(),
  urgency: z.enum(["high", "low"]),
  schedule_mode: z
    .enum([
      "currently_on_call",
      "all_users_for_rota",
      "all_users",
      "currently_on_call_for_rota",
      "next_on_call_for_rota",
      "next_on_call",
      "",
    ])
    .exactOptional(),
  selected_rota_id: z.string().exactOptional(),
});
const seconds = z
  .number()
  .int()
  .min(0)
  .max(7 * 24 * 3600);
const intervalCondition = z.enum(["active", "inactive"]);

const level = z.object({
  targets: z.array(target),
  ack_mode: z.enum(["all", "first"]).exactOptional(),
  time_to_ack_seconds: seconds.exactOptional(),
  time_to_ack_interval_condition: intervalCondition.exactOptional(),
  time_to_ack_weekday_interval_config_id: z.string().exactOptional(),
  retry_config: z
    .object({ attempts: z.number().int().min(2).max(10), interval_seconds: z.number().int().min(60) })
    .exactOptional(),
  round_robin_config: z
    .object({ enabled: z.boolean(), rotate_after_seconds: z.number().int().min(0).exactOptional() })
    .exactOptional(),
});

/** `ConditionPayloadV2`. */
const bindingValue = z.object({ literal: z.string().exactOptional(), reference: z.string().exactOptional() });
const condition = z.object({
  subject: z.string(),
  operation: z.string(),
  param_bindings: z.array(
    z.object({ value: bindingValue.exactOptional(), array_value: z.array(bindingValue).exactOptional() }),
  ),
});
type ConditionPayload = z.infer<typeof condition>;

type NodePayload = Omit<EscalationNodeRecord, "if_else"> & {
  if_else?: { conditions?: ConditionPayload[]; then_path: NodePayload[]; else_path: NodePayload[] };
};

const node: z.ZodType<NodePayload> = z.lazy(() =>
  z.object({
    id: z.string(),
    type: z.enum(["if_else", "repeat", "level", "notify_channel", "delay", "voicemail", "escalation_path"]),
    level: level.exactOptional(),
    notify_channel: z
      .object({
        targets: z.array(target),
        time_to_ack_seconds: seconds.exactOptional(),
        time_to_ack_interval_condition: intervalCondition.exactOptional(),
        time_to_ack_weekday_interval_config_id: z.string().exactOptional(),
      })
      .exactOptional(),
    delay: z
      .object({
        delay_seconds: seconds.exactOptional(),
        delay_interval_condition: intervalCondition.exactOptional(),
        delay_weekday_interval_config_id: z.string().exactOptional(),
      })
      .exactOptional(),
    repeat: z.object({ to_node: z.string(), repeat_times: z.number().int().min(1).max(100) }).exactOptional(),
    if_else: z
      .object({
        conditions: z.array(condition).exactOptional(),
        then_path: z.array(node),
        else_path: z.array(node),
      })
      .exactOptional(),
    escalation_path: z.object({ escalation_path_id: z.string() }).exactOptional(),
  }),
);

const pathPayload = z.object({
  name: z.string(),
  path: z.array(node),
  team_ids: z.array(z.string()).optional(),
  repeat_config: z
    .object({
      repeat_after_seconds: z.number().int().min(300).max(345_600),
      delay_repeat_on_activity: z.boolean().optional(),
    })
    .optional(),
  working_hours: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        timezone: z.string(),
        weekday_intervals: z.array(weekdayIntervalPayload),
      }),
    )
    .optional(),
});
export const createPathPayload = pathPayload;
export const updatePathPayload = pathPayload;
type PathPayload = z.infer<typeof pathPayload>;

/** How deep if/else branches may nest: deeper trees are refused as a mistake. */
const MAX_DEPTH = 10;

export function livePath(state: EmulatorState, id: string): EscalationPathRecord | undefined {
  const path = state.get("escalation_paths", id);
  return path && path.archived_at === undefined ? path : undefined;
}

export function requirePath(state: EmulatorState, id: string): EscalationPathRecord {
  const path = livePath(state, id);
  if (!path) throw notFound("escalation path", id);
  return path;
}

export function livePaths(state: EmulatorState): EscalationPathRecord[] {
  return state.list("escalation_paths").filter((path) => path.archived_at === undefined);
}

export function createPath(state: EmulatorState, now: number, input: PathPayload): EscalationPathRecord {
  const at = new Date(now).toISOString();
  const id = newId(now);
  const path: EscalationPathRecord = { id, ...pathFields(state, input, id), created_at: at, updated_at: at };
  state.commit([{ collection: "escalation_paths", id, record: path }]);
  return path;
}

/** Replaces the path's name, nodes and settings; escalations already under way keep the nodes they started with. */
export function updatePath(
  state: EmulatorState,
  now: number,
  current: EscalationPathRecord,
  input: PathPayload,
): EscalationPathRecord {
  const path: EscalationPathRecord = {
    id: current.id,
    ...pathFields(state, input, current.id),
    created_at: current.created_at,
    updated_at: new Date(now).toISOString(),
  };
  state.commit([{ collection: "escalation_paths", id: path.id, record: path }]);
  return path;
}

export function deletePath(state: EmulatorState, now: number, current: EscalationPathRecord): void {
  const at = new Date(now).toISOString();
  state.commit([
    {
      collection: "escalation_paths",
      id: current.id,
      record: { ...current, archived_at: at, updated_at: at },
    },
  ]);
}

function pathFields(
  state: EmulatorState,
  input: PathPayload,
  selfId: string,
): Omit<EscalationPathRecord, "id" | "created_at" | "updated_at" | "archived_at"> {
  if (input.name.trim() === "")
    throw validationError("name", "An escalation path needs a name.", "is_required");
  if (input.path.length === 0) {
    throw validationError(
      "path",
      "path needs at least one node, e.g. a level paging a schedule.",
      "is_required",
    );
  }
  const workingHours = (input.working_hours ?? []).map((config, index) => ({
    id: config.id,
    name: config.name,
    timezone: checkTimeZone(config.timezone, `working_hours.${index}.timezone`),
    weekday_intervals: checkIntervals(config.weekday_intervals, `working_hours.${index}.weekday_intervals`),
  }));
  const checker = new NodeChecker(state, selfId, new Set(workingHours.map((config) => config.id)));
  const path = checker.nodes(input.path, "path", 0);
  checker.checkRepeats();
  return {
    name: input.name.trim(),
    path,
    team_ids: checkTeamIds(state, input.team_ids ?? [], "team_ids"),
    ...(input.repeat_config
      ? {
          repeat_config: {
            repeat_after_seconds: input.repeat_config.repeat_after_seconds,
            delay_repeat_on_activity: input.repeat_config.delay_repeat_on_activity ?? false,
          },
        }
      : {}),
    ...(workingHours.length > 0 ? { working_hours: workingHours } : {}),
  };
}

/** Walks the node tree: each node carries the member its type names, IDs are unique, targets exist. */
class NodeChecker {
  private readonly ids = new Set<string>();
  private readonly repeats: { toNode: string; field: string }[] = [];

  constructor(
    private readonly state: EmulatorState,
    private readonly selfId: string,
    private readonly workingHours: ReadonlySet<string>,
  ) {}

  nodes(input: readonly NodePayload[], field: string, depth: number): EscalationNodeRecord[] {
    if (depth > MAX_DEPTH) throw validationError(field, `Branches may nest at most ${MAX_DEPTH} deep.`);
    return input.map((item, index) => this.node(item, `${field}.${index}`, depth));
  }

  checkRepeats(): void {
    for (const repeat of this.repeats) {
      if (!this.ids.has(repeat.toNode)) {
        throw validationError(
          repeat.field,
          `to_node "${repeat.toNode}" is not the ID of a node of this path.`,
        );
      }
    }
  }

  private node(input: NodePayload, field: string, depth: number): EscalationNodeRecord {
    if (input.id.trim() === "")
      throw validationError(`${field}.id`, "Every node needs an ID.", "is_required");
    if (this.ids.has(input.id)) {
      throw validationError(
        `${field}.id`,
        `Two nodes have the ID "${input.id}"; node IDs are unique within a path.`,
      );
    }
    this.ids.add(input.id);
    const member = input[input.type as keyof NodePayload];
    if (input.type !== "voicemail" && member === undefined) {
      throw validationError(
        `${field}.${input.type}`,
        `A node of type "${input.type}" needs its ${input.type} settings.`,
        "is_required",
      );
    }
    const base = { id: input.id, type: input.type };
    switch (input.type) {
      case "level": {
        const value = input.level as NonNullable<NodePayload["level"]>;
        if (value.targets.length === 0) {
          throw validationError(
            `${field}.level.targets`,
            "A level needs at least one target.",
            "is_required",
          );
        }
        this.workingHoursRef(value.time_to_ack_weekday_interval_config_id, `${field}.level`);
        return {
          ...base,
          level: { ...value, targets: this.targets(value.targets, `${field}.level.targets`) },
        };
      }
      case "notify_channel": {
        const value = input.notify_channel as NonNullable<NodePayload["notify_channel"]>;
        return { ...base, notify_channel: { ...value, targets: [...value.targets] } };
      }
      case "delay": {
        const value = input.delay as NonNullable<NodePayload["delay"]>;
        this.workingHoursRef(value.delay_weekday_interval_config_id, `${field}.delay`);
        return { ...base, delay: { ...value } };
      }
      case "repeat": {
        const value = input.repeat as NonNullable<NodePayload["repeat"]>;
        this.repeats.push({ toNode: value.to_node, field: `${field}.repeat.to_node` });
        return { ...base, repeat: { ...value } };
      }
      case "if_else": {
        const value = input.if_else as NonNullable<NodePayload["if_else"]>;
        return {
          ...base,
          if_else: {
            conditions: (value.conditions ?? []).map(conditionRecord),
            then_path: this.nodes(value.then_path, `${field}.if_else.then_path`, depth + 1),
            else_path: this.nodes(value.else_path, `${field}.if_else.else_path`, depth + 1),
          },
        };
      }
      case "escalation_path": {
        const value = input.escalation_path as NonNullable<NodePayload["escalation_path"]>;
        if (value.escalation_path_id === this.selfId || !livePath(this.state, value.escalation_path_id)) {
          throw validationError(
            `${field}.escalation_path.escalation_path_id`,
            `"${value.escalation_path_id}" is not another escalation path; GET /v2/escalation_paths lists them.`,
          );
        }
        return { ...base, escalation_path: { ...value } };
      }
      default:
        return base;
    }
  }

  private targets(input: readonly EscalationTargetRecord[], field: string): EscalationTargetRecord[] {
    return input.map((item, index) => {
      const at = `${field}.${index}`;
      if (item.type === "user") {
        const user = this.state.get("users", item.id);
        if (!user)
          throw validationError(`${at}.id`, `No user with ID "${item.id}"; GET /v2/users lists them.`);
      }
      if (item.type === "schedule") {
        const schedule = liveSchedule(this.state, item.id);
        if (!schedule) {
          throw validationError(
            `${at}.id`,
            `No schedule with ID "${item.id}"; GET /v2/schedules lists them.`,
          );
        }
        const rota = item.selected_rota_id;
        if (item.schedule_mode?.endsWith("_for_rota") && rota === undefined) {
          throw validationError(
            `${at}.selected_rota_id`,
            `schedule_mode "${item.schedule_mode}" needs selected_rota_id: the rotation it applies to.`,
            "is_required",
          );
        }
        if (rota !== undefined && !schedule.rotations.some((r) => r.id === rota)) {
          throw validationError(
            `${at}.selected_rota_id`,
            `Schedule "${schedule.name}" has no rotation "${rota}".`,
          );
        }
      }
      return { ...item };
    });
  }

  private workingHoursRef(id: string | undefined, field: string): void {
    if (id !== undefined && !this.workingHours.has(id)) {
      throw validationError(field, `"${id}" is not the ID of one of this path's working_hours.`);
    }
  }
}

/**
 * A condition as `ConditionV2` shows it. Without the engine's scope to look references up in, labels are the
 * references and literals as given.
 */
function conditionRecord(input: ConditionPayload): ConditionRecord {
  const value = (v: z.infer<typeof bindingValue>): BindingValueRecord => ({
    label: v.literal ?? v.reference ?? "",
    ...v,
  });
  return {
    subject: { label: input.subject, reference: input.subject },
    operation: { label: input.operation, value: input.operation },
    param_bindings: input.param_bindings.map((binding) => ({
      ...(binding.value ? { value: value(binding.value) } : {}),
      ...(binding.array_value ? { array_value: binding.array_value.map(value) } : {}),
    })),
  };
}

/** `EscalationPathV2`, with the users the first level would page at `now` as `current_responders`. */
export function renderPath(state: EmulatorState, path: EscalationPathRecord, now: number) {
  const first = firstLevel(path.path);
  const responders = first ? first.targets.flatMap((t) => targetUsers(state, t, now)) : [];
  const seen = new Set<string>();
  return {
    id: path.id,
    name: path.name,
    path: path.path,
    team_ids: path.team_ids,
    ...(path.repeat_config ? { repeat_config: path.repeat_config } : {}),
    ...(path.working_hours ? { working_hours: path.working_hours } : {}),
    current_responders: responders
      .filter((id) => !seen.has(id) && seen.add(id))
      .flatMap((id) => {
        const user = state.get("users", id);
        return user ? [renderUser(user)] : [];
      }),
  };
}

/** The first level an escalation would reach, following the first branch of any if/else on the way. */
function firstLevel(nodes: readonly EscalationNodeRecord[]): EscalationNodeRecord["level"] {
  for (const node of nodes) {
    if (node.level) return node.level;
    if (node.if_else) return firstLevel(node.if_else.then_path) ?? firstLevel(node.if_else.else_path);
  }
  return undefined;
}
