/**
 * A real OpenID Connect provider for the tests: panva's `oidc-provider` (the certified implementation), in process
 * on a loopback port, with one confidential client and a few people. Its login and consent screens are replaced by
 * one page with a button that signs in whoever the test chose (`signInAs`) and grants what was asked; everything
 * else (discovery, PKCE, codes, signed ID tokens, userinfo, sessions) is the provider's own.
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Account } from "oidc-provider";

export const CLIENT_ID = "incidentkit-hub";
export const CLIENT_SECRET = "test-client-secret-0123456789abcdef";

/** The provider's people, by account ID: their claims, as a directory (Okta, Keycloak, Dex) would give them. */
export const PEOPLE = {
  /** At the allowed domain. */
  ana: { email: "ana@example.com", email_verified: true, name: "Ana Lima", groups: ["engineering"] },
  /** At another domain, in the allowed group. */
  gus: { email: "gus@partner.example", email_verified: true, name: "Gus Moreau", groups: ["sre"] },
  /** At another domain, in no allowed group. */
  bob: { email: "bob@other.example", email_verified: true, name: "Bob Stone", groups: ["sales"] },
  /** Claims an allowed domain's address the provider has not verified. */
  eve: { email: "eve@example.com", email_verified: false, name: "Eve", groups: [] },
  /** At another domain, in the allowed group and a security group (private incidents by group). */
  sia: {
    email: "sia@partner.example",
    email_verified: true,
    name: "Sia Park",
    groups: ["sre", "security"],
  },
  /** In the allowed group, with an email the provider has not verified. */
  vic: { email: "vic@partner.example", email_verified: false, name: "Vic Hale", groups: ["sre"] },
} as const;

export type PersonId = keyof typeof PEOPLE;

export interface TestOidcProvider {
  /** The issuer, `http://127.0.0.1:<port>`. */
  issuer: string;
  /** Who the next sign-in at the provider is. */
  signInAs(person: PersonId): void;
  close(): Promise<void>;
}

/**
 * Starts the provider on `port` (0: any free one) for a client whose redirect URIs are `redirectUris`. PKCE is
 * required of every client, as strict providers do, so a hub that did not send it could not sign anyone in.
 */
export async function startOidcProvider(redirectUris: string[], port = 0): Promise<TestOidcProvider> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server: Server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A signing key of its own: the hub checks ID tokens against the keys the provider publishes.
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  let person: PersonId = "ana";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), alg: "RS256", use: "sig", kid: "test" }] },
    cookies: { keys: ["test-cookie-key-0123456789"] },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
      groups: ["groups"],
    },
    findAccount: (_ctx, id): Account | undefined => {
      const claims = PEOPLE[id as PersonId];
      return claims ? { accountId: id, claims: () => ({ sub: id, ...claims }) } : undefined;
    },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    // Set, so the provider does not print a notice for each default it uses.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  const callback = provider.callback();
  handle = (req, res) => {
    if (!req.url?.startsWith("/interaction/")) return callback(req, res);
    void interact(provider, req, res, person).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  };
  return {
    issuer,
    signInAs(next) {
      person = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The login screen: a page with a button (a person signing in clicks it, on the provider's site), then `person`
 * is signed in and grants every scope asked for.
 */
async function interact(provider: Provider, req: IncomingMessage, res: ServerResponse, person: PersonId) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === "GET") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      `<!DOCTYPE html><title>Sign in</title><form method="post"><button type="submit" id="sign-in">Sign in as ${person}</button></form>`,
    );
    return;
  }
  const grant = new provider.Grant({ accountId: person, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope));
  await provider.interactionFinished(req, res, {
    login: { accountId: person },
    consent: { grantId: await grant.save() },
  });
}
