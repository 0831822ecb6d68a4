import { type Caller, segment } from "../caller.js";
import { IncidentKitError } from "../errors.js";
import { type DateFilter, dateFilter, type IdList } from "../filters.js";
import { checkPageSize, paginate } from "../paginate.js";
import type { QueryObject, QueryValue } from "../query.js";
import type { PaginationMeta } from "../types/common.js";
import {
  type Escalation,
  type EscalationPath,
  EscalationPathResult,
  EscalationPathsListResult,
  EscalationResult,
  type EscalationStatus,
  EscalationsListResult,
} from "../types/escalations.js";
import type { EscalationCreatePayload, EscalationPathPayload } from "../types/oncall-payloads.js";
import { ScheduleResult } from "../types/schedules.js";
import { required } from "./schedules.js";

/** incident.io's largest page of escalation paths, and of escalations. */
export const ESCALATION_PATHS_MAX_PAGE_SIZE = 25;
export const ESCALATIONS_MAX_PAGE_SIZE = 50;

/** Escalation paths (v2): whom a page goes to, level by level. */
export class EscalationPaths {
  constructor(private readonly caller: Caller) {}

  async listPage(
    options: { after?: string | undefined; pageSize?: number | undefined } = {},
  ): Promise<{ escalationPaths: EscalationPath[]; paginationMeta: PaginationMeta }> {
    const pageSize = checkPageSize(
      options.pageSize ?? ESCALATION_PATHS_MAX_PAGE_SIZE,
      ESCALATION_PATHS_MAX_PAGE_SIZE,
    );
    const result = await this.caller.json(EscalationPathsListResult, "GET", "/v2/escalation_paths", {
      query: { page_size: pageSize, after: options.after },
    });
    return { escalationPaths: result.escalation_paths, paginationMeta: result.pagination_meta };
  }

  /** Every escalation path over all pages, up to `limit`. */
  list(options: { pageSize?: number; limit?: number } = {}): AsyncGenerator<EscalationPath> {
    const pageSize = checkPageSize(
      options.pageSize ?? ESCALATION_PATHS_MAX_PAGE_SIZE,
      ESCALATION_PATHS_MAX_PAGE_SIZE,
    );
    return paginate(async (after) => {
      const page = await this.listPage({ pageSize, ...(after ? { after } : {}) });
      return { items: page.escalationPaths, after: page.paginationMeta.after };
    }, options.limit);
  }

  async show(id: string): Promise<EscalationPath> {
    return (
      await this.caller.json(
        EscalationPathResult,
        "GET",
        `/v2/escalation_paths/${segment(required(id, "id", "the escalation path's ID"))}`,
      )
    ).escalation_path;
  }

  /** Creates a path. Not retried on 5xx: a repeat would create a second one. */
  async create(body: EscalationPathPayload): Promise<EscalationPath> {
    return (await this.caller.json(EscalationPathResult, "POST", "/v2/escalation_paths", { body }))
      .escalation_path;
  }

  /** Replaces the path's name, nodes and settings. Retried safely. */
  async update(id: string, body: EscalationPathPayload): Promise<EscalationPath> {
    return (
      await this.caller.json(
        EscalationPathResult,
        "PUT",
        `/v2/escalation_paths/${segment(required(id, "id", "the escalation path's ID"))}`,
        { body, idempotent: true },
      )
    ).escalation_path;
  }

  /** Archives the path. */
  async delete(id: string): Promise<void> {
    return this.caller.send(
      "DELETE",
      `/v2/escalation_paths/${segment(required(id, "id", "the escalation path's ID"))}`,
    );
  }
}

type StatusList = EscalationStatus | readonly EscalationStatus[];

/** Every filter `GET /v2/escalations` reads; all given must match. */
export interface EscalationsListFilter {
  escalation_path?: { one_of?: IdList; not_in?: IdList };
  status?: { one_of?: StatusList; not_in?: StatusList };
  alert?: { one_of?: IdList; not_in?: IdList };
  incident?: { one_of?: IdList; not_in?: IdList };
  created_at?: DateFilter;
  updated_at?: DateFilter;
  /** `is` for the exact key, `starts_with` for a prefix. */
  idempotency_key?: { is?: string; starts_with?: string };
}

/** The filter in the bracket form incident.io reads. */
export function escalationsListQuery(filter: EscalationsListFilter = {}): QueryObject {
  const { created_at, updated_at, ...rest } = filter;
  return {
    ...(rest as { [key: string]: QueryValue }),
    created_at: dateFilter(created_at),
    updated_at: dateFilter(updated_at),
  };
}

