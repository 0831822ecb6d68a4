import type { Context } from "hono";
import type { z } from "zod";
import type { Clock } from "../shared/clock.js";
import type { Logger } from "../shared/logger.js";
import { ApiError, fromZodError, invalidRequest } from "./errors.js";
import type { FaultController } from "./faults.js";
import type { ApiKeyRecord } from "./model.js";
import type { RateLimiter } from "./rate-limit.js";
import type { IncidentRenderer } from "./render.js";
import { hasScope } from "./scopes.js";
import type { EmulatorState } from "./state.js";
import type { EndpointRegistry } from "./webhooks/endpoints.js";
import type { WebhookSender } from "./webhooks/sender.js";

/** What every request handler can see. */
export type AppEnv = { Variables: { requestId: string; apiKey: ApiKeyRecord } };
export type AppContext = Context<AppEnv>;

/** The emulator's moving parts, shared by routes and middleware. */
export interface Deps {
  state: EmulatorState;
  renderer: IncidentRenderer;
  clock: Clock;
  faults: FaultController;
  limiter: RateLimiter;
  /** Where webhooks go, and the sender that delivers them. */
  webhooks: { endpoints: EndpointRegistry; sender: WebhookSender };
  /** The emulator's own failures, for whoever runs it; never shown to a client. */
  log: Logger;
  onResponse?: ((event: { method: string; path: string; status: number; body: unknown }) => void) | undefined;
}

export function nowIso(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}

/** Refuses with 403 unless the calling key holds `scope`. */
export function requireScope(c: AppContext, scope: string): void {
  if (!hasScope(c.var.apiKey.roles, scope)) {
    throw new ApiError(403, "resource_forbidden", [
      {
        code: "missing_scope",
        message: `This API key does not have the "${scope}" scope needed for this operation. Create a key with a role that grants it.`,
        metadata: { required_scope: scope },
      },
    ]);
  }
}

/** The request body parsed as JSON and validated: 400 when it is not JSON, 422 naming the field otherwise. */
export async function parseBody<T extends z.ZodType>(c: AppContext, schema: T): Promise<z.output<T>> {
  const text = await c.req.text();
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    throw invalidRequest("The request body is not valid JSON.", "invalid_json");
  }
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new ApiError(422, "validation_error", [
      { code: "invalid_type", message: "The request body must be a JSON object." },
    ]);
  }
  const result = schema.safeParse(input);
  if (!result.success) throw fromZodError(result.error, input);
  return result.data;
}
