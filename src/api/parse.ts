import type { z } from "zod";
import { InvalidResponseError } from "./errors.js";

/** `incidents[3].incident_status.category` from zod's path segments. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out || "(root)";
}

/** Parses a response body, or throws `invalid_response` naming the first field that does not fit. */
export function parseResponse<T extends z.ZodType>(
  schema: T,
  body: unknown,
  context: { method: string; path: string; requestId?: string },
): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = formatPath(issue?.path ?? []);
  const requestId = context.requestId ? ` (request_id ${context.requestId})` : "";
  throw new InvalidResponseError({
    message: `${context.method} ${context.path} answered with an unexpected body at ${where}: ${issue?.message ?? "invalid"}${requestId}`,
    path: where,
    ...(context.requestId ? { requestId: context.requestId } : {}),
    cause: result.error,
  });
}
