import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Signer } from "./csrf.js";

/** The cookie holding a signed-in person's session. */
export const SESSION_COOKIE = "incidentkit_session";
/**
 * How long a session lasts: a working day. For OpenID Connect it does not follow the ID token's expiry, which
 * (an hour at Google, Okta and Entra ID) says how long the token may be presented, not how long the person who
 * signed in with it may stay: following it would send everyone back through the provider every hour, losing the
 * form they were filling in. A person removed at the provider keeps access until their session ends.
 */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const PURPOSE = "session";

/**
 * What the session cookie holds: until when, how the person signed in, and (for oidc) who they are and what counts
 * towards seeing private incidents.
 */
export interface Session {
  until: number;
  /** Absent in sessions made before oidc existed: those are token sessions. */
  via?: "token" | "oidc";
  email?: string;
  name?: string;
  /** oidc: whether the provider verified `email`; absent (older sessions): not verified. */
  emailVerified?: boolean;
  /** oidc: the person's groups that `auth.private_incidents` names, as the provider listed them at sign-in. */
  groups?: string[];
}

/** The request's session when it is signed here, unexpired, and made by `via`; undefined otherwise. */
export function readSession(
  c: Context,
  signer: Signer,
  via: "token" | "oidc",
  now: number,
): Session | undefined {
  const session = signer.open(PURPOSE, getCookie(c, SESSION_COOKIE) ?? "") as Partial<Session> | undefined;
  if (typeof session?.until !== "number" || session.until <= now) return undefined;
  // A hub switched from token to oidc sign-in must not keep letting in the admin token's sessions.
  if ((session.via ?? "token") !== via) return undefined;
  return session as Session;
}

/**
 * Sets the session cookie: signed, HTTP-only, and `SameSite=Strict`, so no other site can make a browser send it
 * (the declare form's other defence against cross-site requests). Strict also means it is not sent on a navigation
 * that arrives from another site, the provider's redirect back included: oidc sign-in ends on a page of the hub's
 * own that moves on (see `ContinuePage`).
 */
export function startSession(c: Context, signer: Signer, session: Session, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, signer.seal(PURPOSE, session), {
    httpOnly: true,
    sameSite: "Strict",
    secure,
    path: "/",
    // Every session is made to last `SESSION_TTL_MS` from its start; `until` is what is checked.
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export function endSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}
