import type { Context, Hono } from "hono";
import { crossSiteReason } from "./csrf.js";
import { endSession } from "./session.js";

/**
 * `POST /sign-out`, for every sign-in that keeps a session (token and oidc): refused when it comes from another
 * site, since a page elsewhere must not be able to sign people out behind their back; otherwise the session
 * cookie is cleared, the browser told to drop the hub's pages from its cache, and `signedOut` answers.
 * `allowedOrigins`: origins besides the request's own that may post it (the public URL behind a proxy).
 */
export function signOutRoute(
  app: Hono,
  allowedOrigins: readonly string[],
  signedOut: (c: Context) => Response | Promise<Response>,
): void {
  app.post("/sign-out", (c) => {
    const headers = { origin: c.req.header("origin"), secFetchSite: c.req.header("sec-fetch-site") };
    if (crossSiteReason(c.req.url, headers, allowedOrigins) !== undefined)
      return c.text("Sign out from the hub's own pages.", 403);
    endSession(c);
    // The pages it kept (`private, no-cache`) would still show on Back or offline: the browser drops them.
    c.header("Clear-Site-Data", '"cache"');
    return signedOut(c);
  });
}
