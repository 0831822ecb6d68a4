import { type Caller, segment } from "../caller.js";
import { IncidentKitError } from "../errors.js";
import { checkPageSize, paginate } from "../paginate.js";
import type { PaginationMeta } from "../types/common.js";
import type {
  ScheduleOverrideCreatePayload,
  ScheduleOverrideUpdatePayload,
  SchedulePayload,
} from "../types/oncall-payloads.js";
import {
  type Schedule,
  ScheduleEntriesListResult,
  type ScheduleEntries as ScheduleEntriesLists,
  type ScheduleEntry,
  type ScheduleOverride,
  ScheduleOverrideResult,
  ScheduleOverridesListResult,
  ScheduleResult,
  SchedulesListResult,
} from "../types/schedules.js";

export interface SchedulesPage {
  schedules: Schedule[];
  paginationMeta?: PaginationMeta | undefined;
}

/** Schedules (v2): who is on call, by rotation. */
export class Schedules {
  constructor(private readonly caller: Caller) {}

  /** One page. incident.io only fills `next_shifts` for pages of 25 or fewer, so that is the default. */
  async listPage(
    options: { after?: string | undefined; pageSize?: number | undefined } = {},
  ): Promise<SchedulesPage> {
    const result = await this.caller.json(SchedulesListResult, "GET", "/v2/schedules", {
      query: { page_size: checkPageSize(options.pageSize ?? 25, 10_000), after: options.after },
    });
    return { schedules: result.schedules, paginationMeta: result.pagination_meta };
  }

  /** Every schedule over all pages, up to `limit`. */
  list(options: { pageSize?: number; limit?: number } = {}): AsyncGenerator<Schedule> {
    const pageSize = checkPageSize(options.pageSize ?? 25, 10_000);
    return paginate(async (after) => {
      const page = await this.listPage({ pageSize, ...(after ? { after } : {}) });
      return { items: page.schedules, after: page.paginationMeta?.after };
    }, options.limit);
  }

  /** The schedule with its rotations, who is on call now (`current_shifts`) and next (`next_shifts`). */
  async show(id: string): Promise<Schedule> {
    return (
      await this.caller.json(
        ScheduleResult,
        "GET",
        `/v2/schedules/${segment(required(id, "id", "the schedule's ID"))}`,
      )
    ).schedule;
  }

  /** Creates a schedule. Not retried on 5xx: a repeat would create a second one. */
  async create(schedule: SchedulePayload): Promise<Schedule> {
    return (await this.caller.json(ScheduleResult, "POST", "/v2/schedules", { body: { schedule } })).schedule;
  }

  /** Sets what is given; `config.rotations`, when given, replaces every rotation. Retried safely. */
  async update(id: string, schedule: SchedulePayload): Promise<Schedule> {
    return (
      await this.caller.json(
        ScheduleResult,
        "PUT",
        `/v2/schedules/${segment(required(id, "id", "the schedule's ID"))}`,
        {
          body: { schedule },
          idempotent: true,
        },
      )
    ).schedule;
  }

  /** Archives the schedule (answered 202). */
  async delete(id: string): Promise<void> {
    return this.caller.send("DELETE", `/v2/schedules/${segment(required(id, "id", "the schedule's ID"))}`);
  }
}

export interface ScheduleEntriesWindow {
  /** From now, unless given. */
  start?: Date | string;
  /** A week after the start, unless given (incident.io chooses its own default range). */
  end?: Date | string;
}

/** Schedule entries (v2): who is on call over a window of time, before and after overrides. */
export class ScheduleEntries {
  constructor(private readonly caller: Caller) {}

