import type { Hono } from "hono";
import { z } from "zod";
import { authenticate } from "./auth.js";
import { type AppEnv, type Deps, parseBody } from "./context.js";
import { ApiError, newRequestId } from "./errors.js";
import type { ApiKeyRecord } from "./model.js";
import { GLOBAL_ACCESS } from "./scopes.js";

const rate = z.number().min(0).max(1);
const faultsPayload = z.object({
  errorRate: rate.optional(),
  lostResponseRate: rate.optional(),
  latencyMs: z.number().min(0).max(600_000).optional(),
  throttleUntil: z.number().min(0).optional(),
  /** Convenience: throttle from now for this long. */
  throttle_for_ms: z.number().min(0).optional(),
});

const apiKeyPayload = z.object({
  name: z.string().min(1),
  roles: z.array(z.string().min(1)).min(1),
});

/**
 * Control routes for out-of-process tests (CLI, crash tests): switch faults and mint API keys at run time.
 * They need a key with global_access and are not subject to faults or rate limits.
 */
export function adminRoutes(
  app: Hono<AppEnv>,
  deps: Deps,
  createApiKey: (name: string, roles: string[]) => ApiKeyRecord,
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

  app.put("/_emulator/faults", async (c) => {
    const { throttle_for_ms, ...settings } = await parseBody(c, faultsPayload);
    deps.faults.set(settings);
    if (throttle_for_ms !== undefined) deps.faults.throttleFor(throttle_for_ms);
    return c.json(deps.faults.get());
  });

  app.post("/_emulator/api_keys", async (c) => {
    const input = await parseBody(c, apiKeyPayload);
    return c.json({ api_key: createApiKey(input.name, input.roles) }, 201);
  });
}
