import type { Context } from "hono";
import { ApiError } from "./errors.js";

/**
 * incident.io operations the emulator does not implement answer 501 naming the operation, never a fake
 * success, so a client relying on one finds out at once.
 */
export function notImplemented(c: Context): never {
  throw new ApiError(501, "api_error", [
    {
      code: "not_implemented",
      message: `The incidentkit emulator does not implement ${c.req.method} ${c.req.path}.`,
    },
  ]);
}
