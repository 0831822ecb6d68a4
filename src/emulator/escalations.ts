import { createHash } from "node:crypto";
import { z } from "zod";
import { newId } from "../shared/ids.js";
import { ApiError, notFound, validationError } from "./errors.js";
import { livePath } from "./escalation-paths.js";
import { escalationTimeline, type TimelineStep } from "./escalation-timeline.js";
import type { EscalationRecord } from "./model-oncall.js";
import { renderUser } from "./render.js";
import { Random } from "./seed/random.js";
import type { EmulatorState } from "./state.js";

/** Escalations V2: pages sent through a path or straight to users, progressing by the emulator's clock. */

export const createEscalationPayload = z.object({
  idempotency_key: z.string(),
  title: z.string(),
  description: z.string().optional(),
  escalation_path_id: z.string().optional(),
  user_ids: z.array(z.string()).optional(),
  incident_id: z.string().optional(),
});
type CreateInput = z.infer<typeof createEscalationPayload>;

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
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** The organisation's default alert priority, which escalations created through the API take. */
const DEFAULT_PRIORITY = "High";
/** How long a page sent straight to users waits for an acknowledgement before it expires. */
const DIRECT_PAGE_ACK_SECONDS = 30 * 60;
const MAX_USERS = 50;

export function requireEscalation(state: EmulatorState, id: string): EscalationRecord {
  const escalation = state.get("escalations", id);
  if (!escalation) throw notFound("escalation", id);
  return escalation;
}

export function escalationByIdempotencyKey(state: EmulatorState, key: string): EscalationRecord | undefined {
  for (const escalation of state.values("escalations"))
    if (escalation.idempotency_key === key) return escalation;
  return undefined;
}

/**
 * Creates the escalation, or answers the one created earlier with the same `idempotency_key` (whatever else
 * this request says), as incident.io documents.
 */
export function createEscalation(state: EmulatorState, now: number, input: CreateInput): EscalationRecord {
  const key = input.idempotency_key.trim();
  if (key === "") {
    throw validationError(
      "idempotency_key",
      "idempotency_key must not be empty: any string unique to this page.",
      "is_required",
    );
  }
  const existing = escalationByIdempotencyKey(state, key);
  if (existing) return existing;
  if (input.title.trim() === "") throw validationError("title", "title must not be empty.", "is_required");
  const userIds = input.user_ids ?? [];
  const hasPath = input.escalation_path_id !== undefined && input.escalation_path_id !== "";
  if (hasPath && userIds.length > 0) {
    throw validationError("user_ids", "Give escalation_path_id or user_ids, not both.");
  }
  if (!hasPath && userIds.length === 0) {
    throw validationError(
      "escalation_path_id",
      "Give escalation_path_id (page through a path) or user_ids (page people directly).",
      "is_required",
    );
  }
  const incident = input.incident_id === undefined ? undefined : state.get("incidents", input.incident_id);
  if (input.incident_id !== undefined && !incident) {
    throw validationError("incident_id", `No incident with ID "${input.incident_id}".`);
  }
  let path: EscalationRecord["path"];
  if (hasPath) {
    const found = livePath(state, input.escalation_path_id as string);
    if (!found) {
      throw validationError(
        "escalation_path_id",
        `No escalation path with ID "${input.escalation_path_id}"; GET /v2/escalation_paths lists them.`,
      );
    }
    path = structuredClone(found.path);
  } else {
    if (userIds.length > MAX_USERS) {
      throw validationError(
        "user_ids",
        `A page goes to at most ${MAX_USERS} users directly; use an escalation path.`,
      );
    }
    userIds.forEach((id, index) => {
      const user = state.get("users", id);
      if (!user)
        throw validationError(`user_ids.${index}`, `No user with ID "${id}"; GET /v2/users lists them.`);
      if (!user.is_active)
        throw validationError(`user_ids.${index}`, `${user.name} is deactivated and cannot be paged.`);
    });
    path = [
      {
        id: "direct",
        type: "level",
        level: {
          targets: [...new Set(userIds)].map((id) => ({
            type: "user" as const,
            id,
            urgency: "high" as const,
          })),
          time_to_ack_seconds: DIRECT_PAGE_ACK_SECONDS,
        },
      },
    ];
  }
  const escalation: EscalationRecord = {
    id: newId(now),
    title: input.title.trim(),
    description: input.description ?? incident?.summary ?? "",
    idempotency_key: key,
    ...(hasPath
      ? { escalation_path_id: input.escalation_path_id as string }
      : { user_ids: [...new Set(userIds)] }),
    ...(incident ? { incident_id: incident.id } : {}),
    priority: DEFAULT_PRIORITY,
    path,
    created_at: new Date(now).toISOString(),
  };
  state.commit([{ collection: "escalations", id: escalation.id, record: escalation }]);
  return escalation;
}

/** Where the escalation stands at `now`: its status, its history and when it last changed. */
export interface Progress {
  status: EscalationStatus;
  steps: TimelineStep[];
  /** Users paged so far, newest level last. */
  notified: string[];
  updatedAt: number;
}

