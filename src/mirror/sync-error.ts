import { IncidentKitError } from "../api/index.js";

export interface SyncError {
  message: string;
  hint: string;
}

/**
 * What a failed sync records and shows: the API's message (which names the status, the request and its
 * request_id, and never the key: the client redacts it) and what to do about it.
 */
export function describeSyncError(error: unknown): SyncError {
  if (error instanceof IncidentKitError) return { message: error.message, hint: error.hint };
  const message = error instanceof Error ? error.message : String(error);
  return {
    message,
    hint: "the mirror will try again at its next run; if this persists, check the hub's database and network",
  };
}
