import { z } from "zod";
import { isLoopbackHost } from "../shared/loopback.js";
import {
  type PrivateIncidentsAccess,
  PrivateIncidentsSchema,
  privateIncidentsFrom,
} from "./private-incidents-config.js";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A scope token as OAuth 2.0 defines it: printable ASCII without space, `"` or `\`. */
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** What the hub asks the provider for unless `scopes` says otherwise: who the person is and their email. */
export const DEFAULT_OIDC_SCOPES = ["openid", "email", "profile"] as const;
/** The claim holding a person's groups unless `groups_claim` names another (Okta, Keycloak, Dex use this one). */
export const DEFAULT_GROUPS_CLAIM = "groups";
/** Where the provider sends people back to, under the hub's `public_url`. */
export const OIDC_CALLBACK_PATH = "/sign-in/callback";

/**
 * `auth: { mode: oidc, … }` in hub.yaml: sign-in at an OpenID Connect provider. The client secret is named by the
 * variable holding it; who may come in is said by `allowed_domains` (the email's domain), `allowed_groups` (the
 * groups claim), or both (either lets a person in).
 */
export const OidcAuthSchema = z
  .strictObject({
    mode: z.literal("oidc"),
    issuer: z
      .url({
        protocol: /^https?$/,
        error: "must be the provider's issuer URL, e.g. https://accounts.google.com",
      })
      .refine((text) => {
        const url = new URL(text);
        return url.protocol === "https:" || isLoopbackHost(url.hostname);
      }, "must be an https:// address: the hub trusts what the issuer's discovery document and keys say")
      .refine((text) => {
        const url = new URL(text);
        return url.search === "" && url.hash === "";
      }, "must be the issuer URL without a query or fragment, as the provider's discovery document spells it"),
    client_id: z.string().trim().min(1, "must be the client ID the provider gave the hub's application"),
    client_secret_env: z
      .string()
      .regex(ENV_NAME, "must be an environment variable name, e.g. OIDC_CLIENT_SECRET"),
    allowed_domains: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .regex(
            DOMAIN,
            "must be an email domain, e.g. example.com (people whose verified email is @example.com)",
          ),
        { error: "must list email domains, e.g. [example.com]" },
      )
      .min(1, "must list at least one domain, or leave the setting out")
      .optional(),
    allowed_groups: z
      .array(z.string().trim().min(1, "must not be blank: name a group, e.g. sre"), {
        error: "must list group names as the provider's groups claim spells them, e.g. [sre]",
      })
      .min(1, "must list at least one group, or leave the setting out")
      .optional(),
    groups_claim: z
      .string()
      .trim()
      .min(1, "must name the ID token or userinfo claim listing a person's groups, e.g. groups")
      .default(DEFAULT_GROUPS_CLAIM),
    scopes: z
      .array(z.string().regex(SCOPE, "must be a scope name, e.g. groups"), {
        error: "must list scope names, e.g. [openid, email, profile, groups]",
      })
      .refine((scopes) => scopes.includes("openid"), "must include openid: without it there is no ID token")
      .optional(),
    private_incidents: PrivateIncidentsSchema.optional(),
  })
  .superRefine((section, ctx) => {
    if (section.allowed_domains === undefined && section.allowed_groups === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["mode"],
        message:
          "say who may sign in: add allowed_domains: [example.com] (people with a verified email there), allowed_groups: [sre] (members of a group in the provider's groups claim), or both",
      });
    }
  });

export type OidcAuthSection = z.output<typeof OidcAuthSchema>;

/** `auth: { mode: oidc }` checked, with its secret read. The secret is never printed. */
export interface HubOidcAuth {
  mode: "oidc";
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The variable the secret was read from, for messages. */
  clientSecretEnv: string;
  /** `<public_url>/sign-in/callback`: register it at the provider as the application's redirect URI. */
  redirectUri: string;
  /** Lower-case email domains whose people may sign in; empty: none by domain. */
  allowedDomains: string[];
  /** Groups whose members may sign in; empty: none by group. */
  allowedGroups: string[];
  groupsClaim: string;
  scopes: string[];
  /** Who of those let in may see private incidents; absent: nobody. */
  privateIncidents?: PrivateIncidentsAccess;
}

/** A setting that cannot be used: where (under `auth`, or `public_url`) and what to do about it. */
export interface OidcSettingProblem {
  path: string[];
  problem: string;
}

/** The section with its secret, or the setting at fault: `public_url` is needed for the redirect URI. */
export function oidcAuthFrom(
  section: OidcAuthSection,
  env: Readonly<Record<string, string | undefined>>,
  publicUrl: string | undefined,
): HubOidcAuth | OidcSettingProblem {
  if (publicUrl === undefined) {
    return {
      path: ["public_url"],
      problem: `oidc sign-in needs public_url: the provider sends people back to <public_url>${OIDC_CALLBACK_PATH}. Add public_url: https://incidentkit.example.com (the address people open the hub at), and register that address followed by ${OIDC_CALLBACK_PATH} as the application's redirect URI at the provider`,
    };
  }
  const clientSecret = env[section.client_secret_env]?.trim();
  if (!clientSecret) {
    return {
      path: ["auth", "client_secret_env"],
      problem: `${section.client_secret_env} is not set: set it to the client secret the provider gave the hub's application`,
    };
  }
  return {
    mode: "oidc",
    issuer: section.issuer,
    clientId: section.client_id,
    clientSecret,
    clientSecretEnv: section.client_secret_env,
    redirectUri: `${new URL(publicUrl).origin}${OIDC_CALLBACK_PATH}`,
    allowedDomains: section.allowed_domains ?? [],
    allowedGroups: section.allowed_groups ?? [],
    groupsClaim: section.groups_claim,
    scopes: section.scopes ?? [...DEFAULT_OIDC_SCOPES],
    ...privateIncidentsFrom(section.private_incidents),
  };
}
