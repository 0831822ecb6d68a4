import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";

/** Reads incident.io and changes nothing. */
export const READ_ONLY: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

/** Changes incident.io, never deletes, and repeating the same call has no further effect. */
export const SAFE_WRITE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

/** Removes or stops something in incident.io (an override, a page); repeating the same call has no further effect. */
export const DESTRUCTIVE_WRITE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: true,
};