/** Who to page: through an escalation path, straight to users, or whoever is on call on a schedule now. */
export type PageTarget =
  | { escalationPathId: string }
  | { userIds: readonly string[] }
  | { scheduleId: string };

export interface PageDetails {
  title: string;
  /** The same key answers the same escalation, however often the page is sent. */
  idempotencyKey: string;
  description?: string | undefined;
  incidentId?: string | undefined;
}

/** Escalations (v2): pages, and where they have got to. */
export class Escalations {
  constructor(private readonly caller: Caller) {}

  /**
   * Pages through a path or straight to users (`EscalationsCreatePayloadV2`). Retried safely: a repeat with the
   * same `idempotency_key` answers the escalation the first request created. incident.io allows 60 a minute.
   */
  async create(body: EscalationCreatePayload): Promise<Escalation> {
    required(
      body.idempotency_key,
      "idempotency_key",
      "a key unique to this page, so a repeat answers the same one",
    );
    return (await this.caller.json(EscalationResult, "POST", "/v2/escalations", { body, idempotent: true }))
      .escalation;
  }

  /**
   * Pages a path, users, or a schedule. incident.io has no operation that pages a schedule, so a schedule is paged
   * by paging whoever it has on call now (its `current_shifts`, overrides applied), straight to them.
   */
  async page(target: PageTarget, details: PageDetails): Promise<Escalation> {
    const common = {
      idempotency_key: details.idempotencyKey,
      title: details.title,
      ...(details.description !== undefined ? { description: details.description } : {}),
      ...(details.incidentId !== undefined ? { incident_id: details.incidentId } : {}),
    };
    if ("escalationPathId" in target)
      return this.create({ ...common, escalation_path_id: target.escalationPathId });
    if ("userIds" in target) return this.create({ ...common, user_ids: [...target.userIds] });
    const schedule = (
      await this.caller.json(
        ScheduleResult,
        "GET",
        `/v2/schedules/${segment(required(target.scheduleId, "scheduleId", "the schedule's ID"))}`,
      )
    ).schedule;
    const userIds = [
      ...new Set((schedule.current_shifts ?? []).flatMap((shift) => (shift.user ? [shift.user.id] : []))),
    ];
    if (userIds.length === 0) {
      throw new IncidentKitError({
        code: "invalid_argument",
        message: `no one is on call on the schedule "${schedule.name}" now`,
        hint: "page the team's escalation path instead, or someone by name",
      });
    }
    return this.create({ ...common, user_ids: userIds });
  }

  /** One page, newest first. */
  async listPage(
    filter: EscalationsListFilter = {},
    options: { after?: string | undefined; pageSize?: number | undefined } = {},
  ): Promise<{ escalations: Escalation[]; paginationMeta: PaginationMeta }> {
    const result = await this.caller.json(EscalationsListResult, "GET", "/v2/escalations", {
      query: {
        page_size: checkPageSize(options.pageSize ?? ESCALATIONS_MAX_PAGE_SIZE, ESCALATIONS_MAX_PAGE_SIZE),
        after: options.after,
        ...escalationsListQuery(filter),
      },
    });
    return { escalations: result.escalations, paginationMeta: result.pagination_meta };
  }

  /** Every matching escalation over all pages, up to `limit`. */
  list(
    filter: EscalationsListFilter = {},
    options: { pageSize?: number; limit?: number } = {},
  ): AsyncGenerator<Escalation> {
    const pageSize = checkPageSize(options.pageSize ?? ESCALATIONS_MAX_PAGE_SIZE, ESCALATIONS_MAX_PAGE_SIZE);
    return paginate(async (after) => {
      const page = await this.listPage(filter, { pageSize, ...(after ? { after } : {}) });
      return { items: page.escalations, after: page.paginationMeta.after };
    }, options.limit);
  }

  async show(id: string): Promise<Escalation> {
    return (
      await this.caller.json(
        EscalationResult,
        "GET",
        `/v2/escalations/${segment(required(id, "id", "the escalation's ID"))}`,
      )
    ).escalation;
  }

  /**
   * Stops the paging. Retried safely: cancelling a cancelled escalation changes nothing. An expired or resolved
   * one cannot be cancelled (incident.io refuses).
   */
  async cancel(id: string): Promise<void> {
    return this.caller.send(
      "POST",
      `/v2/escalations/${segment(required(id, "id", "the escalation's ID"))}/actions/cancel`,
      { idempotent: true },
    );
  }
}
