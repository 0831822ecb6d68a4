import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { newId } from "../../shared/ids.js";

/** Where the emulator delivers webhooks, and the secret it signs them with (shown only when registered). */
export interface WebhookEndpoint {
  id: string;
  url: string;
  secret: string;
  created_at: string;
}

/** An endpoint as listed: the secret is never shown again after registration. */
export type ListedEndpoint = Omit<WebhookEndpoint, "secret">;

export interface EndpointInput {
  url: string;
  /** `whsec_` followed by base64; generated when left out. */
  secret?: string | undefined;
}

/** A new signing secret in the Standard Webhooks form incident.io's Svix endpoints use: `whsec_` + 24 random bytes. */
export function generateSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/** Why a URL cannot be an endpoint, or undefined when it can. */
export function endpointUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL; give an absolute http:// or https:// URL.`;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return `webhook URLs must be http:// or https://, got "${parsed.protocol}".`;
  }
  return undefined;
}

/** Why a secret cannot sign webhooks, or undefined when it can. Never repeats the secret. */
export function secretProblem(secret: string): string | undefined {
  if (!secret.startsWith("whsec_")) return 'the secret must start with "whsec_" followed by base64.';
  const encoded = secret.slice("whsec_".length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
    return 'the secret after "whsec_" must be base64.';
  }
  try {
    new Webhook(secret);
  } catch {
    return 'the secret after "whsec_" must be base64 of at least one byte.';
  }
  return undefined;
}

/** The endpoints webhooks go to, in memory: registered at start or at run time, gone when the emulator stops. */
export class EndpointRegistry {
  private readonly endpoints = new Map<string, WebhookEndpoint>();

  constructor(private readonly now: () => number) {}

  /** Registers an endpoint; throws with a plain reason when the URL or secret is unusable. */
  add(input: EndpointInput): WebhookEndpoint {
    const problem = endpointUrlProblem(input.url) ?? (input.secret ? secretProblem(input.secret) : undefined);
    if (problem) throw new Error(problem);
    const at = this.now();
    const endpoint: WebhookEndpoint = {
      id: newId(at),
      url: input.url,
      secret: input.secret ?? generateSecret(),
      created_at: new Date(at).toISOString(),
    };
    this.endpoints.set(endpoint.id, endpoint);
    return { ...endpoint };
  }

  remove(id: string): boolean {
    return this.endpoints.delete(id);
  }

  list(): ListedEndpoint[] {
    return [...this.endpoints.values()].map(({ secret: _secret, ...listed }) => listed);
  }

  /** With secrets, for the sender only. */
  active(): readonly WebhookEndpoint[] {
    return [...this.endpoints.values()];
  }

  get size(): number {
    return this.endpoints.size;
  }
}
