import type { EscalationTargetRecord } from "./model-oncall.js";
import { scheduleEntries, shiftsAround } from "./schedule-entries.js";
import type { EmulatorState } from "./state.js";

/**
 * The users a level's target pages at `at`: a user is themself; a schedule is whoever its `schedule_mode` picks
 * (by default whoever is on call then, overrides applied); chat channels page no one. A schedule archived since
 * the path was written pages no one.
 */
export function targetUsers(state: EmulatorState, target: EscalationTargetRecord, at: number): string[] {
  if (target.type === "user") return [target.id];
  if (target.type !== "schedule") return [];
  const schedule = state.get("schedules", target.id);
  if (!schedule || schedule.archived_at !== undefined) return [];
  const rota = target.selected_rota_id;
  const inRota = (rotationId: string) => rota === undefined || rotationId === rota;
  switch (target.schedule_mode) {
    case "all_users":
    case "all_users_for_rota":
      return unique(schedule.rotations.filter((r) => inRota(r.id)).flatMap((r) => r.user_ids));
    case "next_on_call":
    case "next_on_call_for_rota":
      return unique(
        shiftsAround(state, schedule, at)
          .next.filter((e) => inRota(e.rotationId))
          .flatMap((e) => (e.userId ? [e.userId] : [])),
      );
    default: {
      const { final } = scheduleEntries(state, schedule, at, at + 1);
      return unique(
        final
          .filter((e) =>
            target.schedule_mode === "currently_on_call_for_rota" ? inRota(e.rotationId) : true,
          )
          .flatMap((e) => (e.userId ? [e.userId] : [])),
      );
    }
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
