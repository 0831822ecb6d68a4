import type { WorkItemQuery } from "../../../ops/index.js";
import { wholeNumber } from "../flags.js";

/** The list flags `followups list` and `actions list` share. */
export interface WorkListFlags {
  incident?: string;
  status?: string[];
  assignee?: string;
  mode?: string;
  limit?: string;
  all?: boolean;
}

export function workQueryOf(flags: WorkListFlags): WorkItemQuery {
  return {
    ...(flags.incident !== undefined ? { incident: flags.incident } : {}),
    ...(flags.status !== undefined ? { status: flags.status } : {}),
    ...(flags.assignee !== undefined ? { assignee: flags.assignee } : {}),
    ...(flags.mode !== undefined ? { mode: flags.mode } : {}),
    ...(flags.limit !== undefined ? { limit: wholeNumber("--limit", flags.limit, 1, 10_000) } : {}),
    ...(flags.all ? { all: true } : {}),
  };
}
