import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { IncidentKitError, redact } from "../../api/index.js";

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
        "For rate_limited: seconds until incident.io accepts requests from this key again, when known",
      ),
  })
  .describe("Present only when the call failed (isError: true)");
export type ToolError = z.infer<typeof ToolError>;

/** Any thrown value as the error a tool reports, with secrets removed from every string. */
export function toolError(error: unknown): ToolError {
  if (error instanceof IncidentKitError) {
    const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
    return {
      code: error.code,
      message: redact(error.message),
      hint: redact(error.hint),
      retryable: error.retryable,
      ...(typeof retryAfterMs === "number" ? { retry_after: Math.ceil(retryAfterMs / 1000) } : {}),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: "internal",
    message: redact(message),
    hint: "an unexpected failure inside incidentkit; report it with the tool name and arguments",
    retryable: false,
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