  /**
   * Every entry overlapping the window, following the pages incident.io splits a long window into. A shift
   * spanning two pages is answered on both; it is kept once (by `fingerprint`).
   */
  async list(scheduleId: string, window: ScheduleEntriesWindow = {}): Promise<ScheduleEntriesLists> {
    const end = window.end === undefined ? undefined : instant(window.end);
    let start = window.start === undefined ? undefined : instant(window.start);
    const out: ScheduleEntriesLists = { scheduled: [], overrides: [], final: [] };
    const seen = { scheduled: new Set<string>(), overrides: new Set<string>(), final: new Set<string>() };
    const cursors = new Set<string>();
    for (;;) {
      const result = await this.caller.json(ScheduleEntriesListResult, "GET", "/v2/schedule_entries", {
        query: {
          schedule_id: required(scheduleId, "scheduleId", "the schedule's ID"),
          entry_window_start: start,
          entry_window_end: end,
        },
      });
      for (const list of ["scheduled", "overrides", "final"] as const) {
        for (const entry of result.schedule_entries[list]) {
          const key = entryKey(entry);
          if (seen[list].has(key)) continue;
          seen[list].add(key);
          out[list].push(entry);
        }
      }
      const after = result.pagination_meta?.after;
      if (!after || cursors.has(after)) return out;
      cursors.add(after);
      start = after;
    }
  }

  /** The final entries covering one moment: who is on call then, overrides applied. */
  async at(scheduleId: string, at: Date | string): Promise<ScheduleEntry[]> {
    const moment = Date.parse(instant(at));
    const { final } = await this.list(scheduleId, {
      start: new Date(moment).toISOString(),
      end: new Date(moment + 1000).toISOString(),
    });
    return final.filter((entry) => Date.parse(entry.start_at) <= moment && Date.parse(entry.end_at) > moment);
  }
}

export interface ScheduleOverridesFilter {
  rotationId?: string | undefined;
  layerId?: string | undefined;
}

/** Schedule overrides (v2): someone covering a layer of a rotation for a while. */
export class ScheduleOverrides {
  constructor(private readonly caller: Caller) {}

  /** Every override of the schedule (archived ones are not returned), oldest first. */
  list(
    scheduleId: string,
    filter: ScheduleOverridesFilter = {},
    options: { pageSize?: number; limit?: number } = {},
  ): AsyncGenerator<ScheduleOverride> {
    const pageSize = checkPageSize(options.pageSize ?? 250);
    return paginate(async (after) => {
      const result = await this.caller.json(ScheduleOverridesListResult, "GET", "/v2/schedule_overrides", {
        query: {
          schedule_id: required(scheduleId, "scheduleId", "the schedule's ID"),
          rotation_id: filter.rotationId,
          layer_id: filter.layerId,
          page_size: pageSize,
          after,
        },
      });
      return { items: result.overrides, after: result.pagination_meta?.after };
    }, options.limit);
  }

  /** Creates an override. Not retried on 5xx: a repeat would create a second one. */
  async create(body: ScheduleOverrideCreatePayload): Promise<ScheduleOverride> {
    return (await this.caller.json(ScheduleOverrideResult, "POST", "/v2/schedule_overrides", { body }))
      .override;
  }

  /** Moves the override's window, layer or person. Retried safely. */
  async update(id: string, body: ScheduleOverrideUpdatePayload): Promise<ScheduleOverride> {
    return (
      await this.caller.json(
        ScheduleOverrideResult,
        "PUT",
        `/v2/schedule_overrides/${segment(required(id, "id", "the override's ID"))}`,
        {
          body,
          idempotent: true,
        },
      )
    ).override;
  }

  /** Deletes the override: whoever the rotations put on call for its window is on call again. */
  async delete(id: string): Promise<void> {
    return this.caller.send(
      "DELETE",
      `/v2/schedule_overrides/${segment(required(id, "id", "the override's ID"))}`,
    );
  }
}

function instant(value: Date | string): string {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new IncidentKitError({
      code: "invalid_argument",
      message: `"${String(value)}" is not a date-time`,
      hint: "pass a Date or an RFC 3339 date-time such as 2025-06-02T09:00:00Z",
    });
  }
  return value instanceof Date ? value.toISOString() : value;
}

function entryKey(entry: ScheduleEntry): string {
  return (
    entry.fingerprint ??
    [entry.rotation_id, entry.layer_id, entry.user?.id, entry.entry_id, entry.start_at, entry.end_at].join(
      "/",
    )
  );
}

/** An empty ID would address the collection instead of one of its members; refuse it naming the argument. */
export function required(value: string, name: string, what: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new IncidentKitError({
      code: "invalid_argument",
      message: `${name} is empty`,
      hint: `pass ${what}`,
    });
  }
  return value;
}
