import type { TestEmulator } from "../../../test/support/emulator.js";
import { IncidentIo } from "../../api/index.js";
import { type OpsSession, openSession } from "../../ops/index.js";
import type { Clock } from "../../shared/clock.js";

/**
 * incident.io's answer to a create whose name it cannot take, in its documented error shape (`type`, `status`,
 * `request_id`, `errors[].source.field`): a refusal no retry and no field left out can get past.
 */
export const NAME_REFUSED = {
  type: "validation_error",
  status: 422,
  request_id: "5f0c2d4e-6a1b-4c39-9e8d-1a2b3c4d5e6f",
  errors: [
    { code: "invalid_value", message: "Name must be 255 characters or fewer", source: { field: "name" } },
  ],
} as const;

/** A session on the emulator whose incident creates incident.io refuses with `NAME_REFUSED`; other calls go through. */
export function sessionRefusingCreates(t: TestEmulator, key: string = t.adminKey, clock?: Clock): OpsSession {
  const io = new IncidentIo({
    apiKey: key,
    baseUrl: t.url,
    fetch: async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if ((init?.method ?? "GET").toUpperCase() === "POST" && url.pathname === "/v2/incidents") {
        return new Response(JSON.stringify(NAME_REFUSED), {
          status: 422,
          headers: { "content-type": "application/json" },
        });
      }
      return t.fetch(input, init);
    },
    maxRetries: 0,
    rateLimit: false,
    ...(clock ? { clock } : {}),
  });
  return openSession(io, clock ? { clock } : {});
}

/** A session on the emulator with `key` (default: the admin key), retrying nothing itself. */
export function emulatorSession(t: TestEmulator, key: string = t.adminKey, clock?: Clock): OpsSession {
  const io = new IncidentIo({
    apiKey: key,
    baseUrl: t.url,
    fetch: t.fetch,
    maxRetries: 0,
    rateLimit: false,
    ...(clock ? { clock } : {}),
  });
  return openSession(io, clock ? { clock } : {});
}
