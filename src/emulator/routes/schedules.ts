import type { Hono } from "hono";
import { type AppEnv, type Deps, parseBody, requireScope } from "../context.js";
import { validationError } from "../errors.js";
import { parseInstant } from "../oncall-references.js";
import { pageAfter, parsePageSize } from "../pagination.js";
import { overridesOf, renderEntry, scheduleEntries } from "../schedule-entries.js";
import {
  createOverride,
  createOverridePayload,
  deleteOverride,
  renderOverride,
  requireOverride,
  updateOverride,
  updateOverridePayload,
} from "../schedule-overrides.js";
import {
  createSchedule,
  createSchedulePayload,
  deleteSchedule,
  liveSchedules,
  renderSchedule,
  requireSchedule,
  updateSchedule,
  updateSchedulePayload,
} from "../schedules.js";

/** The window entries cover when none is asked for, and the most one page of entries covers. */
const DEFAULT_WINDOW_MS = 7 * 24 * 3_600_000;
const PAGE_SPAN_MS = 31 * 24 * 3_600_000;
/** More scheduled entries than this in a page's span end the page early, at the next shift's start. */
const MAX_PAGE_ENTRIES = 500;
/** `next_shifts` are only worked out for pages this small, as incident.io documents. */
const NEXT_SHIFTS_MAX_PAGE = 25;

/** Schedules V2: schedules, their entries for a window of time, and overrides. */
export function scheduleRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { state, clock } = deps;

  app.get("/v2/schedules", (c) => {
    requireScope(c, "schedules.view");
    const pageSize = parsePageSize(c.req.query("page_size") ?? null, 10_000);
    const schedules = liveSchedules(state);
    const { page, after } = pageAfter(schedules, c.req.query("after") ?? null, pageSize);
    const now = clock.now();
    const withNextShifts = pageSize <= NEXT_SHIFTS_MAX_PAGE;
    return c.json({
      schedules: page.map((schedule) => renderSchedule(state, schedule, now, { withNextShifts })),
      pagination_meta: {
        ...(after ? { after } : {}),
        // The description caps pagination_meta.page_size at 250 though a page may ask for up to 10,000.
        page_size: Math.min(pageSize, 250),
        total_record_count: schedules.length,
      },
    });
  });

  app.post("/v2/schedules", async (c) => {
    requireScope(c, "schedules.create");
    const input = await parseBody(c, createSchedulePayload);
    const schedule = createSchedule(state, clock.now(), input.schedule);
    return c.json({ schedule: renderSchedule(state, schedule, clock.now()) }, 201);
  });

  app.get("/v2/schedules/:id", (c) => {
    requireScope(c, "schedules.view");
    const schedule = requireSchedule(state, c.req.param("id"));
    return c.json({ schedule: renderSchedule(state, schedule, clock.now()) });
  });

  app.put("/v2/schedules/:id", async (c) => {
    requireScope(c, "schedules.update");
    const current = requireSchedule(state, c.req.param("id"));
    const input = await parseBody(c, updateSchedulePayload);
    const schedule = updateSchedule(state, clock.now(), current, input.schedule);
    return c.json({ schedule: renderSchedule(state, schedule, clock.now()) });
  });

  app.delete("/v2/schedules/:id", (c) => {
    requireScope(c, "schedules.destroy");
    deleteSchedule(state, clock.now(), requireSchedule(state, c.req.param("id")));
    return c.body(null, 202);
  });

  app.get("/v2/schedule_entries", (c) => {
    requireScope(c, "schedules.view");
    const url = new URL(c.req.url);
    const params = url.searchParams;
    const scheduleId = params.get("schedule_id");
    if (!scheduleId) {
      throw validationError(
        "schedule_id",
        "schedule_id is required: the schedule whose entries to list.",
        "is_required",
      );
    }
    const schedule = requireSchedule(state, scheduleId);
    const rawStart = params.get("entry_window_start");
    const rawEnd = params.get("entry_window_end");
    const from = rawStart ? parseInstant(rawStart, "entry_window_start") : clock.now();
    const until = rawEnd ? parseInstant(rawEnd, "entry_window_end") : from + DEFAULT_WINDOW_MS;
    if (until <= from)
      throw validationError("entry_window_end", "entry_window_end must be after entry_window_start.");
    let pageEnd = Math.min(until, from + PAGE_SPAN_MS);
    let entries = scheduleEntries(state, schedule, from, pageEnd);
    const crowded = entries.scheduled[MAX_PAGE_ENTRIES];
    if (crowded && crowded.start > from) {
      pageEnd = crowded.start;
      entries = scheduleEntries(state, schedule, from, pageEnd);
    }
    const render = (list: typeof entries.final) => list.map((entry) => renderEntry(state, schedule, entry));
    let pagination: { after: string; after_url: string } | undefined;
    if (pageEnd < until) {
      // The cursor is the next page's window start: entries spanning the cut appear on both pages, whole.
      const after = new Date(pageEnd).toISOString();
      const next = new URL(url);
      next.searchParams.set("entry_window_start", after);
      if (!rawEnd) next.searchParams.set("entry_window_end", new Date(until).toISOString());
      pagination = { after, after_url: next.toString() };
    }
    return c.json({
      schedule_entries: {
        scheduled: render(entries.scheduled),
        overrides: render(entries.overrides),
        final: render(entries.final),
      },
      ...(pagination ? { pagination_meta: pagination } : {}),
    });
  });

  app.get("/v2/schedule_overrides", (c) => {
    requireScope(c, "schedules.view");
    const scheduleId = c.req.query("schedule_id");
    if (!scheduleId) {
      throw validationError(
        "schedule_id",
        "schedule_id is required: the schedule whose overrides to list.",
        "is_required",
      );
    }
    const schedule = requireSchedule(state, scheduleId);
    const pageSize = parsePageSize(c.req.query("page_size") ?? null, 250);
    const rotationId = c.req.query("rotation_id");
    const layerId = c.req.query("layer_id");
    const overrides = overridesOf(state, schedule.id).filter(
      (o) => (!rotationId || o.rotation_id === rotationId) && (!layerId || o.layer_id === layerId),
    );
    const { page, after } = pageAfter(overrides, c.req.query("after") ?? null, pageSize);
    return c.json({
      overrides: page.map((override) => renderOverride(state, override)),
      pagination_meta: { ...(after ? { after } : {}), page_size: pageSize },
    });
  });

  app.post("/v2/schedule_overrides", async (c) => {
    requireScope(c, "schedule_overrides.create");
    const input = await parseBody(c, createOverridePayload);
    const override = createOverride(state, clock.now(), input);
    return c.json({ override: renderOverride(state, override) }, 201);
  });

  app.put("/v2/schedule_overrides/:id", async (c) => {
    requireScope(c, "schedule_overrides.update");
    const current = requireOverride(state, c.req.param("id"));
    const input = await parseBody(c, updateOverridePayload);
    const override = updateOverride(state, clock.now(), current, input);
    return c.json({ override: renderOverride(state, override) });
  });

  app.delete("/v2/schedule_overrides/:id", (c) => {
    requireScope(c, "schedule_overrides.destroy");
    deleteOverride(state, requireOverride(state, c.req.param("id")));
    return c.body(null, 204);
  });
}
