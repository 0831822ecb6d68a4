import type { EscalationPath, EscalationPathNode, EscalationTarget } from "../api/index.js";
import { formatElapsed } from "../shared/duration.js";
import { escalationPathNamed, onCallDirectory } from "./oncall-directory.js";
import type { OpsSession } from "./session.js";

/** Every escalation path, with whom each would page first now. */
export async function listEscalationPaths(s: OpsSession): Promise<EscalationPath[]> {
  return onCallDirectory(s).escalationPaths();
}

/** One step of a path in words: "page schedule Payments on-call (whoever is on call); 5m to acknowledge". */
export interface PathStep {
  id: string;
  type: string;
  text: string;
}

/** A path read fresh, and its steps in words with its targets by name. */
export async function getEscalationPath(
  s: OpsSession,
  nameOrId: string,
): Promise<{ path: EscalationPath; steps: PathStep[] }> {
  const found = await escalationPathNamed(s, nameOrId);
  const path = await s.io.escalationPaths.show(found.id);
  return { path, steps: await describePath(s, path) };
}

/** The path's nodes in order, if/else branches flattened with their condition noted, targets named. */
export async function describePath(s: OpsSession, path: EscalationPath): Promise<PathStep[]> {
  const [schedules, paths, users] = await Promise.all([
    onCallDirectory(s).schedules(),
    onCallDirectory(s).escalationPaths(),
    s.lookups.users(),
  ]);
  const nameOf = (target: EscalationTarget): string => {
    if (target.type === "schedule") {
      const name = schedules.find((schedule) => schedule.id === target.id)?.name ?? target.id;
      const mode =
        target.schedule_mode && target.schedule_mode !== "currently_on_call"
          ? `, ${target.schedule_mode.replaceAll("_", " ")}`
          : "";
      return `schedule ${name}${mode}`;
    }
    if (target.type === "user")
      return users.find((user) => user.id === target.id)?.name ?? `user ${target.id}`;
    return `${target.type.replaceAll("_", " ")} ${target.id}`;
  };
  const steps: PathStep[] = [];
  let level = 0;
  const walk = (nodes: readonly EscalationPathNode[], prefix: string) => {
    for (const node of nodes) {
      const step = (text: string) => steps.push({ id: node.id, type: node.type, text: `${prefix}${text}` });
      if (node.type === "level" && node.level) {
        level += 1;
        const ack = node.level.time_to_ack_seconds;
        step(
          `level ${level}: page ${node.level.targets.map(nameOf).join(", ") || "no one"}` +
            `${ack ? `; ${formatElapsed(ack * 1000)} to acknowledge` : ""}`,
        );
      } else if (node.type === "repeat" && node.repeat) {
        step(`repeat from ${node.repeat.to_node}, ${node.repeat.repeat_times} time(s)`);
      } else if (node.type === "delay" && node.delay) {
        step(`wait ${formatElapsed((node.delay.delay_seconds ?? 0) * 1000)}`);
      } else if (node.type === "notify_channel" && node.notify_channel) {
        step(`notify ${node.notify_channel.targets.map(nameOf).join(", ")}`);
      } else if (node.type === "escalation_path" && node.escalation_path) {
        const id = node.escalation_path.escalation_path_id;
        step(`continue on the path ${paths.find((p) => p.id === id)?.name ?? id}`);
      } else if (node.type === "if_else" && node.if_else) {
        step("if the path's conditions hold:");
        walk(node.if_else.then_path, `${prefix}  `);
        step("otherwise:");
        walk(node.if_else.else_path, `${prefix}  `);
      } else {
        step(node.type);
      }
    }
  };
  walk(path.path, "");
  return steps;
}
