import * as client from "openid-client";
import { backoffMs } from "../../../shared/backoff.js";
import { isLoopbackHost } from "../../../shared/loopback.js";

/** How long the hub waits for the provider (discovery, token exchange, userinfo), in seconds. */
const PROVIDER_TIMEOUT_S = 10;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

export interface IssuerSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface IssuerOptions {
  /** Told once, at the first failed discovery, what failed and how to fix it (the hub's log). */
  onError?: (error: Error) => void;
  /** The first wait before retrying discovery, doubled at each failure up to a minute; default 1 s. */
  firstRetryMs?: number;
}

/** The provider's configuration once discovered, or why sign-in cannot happen yet. */
export type IssuerState = { ready: true; config: client.Configuration } | { ready: false; problem: string };

/**
 * The OpenID Connect provider, as its discovery document describes it. Discovery runs in the background: a
 * provider that is down or misnamed when the hub starts must not stop the hub (alerts must still flow), so until
 * it answers, sign-in says why it cannot happen (503) and discovery is retried, waiting twice as long each time.
 */
export class OidcIssuer {
  private state: IssuerState;
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private closed = false;
  private failures = 0;

  constructor(
    private readonly settings: IssuerSettings,
    private readonly options: IssuerOptions = {},
  ) {
    this.state = {
      ready: false,
      problem: `the hub is reading ${this.discoveryUrl()}: try again in a moment`,
    };
  }

  /** Starts discovery (once); later calls do nothing. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    void this.attempt();
  }

  /** Stops retrying. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  /** Where things stand; starts discovery when nothing has yet (a UI used without the hub's `start`). */
  current(): IssuerState {
    this.start();
    return this.state;
  }

  private discoveryUrl(): string {
    return `${this.settings.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  }

  private async attempt(): Promise<void> {
    try {
      this.state = { ready: true, config: await this.discover() };
    } catch (error) {
      if (this.closed) return;
      const reason = describe(error);
      this.state = {
        ready: false,
        problem: `the hub cannot read the sign-in provider's configuration at ${this.discoveryUrl()} (${reason}); it keeps trying`,
      };
      if (this.failures === 0) {
        this.options.onError?.(
          new Error(
            `sign-in: cannot read the OpenID Connect provider's configuration at ${this.discoveryUrl()}: ${reason}. The web UI answers 503 until it can; retrying. Fix: check auth.issuer in hub.yaml (the provider's issuer URL, exactly as its discovery document spells it) and that this machine can reach it`,
          ),
        );
      }
      // One hub waiting on its own provider: no crowd to spread out, so no jitter.
      const baseMs = this.options.firstRetryMs ?? FIRST_RETRY_MS;
      const wait = backoffMs(this.failures + 1, { baseMs, capMs: MAX_RETRY_MS, jitter: "none" });
      this.failures += 1;
      this.timer = setTimeout(() => void this.attempt(), wait);
      this.timer.unref();
    }
  }

  private async discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    // Plain http only for a provider on this machine (tests, a local Dex): the config refuses it elsewhere.
    const insecure = new URL(issuer).protocol === "http:" && isLoopbackHost(new URL(issuer).hostname);
    const discovered = await client.discovery(new URL(issuer), clientId, undefined, undefined, {
      timeout: PROVIDER_TIMEOUT_S,
      ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
    });
    const metadata = discovered.serverMetadata();
    // client_secret_basic is the standard's default; some providers take the secret only in the form body.
    const methods = metadata.token_endpoint_auth_methods_supported;
    const auth =
      methods !== undefined &&
      !methods.includes("client_secret_basic") &&
      methods.includes("client_secret_post")
        ? client.ClientSecretPost(clientSecret)
        : client.ClientSecretBasic(clientSecret);
    const config = new client.Configuration(metadata, clientId, clientSecret, auth);
    config.timeout = PROVIDER_TIMEOUT_S;
    if (insecure) client.allowInsecureRequests(config);
    // The ID token's signature is checked against the provider's published keys (JWKS), not only trusted for
    // arriving over TLS from the token endpoint.
    client.enableNonRepudiationChecks(config);
    return config;
  }
}

/** A failure in words: the network's error code, or the library's message. */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail =
    typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : "";
  return detail && !error.message.includes(detail) ? `${error.message}: ${detail}` : error.message;
}
