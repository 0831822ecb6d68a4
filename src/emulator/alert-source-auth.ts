import type { Context } from "hono";
import { ApiError, notFound } from "./errors.js";
import type { AlertSourceRecord } from "./model.js";
import type { EmulatorState } from "./state.js";

const ALERT_EVENTS_PATH = /^\/v2\/alert_events\/http\/([^/]+)$/;

/**
 * The alert source an alert event request authenticates as, or undefined when the request is not an alert event
 * (it then needs an API key). Alert events carry no API key: "Basic or Bearer authorization with the secret
 * provided on the alert source" in the Authorization header, or the secret as `?token=` (reference/api.md §1).
 * Which half of a Basic credential holds the secret is not documented, so either half is accepted.
 * Error messages never repeat what was sent.
 */
export function authenticateAlertEvent(state: EmulatorState, c: Context): AlertSourceRecord | undefined {
  if (c.req.method !== "POST") return undefined;
  const match = ALERT_EVENTS_PATH.exec(c.req.path);
  if (!match?.[1]) return undefined;
  const id = safeDecode(match[1]);
  const source = state.get("alert_sources", id);
  if (!source) throw notFound("alert source", id);
  const offered = offeredSecrets(c.req.header("Authorization"), new URL(c.req.url).searchParams.get("token"));
  if (offered.length === 0) {
    const header = c.req.header("Authorization");
    throw new ApiError(401, "authentication_error", [
      header && header.trim() !== ""
        ? {
            code: "authentication_failed",
            message:
              'The Authorization header must be "Bearer <alert source secret token>" or Basic credentials holding it.',
          }
        : {
            code: "missing_authorization_material",
            message: "No authorization material provided in request",
          },
    ]);
  }
  if (offered.includes(source.secret_token)) return source;
  const sentApiKey = offered.some((secret) => state.apiKeyByToken(secret) !== undefined);
  throw new ApiError(401, "authentication_error", [
    {
      code: "authentication_failed",
      message: sentApiKey
        ? "Alert events authenticate with the alert source's secret token, not an API key: send that token as Bearer authorization or as ?token=."
        : "The token provided is not this alert source's secret token.",
    },
  ]);
}

/** Every candidate secret in the request: the Bearer token, both halves of a Basic credential, `?token=`. */
function offeredSecrets(header: string | undefined, queryToken: string | null): string[] {
  const offered: string[] = [];
  if (queryToken) offered.push(queryToken);
  const bearer = header && /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer?.[1]) offered.push(bearer[1]);
  const basic = header && /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) offered.push(decoded);
    else offered.push(decoded.slice(0, colon), decoded.slice(colon + 1));
  }
  return offered.filter((secret) => secret !== "");
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
