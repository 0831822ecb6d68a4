import type { WorkItemQuery } from "../../../ops/index.js";
import { wholeNumber } from "../flags.js";

/** The list flags `followups list` and `actions list` share. */
export interface WorkListFlags {
  incident?: string | undefined;
  status?: string[] | undefined;
  assignee?: string | undefined;
  mode?: string | undefined;
  limit?: string | undefined;
  all?: boolean | undefined;
}

export function workQueryOf(flags: WorkListFlags): WorkItemQuery {
  return {
    incident: flags.incident,
    status: flags.status,
    assignee: flags.assignee,
    mode: flags.mode,
    ...(flags.limit !== undefined ? { limit: wholeNumber("--limit", flags.limit, 1, 10_000) } : {}),
    ...(flags.all ? { all: true } : {}),
  };
}
