/**
 * What incident.io's live API documents beyond the copy of the description we test against (reference/api.md
 * §3.1 and §11). Written by hand from that reference and kept deliberately small: every entry here is a claim
 * about the live API that the description cannot check for us, so each one must be justified there.
 */

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/**
 * The statuses the live schema documents an `ErrorResponse` for on every operation, with the `type` values
 * each may carry (reference/api.md §3.1, status → type table).
 */
export const errorTypesByStatus: Readonly<Record<number, readonly string[]>> = {
  400: ["invalid_request_error"],
  401: ["authentication_error"],
  403: ["resource_forbidden"],
  404: ["not_found"],
  405: ["method_not_allowed"],
  406: ["not_acceptable"],
  408: ["request_timeout", "client_timeout"],
  409: ["conflict"],
  412: ["precondition_failed"],
  413: ["payload_too_large"],
  422: ["validation_error"],
  429: ["too_many_requests", "rate_limit_reached"],
  500: ["api_error"],
};

/**
 * 501 is not an incident.io status: our emulator answers it for operations it does not implement. It must
 * still carry the error shape clients parse, but no `type` is prescribed for it.
 */
export const NOT_IMPLEMENTED = 501;

/**
 * What a proxy or load balancer in front of the API answers when the API itself did not (the emulator's
 * lost-response fault answers 502). Not documented by incident.io, yet every client meets them; their bodies
 * are not the API's to define, so only the status is accepted.
 */
export const GATEWAY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

const errorSingle: Schema = {
  type: "object",
  required: ["code", "message"],
  properties: {
    code: { type: "string" },
    message: { type: "string" },
    // The generated SDK model marks both required, but the documented 422 example has only `field` (§10).
    source: { type: "object", properties: { field: { type: "string" }, pointer: { type: "string" } } },
    metadata: { type: "object", additionalProperties: { type: "string" } },
  },
};

const errorRateLimit: Schema = {
  type: "object",
  required: ["name", "limit", "remaining", "retry_after"],
  properties: {
    name: { type: "string" },
    limit: { type: "integer" },
    remaining: { type: "integer" },
    retry_after: { type: "string", format: "date-time" },
  },
};

const errorResponse: Schema = {
  type: "object",
  required: ["type", "status", "request_id", "errors"],
  properties: {
    type: { type: "string" },
    status: { type: "integer" },
    request_id: { type: "string", minLength: 1 },
    errors: { type: "array", items: ref("ErrorSingle") },
    rate_limit: ref("ErrorRateLimit"),
    debug: {
      type: "object",
      required: ["message", "stacktrace"],
      properties: { message: { type: "string" }, stacktrace: { type: "array", items: { type: "string" } } },
    },
  },
};

/** The error body for one HTTP status: the shared shape, with `status` and `type` pinned to that status. */
export function errorResponseFor(status: number): Schema {
  const types = errorTypesByStatus[status];
  return {
    allOf: [
      ref("ErrorResponse"),
      {
        properties: {
          status: { const: status },
          ...(types ? { type: { enum: [...types] } } : {}),
        },
      },
    ],
  };
}

/** Schemas added to `components.schemas`. Names follow the live schema's. */
export const overlaySchemas: Record<string, Schema> = {
  ErrorResponse: errorResponse,
  ErrorSingle: errorSingle,
  ErrorRateLimit: errorRateLimit,
  IncidentUpdatesCreatePayloadV2: {
    type: "object",
    // "At least one of them must be provided" (message / to_*) is a server-side rule answered with 422,
    // so it is not a schema constraint here.
    required: ["idempotency_key", "incident_id"],
    properties: {
      idempotency_key: { type: "string" },
      incident_id: { type: "string" },
      message: { type: "string" },
      to_incident_status_id: { type: "string" },
      to_severity_id: { type: "string" },
    },
  },
  IncidentUpdatesCreateResultV2: {
    type: "object",
    required: ["incident_update"],
    properties: { incident_update: ref("IncidentUpdateV2") },
  },
};

/** Properties the live API added to existing schemas, and whether it made them required. */
export const overlayProperties: Record<string, { properties: Record<string, Schema>; required: string[] }> = {
  IncidentV2: {
    properties: {
      last_activity_at: { type: "string", format: "date-time" },
      team_ids: { type: "array", items: { type: "string" } },
    },
    required: ["last_activity_at", "team_ids"],
  },
  // The description of each says "Set to null to unassign", while its schema types it as a plain string.
  FollowUpsUpdatePayloadV2: {
    properties: {
      assignee_id: { type: "string", nullable: true },
      assignee_team_id: { type: "string", nullable: true },
    },
    required: [],
  },
  ActionsUpdatePayloadV2: {
    properties: { assignee_id: { type: "string", nullable: true } },
    required: [],
  },
};

/** Operations the live API has and the description lacks, in the description's own shape. */
export const overlayPaths: Record<string, Record<string, Schema>> = {
  "/v2/incident_updates": {
    post: {
      operationId: "Incident Updates V2#Create",
      requestBody: {
        required: true,
        content: { "application/json": { schema: ref("IncidentUpdatesCreatePayloadV2") } },
      },
      responses: {
        "201": {
          description: "Created response.",
          content: { "application/json": { schema: ref("IncidentUpdatesCreateResultV2") } },
        },
      },
    },
  },
};
