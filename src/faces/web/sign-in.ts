import type { Context, Hono, MiddlewareHandler } from "hono";
import type { Clock } from "../../shared/clock.js";
import { remoteAddress } from "./client-limit.js";
import { crossSiteReason, type Signer } from "./csrf.js";
import { localPath } from "./local-path.js";
import { personLabel } from "./oidc/allow.js";
import { type OidcSignIn, oidcRoutes } from "./oidc/routes.js";
import { SignInPage } from "./pages/sign-in.js";
import { headerGroups, type PrivateIncidentsPolicy, seesPrivateIncidents } from "./private-access.js";
import { sendPage } from "./respond.js";
import { readSession, SESSION_TTL_MS, startSession } from "./session.js";
import { signOutRoute } from "./sign-out.js";
import { rememberViewer } from "./viewer.js";

/**
 * Who may use the web UI:
 * - `token`: whoever signs in at `/sign-in` with the hub's admin token gets a signed, HTTP-only, SameSite session
 *   cookie for 12 hours;
 * - `proxy`: an authenticating proxy (oauth2-proxy, Pomerium, Cloudflare Access) in front of the hub names the
 *   user in `header`; the header is believed only on connections from the proxy's addresses;
 * - `oidc`: people sign in at an OpenID Connect provider (see oidc/routes.ts), and those the config allows get the
 *   same session cookie.
 * Those `privateIncidents` names (proxy and oidc, which know who people are) also see private incidents.
 */
export type WebAuth =
  | { mode: "token"; accepts(secret: string): boolean; secureCookie: boolean }
  | {
      mode: "proxy";
      header: string;
      trustedProxies: readonly string[];
      /** The header listing the person's groups (comma-separated), for `privateIncidents`. */
      groupsHeader?: string;
      privateIncidents?: PrivateIncidentsPolicy;
    }
  | ({ mode: "oidc" } & OidcSignIn);

/** Guards `paths` with `auth`, and (for `token` and `oidc`) serves `/sign-in` and `/sign-out`. */
export function signInRoutes(
  app: Hono,
  auth: WebAuth,
  deps: {
    signer: Signer;
    clock: Clock;
    paths: readonly string[];
    allowedOrigins: readonly string[];
    onError?: (error: Error, c?: Context) => void;
  },
): void {
  const { signer, clock } = deps;
  const guard: MiddlewareHandler = async (c, next) => {
    if (auth.mode === "proxy") {
      const user = c.req.header(auth.header)?.trim();
      if (user && auth.trustedProxies.includes(remoteAddress(c) ?? "")) {
        // The proxy vouches for whom it names: an email header (oauth2-proxy's X-Forwarded-Email, Cloudflare
        // Access's) holds the address the person signed in at the proxy with.
        const groups = auth.groupsHeader === undefined ? [] : headerGroups(c.req.header(auth.groupsHeader));
        const seesPrivate = seesPrivateIncidents(auth.privateIncidents, {
          email: user,
          emailVerified: true,
          groups,
        });
        rememberViewer(c, { who: `as ${user}`, signOut: false, seesPrivate });
        return next();
      }
      return c.text(
        "Sign-in is done by the proxy in front of this hub, and this request did not come through it.",
        401,
      );
    }
    const session = readSession(c, signer, auth.mode, clock.now());
    if (session !== undefined) {
      if (auth.mode === "token") {
        // The admin token names nobody: its sessions never see private incidents.
        rememberViewer(c, { who: "with the admin token", signOut: true, seesPrivate: false });
        return next();
      }
      const seesPrivate = seesPrivateIncidents(auth.privateIncidents, {
        email: session.email,
        emailVerified: session.emailVerified === true,
        groups: Array.isArray(session.groups) ? session.groups : [],
      });
      rememberViewer(c, { who: `as ${personLabel(session)}`, signOut: true, seesPrivate });
      return next();
    }
    if (c.req.method === "GET") return c.redirect(`/sign-in?next=${encodeURIComponent(pathOf(c))}`, 303);
    return c.text("Sign in first: /sign-in", 401);
  };
  for (const path of deps.paths) app.use(path, guard);
  if (auth.mode === "oidc") {
    oidcRoutes(app, auth, {
      signer,
      clock,
      allowedOrigins: deps.allowedOrigins,
      ...(deps.onError ? { onError: deps.onError } : {}),
    });
    return;
  }
  if (auth.mode !== "token") return;

  const form = (c: Context, next: string, problem: string | null, status: 200 | 401 | 403 = 200) =>
    sendPage(c, SignInPage({ token: signer.formToken("/sign-in", clock.now()), next, problem }), status);

  app.get("/sign-in", (c) => form(c, localPath(c.req.query("next")), null));
  app.post("/sign-in", async (c) => {
    const body = await c.req.parseBody();
    const next = localPath(typeof body.next === "string" ? body.next : undefined);
    const crossSite = crossSiteReason(
      c.req.url,
      { origin: c.req.header("origin"), secFetchSite: c.req.header("sec-fetch-site") },
      deps.allowedOrigins,
    );
    const token = typeof body.token === "string" ? body.token : "";
    if (crossSite !== undefined || signer.checkFormToken("/sign-in", token, clock.now()) === undefined)
      return form(c, next, "The form did not come from this page, or it expired: sign in again.", 403);
    const secret = typeof body.secret === "string" ? body.secret.trim() : "";
    if (!auth.accepts(secret)) return form(c, next, "That is not the hub's admin token.", 401);
    startSession(c, signer, { until: clock.now() + SESSION_TTL_MS, via: "token" }, auth.secureCookie);
    return c.redirect(next, 303);
  });
  signOutRoute(app, deps.allowedOrigins, (c) => c.redirect("/sign-in", 303));
}

function pathOf(c: Context): string {
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
}
