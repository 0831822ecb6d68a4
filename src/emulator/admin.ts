import type { Hono, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { z } from "zod";
import type { Clock } from "../shared/clock.js";
import { withoutUndefined } from "../shared/defined.js";
import { authenticate } from "./auth.js";
import { type AppContext, type AppEnv, type Deps, parseBody } from "./context.js";
import { ApiError, newRequestId, validationError } from "./errors.js";
import type { ApiKeyRecord } from "./model.js";
import { GLOBAL_ACCESS, ROLE_SCOPES } from "./scopes.js";

const rate = z.number().min(0).max(1);
const faultsPayload = z.object({
  errorRate: rate.optional(),
  lostResponseRate: rate.optional(),
  latencyMs: z.number().min(0).max(600_000).optional(),
  throttleUntil: z.number().min(0).optional(),
  /** Convenience: throttle from now for this long. */
  throttle_for_ms: z.number().min(0).optional(),
});

/** Roles the emulator grants scopes for; a key with any other role could do nothing here. */
const KNOWN_ROLES = [GLOBAL_ACCESS, ...Object.keys(ROLE_SCOPES)] as [string, ...string[]];

const apiKeyPayload = z.object({
  name: z.string().min(1),
  roles: z.array(z.enum(KNOWN_ROLES)).min(1),
});

/** A misspelt field would otherwise be dropped silently, leaving the caller believing it took effect. */
async function refuseUnknownFields(c: AppContext, schema: z.ZodObject): Promise<void> {
  const input = (await c.req.json()) as Record<string, unknown>;
  const known = Object.keys(schema.shape);
  const unknown = Object.keys(input).find((field) => !known.includes(field));
  if (unknown !== undefined) {
    throw validationError(
      unknown,
      `"${unknown}" is not a field of this request; expected one of: ${known.join(", ")}.`,
    );
  }
}

export interface RequestCount {
  method: string;
  /** The route template that answered, e.g. `/v2/incidents/:id`; a catch-all such as `/v2/*` when none did. */
  route: string;
  status: number;
  count: number;
}

/** API requests answered since the emulator started, by method, route template and status. */
export class RequestCounts {
  private readonly counts = new Map<string, RequestCount>();
  readonly since: string;

  constructor(clock: Clock) {
    this.since = new Date(clock.now()).toISOString();
  }

  record(method: string, route: string, status: number): void {
    const key = `${method} ${route} ${status}`;
    const entry = this.counts.get(key);
    if (entry) entry.count++;
    else this.counts.set(key, { method, route, status, count: 1 });
  }

  list(): RequestCount[] {
    return [...this.counts.values()]
      .map((entry) => ({ ...entry }))
      .sort(
        (a, b) => a.route.localeCompare(b.route) || a.method.localeCompare(b.method) || a.status - b.status,
      );
  }
}

/**
 * Counts each API request once it is answered, whatever answered it (the gate's 401 or 429, a handler, a fault),
 * under the template of the operation it asked for: the first matching route that is not middleware or a catch-all.
 */
export function countRequests(counts: RequestCounts): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const routes = matchedRoutes(c);
    const route = (routes.find((r) => r.method !== "ALL") ?? routes.at(-1))?.path ?? c.req.path;
    counts.record(c.req.method, route, c.res.status);
  };
}

/**
 * Control routes for out-of-process tests (CLI, crash tests, benchmarks): switch faults, mint API keys and read
 * the API requests answered so far, at run time.
 * They need a key with global_access and are not subject to faults or rate limits.
 */
export function adminRoutes(
  app: Hono<AppEnv>,
  deps: Deps,
  createApiKey: (name: string, roles: string[]) => ApiKeyRecord,
  requests: RequestCounts,
): void {
  app.use("/_emulator/*", async (c, next) => {
    c.set("requestId", newRequestId());
    const key = authenticate(deps.state, c.req.header("Authorization"));
    if (!key.roles.includes(GLOBAL_ACCESS)) {
      throw new ApiError(403, "resource_forbidden", [
        {
          code: "missing_scope",
          message: "The emulator's control routes need a key with the global_access role.",
          metadata: { required_scope: GLOBAL_ACCESS },
        },
      ]);
    }
    c.set("apiKey", key);
    await next();
  });

  app.get("/_emulator/faults", (c) => c.json(deps.faults.get()));

  app.get("/_emulator/requests", (c) => {
    const counts = requests.list();
    const total = counts.reduce((sum, entry) => sum + entry.count, 0);
    return c.json({ since: requests.since, total, requests: counts });
  });

  app.put("/_emulator/faults", async (c) => {
    const { throttle_for_ms, ...settings } = await parseBody(c, faultsPayload);
    await refuseUnknownFields(c, faultsPayload);
    deps.faults.set(withoutUndefined(settings));
    if (throttle_for_ms !== undefined) deps.faults.throttleFor(throttle_for_ms);
    return c.json(deps.faults.get());
  });

  app.post("/_emulator/api_keys", async (c) => {
    const input = await parseBody(c, apiKeyPayload);
    await refuseUnknownFields(c, apiKeyPayload);
    return c.json({ api_key: createApiKey(input.name, input.roles) }, 201);
  });
}
