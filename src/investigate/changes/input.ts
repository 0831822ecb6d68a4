import { z } from "zod";
import { isHttpUrl, normaliseTime } from "../../alerts/intake/fields.js";
import { errorWording, type FieldError, issuesToErrors } from "../../alerts/intake/result.js";
import { CHANGE_KINDS, type ChangeKind } from "./change.js";

export type { FieldError } from "../../alerts/intake/result.js";

/** A change as a sender describes it, checked: what `recordChange` stores. */
export interface ChangeInput {
  /** An entity ref, name or title, or any service name; normalised to the entity's ref when the catalog knows it. */
  service: string;
  kind: ChangeKind;
  description: string;
  link?: string;
  author?: string;
  /** ISO 8601 UTC; when absent, the time the hub received it. */
  happenedAt?: string;
  /** The sender's ID for the change: a second change with the same one is the same change. */
  externalId?: string;
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

/** The body of `POST /changes`. Unknown fields are ignored; null counts as absent for optional ones. */
const ChangeBodySchema = z.object({
  service: text(200),
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
});

/**
 * Checks a change sent to the hub (`POST /changes`, snake_case as the API takes it). Every problem names its
 * field; a change dated more than a few minutes after `now` is refused, since no one deploys in the future.
 */
export function parseChangeBody(body: unknown, now: number): ChangeInputResult {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ field: "body", message: "expected a JSON object" }] };
  }
  const parsed = ChangeBodySchema.safeParse(body, { error: errorWording });
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues) };
  const data = parsed.data;
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
      service: data.service,
      kind: data.kind,
      description: data.description,
      ...(data.link ? { link: data.link } : {}),
      ...(data.author ? { author: data.author } : {}),
      ...(happenedAt !== undefined ? { happenedAt } : {}),
      ...(data.external_id ? { externalId: data.external_id } : {}),
    },
  };
}
