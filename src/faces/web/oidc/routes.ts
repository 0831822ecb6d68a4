import type { Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import * as client from "openid-client";
import type { Clock } from "../../../shared/clock.js";
import type { Signer } from "../csrf.js";
import { html } from "../layout.js";
import { localPath } from "../local-path.js";
import { groupsThatCount, type PrivateIncidentsPolicy } from "../private-access.js";
import { PAGE_HEADERS, sendPage } from "../respond.js";
import { SESSION_TTL_MS, startSession } from "../session.js";
import { signOutRoute } from "../sign-out.js";
import { type AllowPolicy, emailVerified, groupsOf, judge, needsMoreClaims, personLabel } from "./allow.js";
import { describe, type OidcIssuer } from "./issuer.js";
import {
  ContinuePage,
  RefusedPage,
  SignedOutPage,
  SignInFailedPage,
  SignInUnavailablePage,
} from "./pages.js";

/** `auth: { mode: oidc }` for the UI: the provider, where it sends people back to, and who may come in. */
export interface OidcSignIn {
  issuer: OidcIssuer;
  /** The issuer's URL, to name the provider on pages. */
  issuerUrl: string;
  /** `<public_url>/sign-in/callback`, as registered at the provider. */
  redirectUri: string;
  scopes: readonly string[];
  policy: AllowPolicy;
  /** Who of those let in may see private incidents; absent: nobody. */
  privateIncidents?: PrivateIncidentsPolicy;
  /** Whether cookies are `Secure` (the hub's public URL is https). */
  secureCookie: boolean;
}

/** The sign-in under way in this browser: what the callback must see again, and where to go after. */
interface Flow {
  state: string;
  nonce: string;
  /** PKCE's secret half: only this browser's callback can redeem the code the provider sends back. */
  verifier: string;
  next: string;
  until: number;
}

const FLOW_COOKIE = "incidentkit_oidc";
const FLOW_PURPOSE = "oidc flow";
/** Time to sign in at the provider. */
const FLOW_TTL_MS = 10 * 60 * 1000;
/** Sent only to `/sign-in` and `/sign-in/callback`. */
const FLOW_PATH = "/sign-in";

/**
 * `/sign-in` (to the provider, with PKCE, state and nonce), `/sign-in/callback` (the code redeemed, the ID token
 * checked, the person let in or told why not) and `/sign-out`. Nothing is kept on the server: the flow rides in a
 * signed cookie, so any hub on the database may take the callback.
 */
export function oidcRoutes(
  app: Hono,
  auth: OidcSignIn,
  deps: {
    signer: Signer;
    clock: Clock;
    /** Origins besides the request's own that may post sign-out (the public URL behind a proxy). */
    allowedOrigins: readonly string[];
    onError?: (error: Error, c?: Context) => void;
  },
): void {
  const { signer, clock } = deps;
  const provider = new URL(auth.issuerUrl).host;
  // The groups claim is wanted for private incidents too, when their policy names groups.
  const claimsWanted: AllowPolicy = {
    ...auth.policy,
    groups: [...auth.policy.groups, ...(auth.privateIncidents?.groups ?? [])],
  };
  const unavailable = (c: Context, problem: string) => {
    c.header("retry-after", "10");
    return sendPage(c, SignInUnavailablePage({ problem }), 503);
  };
  const failed = (c: Context, problem: string, status: 400 | 403 | 502) =>
    sendPage(c, SignInFailedPage({ problem }), status);

  app.get("/sign-in", async (c) => {
    const issuer = auth.issuer.current();
    if (!issuer.ready) return unavailable(c, issuer.problem);
    const flow: Flow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      next: localPath(c.req.query("next")),
      until: clock.now() + FLOW_TTL_MS,
    };
    const url = client.buildAuthorizationUrl(issuer.config, {
      redirect_uri: auth.redirectUri,
      scope: auth.scopes.join(" "),
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: "S256",
      // From the refused page: another account, not the one the provider remembers.
      ...(c.req.query("prompt") === "login" ? { prompt: "login" } : {}),
    });
    // SameSite=Lax, unlike the session: the provider's redirect back is a navigation from its site, and a Strict
    // cookie would not come with it. Lax cookies do come with top-level GET navigations, and this one is good for
    // one sign-in only, for ten minutes.
    setCookie(c, FLOW_COOKIE, signer.seal(FLOW_PURPOSE, flow), {
      httpOnly: true,
      sameSite: "Lax",
      secure: auth.secureCookie,
      path: FLOW_PATH,
      maxAge: FLOW_TTL_MS / 1000,
    });
    return c.redirect(url.href, 303);
  });

  app.get("/sign-in/callback", async (c) => {
    const flow = flowOf(signer.open(FLOW_PURPOSE, getCookie(c, FLOW_COOKIE) ?? ""));
    // Once only: the same callback again (a replay, the back button) finds no flow.
    deleteCookie(c, FLOW_COOKIE, { path: FLOW_PATH, secure: auth.secureCookie, httpOnly: true });
    if (flow === undefined || flow.until <= clock.now()) {
      return failed(
        c,
        "This sign-in was not started in this browser, took longer than ten minutes, or was already used.",
        400,
      );
    }
    const issuer = auth.issuer.current();
    if (!issuer.ready) return unavailable(c, issuer.problem);
    // The address the provider sent the person to, whatever the proxy in front of the hub made of it.
    const current = new URL(auth.redirectUri);
    current.search = new URL(c.req.url).search;
    let claims: Record<string, unknown>;
    let subject: string;
    try {
      const tokens = await client.authorizationCodeGrant(issuer.config, current, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (idToken === undefined) return failed(c, "The provider sent no ID token.", 502);
      subject = idToken.sub;
      claims = { ...idToken };
      // Providers put fewer claims in the ID token when they also issue an access token: ask userinfo for the rest.
      if (needsMoreClaims(claims, claimsWanted) && issuer.config.serverMetadata().userinfo_endpoint) {
        const info = await client.fetchUserInfo(issuer.config, tokens.access_token, subject);
        claims = { ...info, ...idToken };
      }
    } catch (error) {
      const { problem, status } = failureOf(error);
      if (status === 502) deps.onError?.(new Error(`sign-in: ${problem}`), c);
      return failed(c, problem, status);
    }
    const verdict = judge(claims, auth.policy);
    const who = personLabel(verdict.person, subject);
    if (!verdict.allowed) return sendPage(c, RefusedPage({ who, provider, why: verdict.why }), 403);
    startSession(
      c,
      signer,
      {
        until: clock.now() + SESSION_TTL_MS,
        via: "oidc",
        ...verdict.person,
        emailVerified: emailVerified(claims),
        groups: groupsThatCount(auth.privateIncidents, groupsOf(claims[auth.policy.groupsClaim])),
      },
      auth.secureCookie,
    );
    return c.html(await html(ContinuePage({ next: flow.next, who })), 200, PAGE_HEADERS);
  });

  signOutRoute(app, deps.allowedOrigins, (c) => sendPage(c, SignedOutPage({ provider })));
}

function flowOf(value: unknown): Flow | undefined {
  const flow = value as Partial<Flow> | undefined;
  const texts = [flow?.state, flow?.nonce, flow?.verifier, flow?.next];
  return texts.every((text) => typeof text === "string") && typeof flow?.until === "number"
    ? (flow as Flow)
    : undefined;
}

/** What went wrong at the callback, for the person: their fault, the provider's refusal, or an unreachable provider. */
function failureOf(error: unknown): { problem: string; status: 400 | 403 | 502 } {
  if (error instanceof client.AuthorizationResponseError) {
    const detail = error.error_description ? `: ${error.error_description}` : "";
    return { problem: `The provider did not sign you in (${error.error}${detail}).`, status: 403 };
  }
  if (error instanceof client.ResponseBodyError) {
    const detail = error.error_description ? `: ${error.error_description}` : "";
    return {
      problem: `The provider refused this sign-in's code (${error.error}${detail}): it was already used, has expired, or was not issued to this browser.`,
      status: 400,
    };
  }
  if (error instanceof client.ClientError) {
    return { problem: `The provider's answer did not check out: ${error.message}.`, status: 400 };
  }
  return {
    problem: `The hub could not complete sign-in with the provider (${describe(error)}).`,
    status: 502,
  };
}