export function progressOf(state: EmulatorState, escalation: EscalationRecord, now: number): Progress {
  const acked = escalation.acked_at === undefined ? undefined : Date.parse(escalation.acked_at);
  const cancelled = escalation.cancelled_at === undefined ? undefined : Date.parse(escalation.cancelled_at);
  const stoppedAt = Math.min(now, acked ?? Number.POSITIVE_INFINITY, cancelled ?? Number.POSITIVE_INFINITY);
  const steps = escalationTimeline(state, escalation, stoppedAt);
  const notified = steps.flatMap((step) => step.userIds ?? []);
  const last = steps[steps.length - 1] as TimelineStep;
  let status: EscalationStatus = last.event === "expired" ? "expired" : "triggered";
  let updatedAt = last.at;
  if (acked !== undefined && acked <= now) {
    status = "acked";
    updatedAt = acked;
  }
  if (cancelled !== undefined && cancelled <= now) {
    status = "cancelled";
    updatedAt = cancelled;
  }
  return { status, steps, notified: [...new Set(notified)], updatedAt };
}

/** Stops the paging. Cancelling a cancelled escalation changes nothing; an expired or resolved one cannot be. */
export function cancelEscalation(
  state: EmulatorState,
  now: number,
  escalation: EscalationRecord,
): EscalationRecord {
  const { status } = progressOf(state, escalation, now);
  if (status === "cancelled") return escalation;
  if (status === "expired" || status === "resolved") {
    throw conflict(`This escalation has ${status} and can no longer be cancelled.`);
  }
  const next = { ...escalation, cancelled_at: new Date(now).toISOString() };
  state.commit([{ collection: "escalations", id: next.id, record: next }]);
  return next;
}

/**
 * Acknowledges the escalation on behalf of a user it has paged (the first one paged, unless `userId` says who),
 * as a responder would from their phone. Only a triggered escalation can be acknowledged.
 */
export function acknowledgeEscalation(
  state: EmulatorState,
  now: number,
  escalation: EscalationRecord,
  userId: string | undefined,
): EscalationRecord {
  const progress = progressOf(state, escalation, now);
  if (progress.status !== "triggered") {
    throw conflict(`This escalation is ${progress.status}; only a triggered escalation can be acknowledged.`);
  }
  const by = userId ?? progress.notified[0];
  if (by === undefined) {
    throw validationError(
      "user_id",
      "No one has been paged yet, so no one can acknowledge; give user_id.",
      "is_required",
    );
  }
  if (!progress.notified.includes(by)) {
    throw validationError(
      "user_id",
      `User "${by}" has not been paged by this escalation; paged so far: ${progress.notified.join(", ") || "no one"}.`,
    );
  }
  const next = { ...escalation, acked_at: new Date(now).toISOString(), acked_by_user_id: by };
  state.commit([{ collection: "escalations", id: next.id, record: next }]);
  return next;
}

function conflict(message: string): ApiError {
  return new ApiError(409, "conflict", [{ code: "conflict", message }]);
}

/** `EscalationV2` as at `now`. Event IDs are derived from the escalation's, so they are the same on every read. */
export function renderEscalation(state: EmulatorState, escalation: EscalationRecord, now: number) {
  const progress = progressOf(state, escalation, now);
  const users = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const user = state.get("users", id);
      return user ? [renderUser(user)] : [];
    });
  const events: Record<string, unknown>[] = progress.steps.map((step) => ({
    event: step.event,
    occurred_at: new Date(step.at).toISOString(),
    ...(step.userIds ? { users: users(step.userIds) } : {}),
    ...(step.urgency ? { urgency: step.urgency } : {}),
    ...(step.channels ? { channels: step.channels } : {}),
  }));
  if (progress.status === "acked" || (escalation.acked_at && escalation.cancelled_at)) {
    events.push({
      event: "acked",
      occurred_at: escalation.acked_at,
      users: users(escalation.acked_by_user_id ? [escalation.acked_by_user_id] : []),
    });
  }
  if (progress.status === "cancelled")
    events.push({ event: "cancelled", occurred_at: escalation.cancelled_at });
  const rng = new Random(createHash("sha256").update(escalation.id).digest().readUInt32BE(0));
  return {
    id: escalation.id,
    title: escalation.title,
    description: escalation.description,
    status: progress.status,
    ...(escalation.escalation_path_id ? { escalation_path_id: escalation.escalation_path_id } : {}),
    priority: { name: escalation.priority },
    // EscalationCreatorV2 names a user, workflow or alert; an API key is none of them.
    creator: {},
    events: events.map((event) => ({ id: rng.id(Date.parse(String(event.occurred_at))), ...event })),
    related_incidents: relatedIncidents(state, escalation),
    related_alerts: [],
    created_at: escalation.created_at,
    updated_at: new Date(progress.updatedAt).toISOString(),
  };
}

const STATUS_CATEGORY: Record<string, string> = { live: "active", learning: "post-incident" };

/** `IncidentSlimV2` of the linked incident. */
function relatedIncidents(state: EmulatorState, escalation: EscalationRecord) {
  const incident = escalation.incident_id ? state.get("incidents", escalation.incident_id) : undefined;
  if (!incident) return [];
  const category = state.get("incident_statuses", incident.incident_status_id)?.category ?? "triage";
  return [
    {
      id: incident.id,
      external_id: incident.number,
      name: incident.name,
      reference: `INC-${incident.number}`,
      ...(incident.summary ? { summary: incident.summary } : {}),
      visibility: incident.visibility,
      status_category: STATUS_CATEGORY[category] ?? category,
    },
  ];
}
