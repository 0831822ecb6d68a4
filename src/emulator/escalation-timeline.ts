import { targetUsers } from "./escalation-targets.js";
import type { EscalationNodeRecord, EscalationRecord } from "./model-oncall.js";
import type { EmulatorState } from "./state.js";

/** What an escalation does on its own, as time passes: it triggers, pages level after level, then expires. */
export interface TimelineStep {
  at: number;
  event: "triggered" | "notified_users" | "notified_channels" | "expired";
  userIds?: string[];
  urgency?: "high" | "low";
  channels?: { slack_channel_id?: string; microsoft_teams_channel_id?: string }[];
}

/** How long a level waits for an acknowledgement when its `time_to_ack_seconds` is not set. */
export const DEFAULT_ACK_SECONDS = 300;
/** How deep escalation path nodes may hand over to other paths before the escalation gives up. */
const MAX_HANDOFFS = 5;
/** A bound on the steps worked out, so a path that loops back on itself cannot run forever. */
const MAX_STEPS = 1_000;

/**
 * The steps the escalation takes up to `until` (inclusive), in order. The emulator evaluates no conditions (it
 * has no alert priorities or attributes), so an if/else node with conditions takes its `else_path` and one
 * without takes its `then_path`. Who a level pages is worked out at the moment it is reached, so a handover
 * between two levels shows. Delays and waits count in plain seconds: working-hours windows are not applied.
 */
export function escalationTimeline(
  state: EmulatorState,
  record: EscalationRecord,
  until: number,
): TimelineStep[] {
  const steps: TimelineStep[] = [];
  let at = Date.parse(record.created_at);
  steps.push({ at, event: "triggered" });
  let nodes: readonly EscalationNodeRecord[] = record.path;
  // The top of the path being followed: a repeat inside a branch may go back to a node before the branch.
  let root: readonly EscalationNodeRecord[] = record.path;
  let index = 0;
  let handoffs = 0;
  const repeated = new Map<string, number>();
  const stop = () => at > until || steps.length > MAX_STEPS;
  while (index < nodes.length && !stop()) {
    const node = nodes[index] as EscalationNodeRecord;
    index++;
    if (node.level) {
      const level = node.level;
      const userIds = [...new Set(level.targets.flatMap((target) => targetUsers(state, target, at)))];
      const urgency = level.targets.some((target) => target.urgency === "high") ? "high" : "low";
      const wait = (level.time_to_ack_seconds ?? DEFAULT_ACK_SECONDS) * 1000;
      steps.push({ at, event: "notified_users", userIds, urgency });
      const retry = level.retry_config;
      for (let attempt = 1; retry && attempt < retry.attempts; attempt++) {
        const again = at + attempt * retry.interval_seconds * 1000;
        if (again >= at + wait) break;
        steps.push({ at: again, event: "notified_users", userIds, urgency });
      }
      at += wait;
    } else if (node.notify_channel) {
      const channels = node.notify_channel.targets.map((target) =>
        target.type === "msteams_channel"
          ? { microsoft_teams_channel_id: target.id }
          : { slack_channel_id: target.id },
      );
      steps.push({ at, event: "notified_channels", channels });
      at += (node.notify_channel.time_to_ack_seconds ?? 0) * 1000;
    } else if (node.delay) {
      at += (node.delay.delay_seconds ?? 0) * 1000;
    } else if (node.repeat) {
      const times = repeated.get(node.id) ?? 0;
      const target = node.repeat.to_node;
      const list = nodes.some((candidate) => candidate.id === target) ? nodes : root;
      const back = list.findIndex((candidate) => candidate.id === target);
      if (times < node.repeat.repeat_times && back >= 0) {
        repeated.set(node.id, times + 1);
        nodes = list;
        index = back;
      }
    } else if (node.if_else) {
      nodes = node.if_else.conditions.length === 0 ? node.if_else.then_path : node.if_else.else_path;
      index = 0;
    } else if (node.escalation_path) {
      const next = state.get("escalation_paths", node.escalation_path.escalation_path_id);
      if (!next || next.archived_at !== undefined || ++handoffs > MAX_HANDOFFS) break;
      nodes = next.path;
      root = next.path;
      index = 0;
      repeated.clear();
    }
  }
  if (!stop()) steps.push({ at, event: "expired" });
  return steps.filter((step) => step.at <= until);
}
