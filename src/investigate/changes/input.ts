import { z } from "zod";
import { normaliseTime } from "../../alerts/intake/fields.js";
import { errorWording, type FieldError, issuesToErrors } from "../../alerts/intake/result.js";
import { isHttpUrl } from "../../shared/http-url.js";
import { CHANGE_KINDS, type ChangeKind } from "./change.js";
import { ProductionEnvironments } from "./environments.js";
import type { ChangeTarget } from "./services.js";

export type { FieldError } from "../../alerts/intake/result.js";

/** A change as a sender describes it, checked: what `recordChange` stores. At least one of service and repository. */
export interface ChangeInput extends ChangeTarget {
  /** An entity ref, name or title, or any service name; normalised to the entity's ref when the catalog knows it. */
  service?: string;
  /** `owner/repository` it was deployed from: the Component whose `github.com/project-slug` it is. */
  repository?: string;
  kind: ChangeKind;
  description: string;
  link?: string;
  author?: string;
  /** ISO 8601 UTC; when absent, the time the hub received it. */
  happenedAt?: string;
  /** The sender's ID for the change: a second change with the same one is the same change. */
  externalId?: string;
  /** Where it was deployed, as the sender names it. */
  environment?: string;
  /** Whether that is production; given only with an environment. */
  production?: boolean;
}

export type ChangeInputResult = { ok: true; input: ChangeInput } | { ok: false; errors: FieldError[] };

/** How far ahead of the hub's clock a change may say it happened (senders' clocks drift). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => value.trim() !== "", "must not be blank")
    .transform((value) => value.trim());

/** `owner/repository` as GitHub allows them. */
const REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+$/;

/** The body of `POST /changes`. Unknown fields are ignored; null counts as absent for optional ones. */
const ChangeBodySchema = z.object({
  service: text(200).nullish(),
  repository: z
    .string()
    .trim()
    .regex(REPOSITORY, "expected the repository as owner/repository, e.g. acme/payments-api")
    .nullish(),
  kind: z.enum(CHANGE_KINDS),
  description: text(2000),
  link: z.string().max(2048).refine(isHttpUrl, "expected an http(s) URL").nullish(),
  author: text(200).nullish(),
  happened_at: z
    .string()
    .refine(
      (value) => normaliseTime(value) !== undefined,
      "expected an ISO 8601 date-time with a time zone, e.g. 2026-05-01T10:00:00Z",
    )
    .nullish(),
  external_id: text(200).nullish(),
  environment: text(100).nullish(),
  production: z.boolean().nullish(),
});

/**
 * Checks a change sent to the hub (`POST /changes`, snake_case as the API takes it). Every problem names its
 * field; a change dated more than a few minutes after `now` is refused, since no one deploys in the future.
 * `service` may be left out when `repository` is given. An `environment` without `production` is judged by
 * `environments`; `production` without an environment is refused, as it would say nothing of where.
 */
export function parseChangeBody(
  body: unknown,
  now: number,
  environments = new ProductionEnvironments(),
): ChangeInputResult {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ field: "body", message: "expected a JSON object" }] };
  }
  const record = body as Record<string, unknown>;
  // Checked beside the schema, so a body with other faults too hears of all of them at once.
  const missing: FieldError[] =
    (record.service ?? null) === null && (record.repository ?? null) === null
      ? [
          {
            field: "service",
            message:
              "is required: give the service changed, or the repository it was deployed from as repository (owner/repository)",
          },
        ]
      : [];
  const parsed = ChangeBodySchema.safeParse(body, { error: errorWording });
  if (!parsed.success) return { ok: false, errors: [...missing, ...issuesToErrors(parsed.error.issues)] };
  if (missing.length > 0) return { ok: false, errors: missing };
  const data = parsed.data;
  if (typeof data.production === "boolean" && !data.environment) {
    return {
      ok: false,
      errors: [{ field: "production", message: "goes with environment: name the environment deployed to" }],
    };
  }
  const happenedAt = data.happened_at ? normaliseTime(data.happened_at) : undefined;
  if (happenedAt !== undefined && Date.parse(happenedAt) > now + MAX_CLOCK_SKEW_MS) {
    return {
      ok: false,
      errors: [{ field: "happened_at", message: "is in the future: give the time the change took effect" }],
    };
  }
  return {
    ok: true,
    input: {
      ...(data.service ? { service: data.service } : {}),
      ...(data.repository ? { repository: data.repository } : {}),
      kind: data.kind,
      description: data.description,
      ...(data.link ? { link: data.link } : {}),
      ...(data.author ? { author: data.author } : {}),
      ...(happenedAt !== undefined ? { happenedAt } : {}),
      ...(data.external_id ? { externalId: data.external_id } : {}),
      ...(data.environment
        ? {
            environment: data.environment,
            production: data.production ?? environments.isProduction(data.environment),
          }
        : {}),
    },
  };
}
