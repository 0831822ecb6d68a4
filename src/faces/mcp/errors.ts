import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { redact } from "../../api/index.js";
import { toIncidentKitError } from "../../shared/errors.js";

/** What a failed tool call carries in `structuredContent.error`. */
export const ToolError = z
  .object({
    code: z
      .string()
      .describe(
        "Stable error code, e.g. invalid_argument, not_found, forbidden, unauthorized, rate_limited, server_error",
      ),
    message: z.string().describe("What went wrong"),
    hint: z.string().describe("What to do about it (for invalid_argument: the values that are accepted)"),
    retryable: z.boolean().describe("Whether calling again with the same arguments can succeed"),
    retry_after: z
      .number()
      .optional()
      .describe(
        "For a retryable error (rate_limited above all): seconds until calling again can succeed, when known",
      ),
  })
  .describe("Present only when the call failed (isError: true)");
export type ToolError = z.infer<typeof ToolError>;

const INTERNAL_HINT = "an unexpected failure inside incidentkit; report it with the tool name and arguments";

/** Any thrown value as the error a tool reports, from the family's fields, with secrets removed from every string. */
export function toolError(error: unknown): ToolError {
  const family = toIncidentKitError(error, INTERNAL_HINT);
  return {
    code: family.code,
    message: redact(family.message),
    hint: redact(family.hint),
    retryable: family.retryable,
    ...(family.retryAfterMs !== undefined ? { retry_after: Math.ceil(family.retryAfterMs / 1000) } : {}),
  };
}

/** A failed call as a tool result: `isError`, a readable text, and `{ error }` for programs. */
export function errorResult(error: unknown): CallToolResult {
  const body = toolError(error);
  const retry = body.retryable
    ? "Retrying the same call later may succeed."
    : "Retrying the same call will not help.";
  return {
    isError: true,
    content: [{ type: "text", text: `Error (${body.code}): ${body.message}\nHint: ${body.hint}\n${retry}` }],
    structuredContent: { error: body },
  };
}
