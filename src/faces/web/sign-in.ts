import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, Hono, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Clock } from "../../shared/clock.js";
import { crossSiteReason, type Signer } from "./csrf.js";
import { SignInPage } from "./pages/sign-in.js";
import { sendPage } from "./respond.js";

/**
 * Who may use the web UI:
 * - `token`: whoever signs in at `/sign-in` with the hub's admin token gets a signed, HTTP-only, SameSite session
 *   cookie for 12 hours;
 * - `proxy`: an authenticating proxy (oauth2-proxy, Pomerium, Cloudflare Access) in front of the hub names the
 *   user in `header`; the header is believed only on connections from the proxy's addresses.
 */
export type WebAuth =
  | { mode: "token"; accepts(secret: string): boolean; secureCookie: boolean }
  | { mode: "proxy"; header: string; trustedProxies: readonly string[] };

const COOKIE = "incidentkit_session";
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const SESSION = "session";

/** Guards `paths` with `auth`, and (for `token`) serves `/sign-in` and `/sign-out`. */
export function signInRoutes(
  app: Hono,
  auth: WebAuth,
  deps: { signer: Signer; clock: Clock; paths: readonly string[]; allowedOrigins: readonly string[] },
): void {
  const { signer, clock } = deps;
  const guard: MiddlewareHandler = async (c, next) => {
    if (auth.mode === "proxy") {
      const user = c.req.header(auth.header)?.trim();
      if (user && auth.trustedProxies.includes(remoteAddress(c) ?? "")) return next();
      return c.text(
        "Sign-in is done by the proxy in front of this hub, and this request did not come through it.",
        401,
      );
    }
    const session = signer.open(SESSION, getCookie(c, COOKIE) ?? "") as { until?: number } | undefined;
    if (typeof session?.until === "number" && session.until > clock.now()) return next();
    if (c.req.method === "GET") return c.redirect(`/sign-in?next=${encodeURIComponent(pathOf(c))}`, 303);
    return c.text("Sign in first: /sign-in", 401);
  };
  for (const path of deps.paths) app.use(path, guard);
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
    setCookie(c, COOKIE, signer.seal(SESSION, { until: clock.now() + SESSION_TTL_MS }), {
      httpOnly: true,
      sameSite: "Strict",
      secure: auth.secureCookie,
      path: "/",
      maxAge: SESSION_TTL_MS / 1000,
    });
    return c.redirect(next, 303);
  });
  app.post("/sign-out", (c) => {
    deleteCookie(c, COOKIE, { path: "/" });
    return c.redirect("/sign-in", 303);
  });
}

/** Where the request came from: its TCP peer's address; undefined in process (tests, embedders). */
function remoteAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

function pathOf(c: Context): string {
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
}

/** A path on this hub to go back to after signing in: never another site (`//evil`, `https://…`). */
function localPath(next: string | undefined): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}
