import { backoffMs } from "../shared/backoff.js";
import { type Clock, systemClock } from "../shared/clock.js";
import type { TokenBucketOptions } from "../shared/token-bucket.js";
import { apiErrorFromResponse } from "./api-error.js";
import { checkBaseUrl } from "./base-url.js";
import {
  ConfigError,
  IncidentIoTransportError,
  type IncidentKitError,
  InvalidResponseError,
  RateLimitWaitError,
} from "./errors.js";
import { encodeQuery, type QueryObject } from "./query.js";
import { INCIDENT_IO_RATE_LIMIT, type RateGate, type RateGates, sharedRateLimiter } from "./rate-limiter.js";
import { redact, redactValue } from "./redact.js";
import { mayRetry, parseRetryAfter, retryAfterFromBody } from "./retry.js";

/** One attempt at one request, as seen by a `debug`/`onEvent` hook. Never carries the key or auth header. */
export interface RequestEvent {
  method: string;
  /** The full URL, query included. */
  url: string;
  /** The HTTP status, when an answer arrived. */
  status?: number;
  /** 1 for the first try, 2 for the first retry… */
  attempt: number;
  durationMs: number;
  requestId?: string;
  /** Set when another attempt follows after this many milliseconds. */
  retryInMs?: number;
  /** The (redacted) error message, when the attempt failed. */
  error?: string;
  /** Redacted bodies, only when `eventBodies` is on. */
  requestBody?: unknown;
  responseBody?: unknown;
}

export interface TransportOptions {
  apiKey: string;
  /** Default https://api.incident.io; https only, except http on loopback. */
  baseUrl?: string;
  /** Client-side pacing; default incident.io's 1200 burst, 20/s. `false` turns it off. */
  rateLimit?: TokenBucketOptions | false;
  /** Where the pacing budget lives when several processes use the key (e.g. hubs sharing a database). */
  rateGates?: RateGates;
  /** Retries after the first attempt; default 4. */
  maxRetries?: number;
  /**
   * Longest single wait between attempts; default 30 s. A Retry-After beyond it fails the request at once.
   */
  maxRetryDelayMs?: number;
  /**
   * Longest a request waits for the pause a 429 put on the key before failing at once (`RateLimitWaitError`,
   * saying when to retry), for callers with a deadline of their own; default: it waits the pause out.
   */
  maxPauseWaitMs?: number;
  /** Per-attempt timeout; default 30 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  clock?: Clock;
  /** In [0, 1): the jitter source. */
  random?: () => number;
  onEvent?: (event: RequestEvent) => void;
  /** Put (redacted) request and response bodies into events. */
  eventBodies?: boolean;
}

export interface RequestOptions {
  query?: QueryObject;
  body?: unknown;
  /** This write may be repeated safely (a create carrying an `idempotency_key`): retry it on 5xx and timeouts too. */
  idempotent?: boolean;
  /**
   * Sent as `Authorization: Bearer …` instead of the API key, and redacted like it: alert events authenticate with
   * their alert source's own secret.
   */
  bearerToken?: string;
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
  requestId?: string;
  headers: Headers;
}

const BACKOFF_BASE_MS = 500;
const USER_AGENT = "incidentkit";

type Attempt =
  | { ok: true; response: TransportResponse; durationMs: number }
  | {
      ok: false;
      error: IncidentKitError;
      status?: number;
      retryAfterMs?: number;
      durationMs: number;
      body?: unknown;
    };

/** The only place that sends HTTP to incident.io: auth, pacing, timeouts, retries, typed errors, redaction. */
export class Transport {
  readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly limiter: RateGate | undefined;
  private readonly maxRetries: number;
  private readonly maxRetryDelayMs: number;
  private readonly maxPauseWaitMs: number;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly onEvent: ((event: RequestEvent) => void) | undefined;
  private readonly eventBodies: boolean;

  constructor(options: TransportOptions) {
    if (typeof options.apiKey !== "string" || options.apiKey.trim() === "") {
      throw new ConfigError(
        "apiKey",
        "no incident.io API key was given",
        "set INCIDENT_IO_API_KEY or pass apiKey",
      );
    }
    // A key with spaces or control characters cannot go in a header, and fetch would echo it in its error.
    if (!/^[\x21-\x7e]+$/.test(options.apiKey)) {
      throw new ConfigError(
        "apiKey",
        "the API key contains characters an API key cannot have",
        "copy the key again",
      );
    }
    this.apiKey = options.apiKey;
    this.baseUrl = checkBaseUrl(options.baseUrl);
    this.clock = options.clock ?? systemClock;
    this.limiter =
      options.rateLimit === false
        ? undefined
        : sharedRateLimiter(
            this.apiKey,
            this.baseUrl,
            options.rateLimit ?? INCIDENT_IO_RATE_LIMIT,
            this.clock,
            options.rateGates,
          );
    this.maxRetries = nonNegative("maxRetries", options.maxRetries ?? 4);
    this.maxRetryDelayMs = nonNegative("maxRetryDelayMs", options.maxRetryDelayMs ?? 30_000);
    this.maxPauseWaitMs =
      options.maxPauseWaitMs === undefined
        ? Number.POSITIVE_INFINITY
        : nonNegative("maxPauseWaitMs", options.maxPauseWaitMs);
    this.timeoutMs = nonNegative("timeoutMs", options.timeoutMs ?? 30_000);
    this.fetchFn = options.fetch ?? fetch;
    this.random = options.random ?? Math.random;
    this.onEvent = options.onEvent;
    this.eventBodies = options.eventBodies ?? false;
  }

  /** Text with this client's key and any token-looking strings removed. */
  redact(text: string): string {
    return redact(text, [this.apiKey]);
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<TransportResponse> {
    const verb = method.toUpperCase();
    const cleanPath = path.startsWith("/") ? path : `/${path}`;
    const query = encodeQuery(options.query);
    const url = `${this.baseUrl}${cleanPath}${query ? (cleanPath.includes("?") ? "&" : "?") + query : ""}`;
    const pathOnly = cleanPath.split("?")[0] ?? cleanPath;
    const secrets = options.bearerToken ? [this.apiKey, options.bearerToken] : [this.apiKey];
    for (let attempt = 1; ; attempt++) {
      if (this.limiter) {
        const paused = this.limiter.pausedForMs?.() ?? 0;
        if (paused > this.maxPauseWaitMs) throw new RateLimitWaitError(paused, this.maxPauseWaitMs);
        await this.limiter.acquire(options.signal);
      }
      const result = await this.attempt(verb, url, pathOnly, options, secrets);
      const event: RequestEvent = {
        method: verb,
        url: redact(url, secrets),
        attempt,
        durationMs: result.durationMs,
      };
      if (this.eventBodies && options.body !== undefined)
        event.requestBody = redactValue(options.body, secrets);
      if (result.ok) {
        event.status = result.response.status;
        if (result.response.requestId) event.requestId = result.response.requestId;
        if (this.eventBodies) event.responseBody = redactValue(result.response.body, secrets);
        this.emit(event);
        return result.response;
      }
      if (result.status !== undefined) event.status = result.status;
      const requestId = (result.error as { requestId?: string }).requestId;
      if (requestId) event.requestId = requestId;
      event.error = redact(result.error.message, secrets);
      if (this.eventBodies && result.body !== undefined)
        event.responseBody = redactValue(result.body, secrets);
      const failure = result.status !== undefined ? { status: result.status } : ({ network: true } as const);
      // Retrying sooner than the server asked only earns another refusal: past the cap, fail now instead.
      const wait =
        result.retryAfterMs ??
        backoffMs(
          attempt,
          { baseMs: BACKOFF_BASE_MS, capMs: this.maxRetryDelayMs, jitter: "full" },
          this.random,
        );
      const retry =
        result.error.code !== "invalid_response" &&
        attempt <= this.maxRetries &&
        wait <= this.maxRetryDelayMs &&
        mayRetry(verb, options.idempotent ?? false, failure);
      // incident.io counts per key: after a 429 nobody sharing this key should send until it has passed. A request
      // sent with another token (an alert source's) was not counted against the key.
      if (result.status === 429 && !options.bearerToken) this.limiter?.pause(wait);
      if (!retry) {
        this.emit(event);
        throw result.error;
      }
      event.retryInMs = wait;
      this.emit(event);
      await this.clock.sleep(wait, options.signal);
    }
  }

  private emit(event: RequestEvent): void {
    try {
      this.onEvent?.(event);
    } catch {
      // A broken debug hook must not break the request it observes.
    }
  }

  private async attempt(
    method: string,
    url: string,
    path: string,
    options: RequestOptions,
    secrets: readonly string[],
  ): Promise<Attempt> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    const headers: Record<string, string> = {
      authorization: `Bearer ${options.bearerToken ?? this.apiKey}`,
      accept: "application/json",
      "user-agent": USER_AGENT,
    };
    const init: RequestInit = { method, headers, signal };
    if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      init.body = JSON.stringify(options.body);
    }
    const started = this.clock.now();
    let response: Response;
    let text: string;
    try {
      response = await this.fetchFn(url, init);
      text = method === "HEAD" ? "" : await response.text();
    } catch (error) {
      const durationMs = this.clock.now() - started;
      if (options.signal?.aborted) throw options.signal.reason;
      const shownUrl = redact(url, secrets);
      if (timeout.aborted) {
        return {
          ok: false,
          durationMs,
          error: new IncidentIoTransportError({
            code: "timeout",
            message: `${method} ${shownUrl} got no answer within ${this.timeoutMs} ms`,
            hint: "incident.io (or the network) is slow; retry, or raise timeoutMs",
            retryable: true,
            method,
            url: shownUrl,
          }),
        };
      }
      return {
        ok: false,
        durationMs,
        error: new IncidentIoTransportError({
          code: "network",
          message: `${method} ${shownUrl} failed: ${redact(networkReason(error), secrets)}`,
          hint: "check the network and the base URL, then retry",
          retryable: true,
          method,
          url: shownUrl,
        }),
      };
    }
    const durationMs = this.clock.now() - started;
    let body: unknown = text;
    let isJson = false;
    if (text.trim() !== "") {
      try {
        body = JSON.parse(text);
        isJson = true;
      } catch {
        // Kept as text: proxies answer errors in HTML.
      }
    } else {
      body = undefined;
    }
    const requestIdHeader = response.headers.get("x-request-id") ?? undefined;
    const bodyRequestId =
      isJson && body !== null && typeof body === "object"
        ? (body as { request_id?: unknown }).request_id
        : undefined;
    const requestId = typeof bodyRequestId === "string" ? bodyRequestId : requestIdHeader;
    if (response.ok) {
      if (body !== undefined && !isJson) {
        return {
          ok: false,
          durationMs,
          status: response.status,
          error: new InvalidResponseError({
            message: `${method} ${redact(url, secrets)} answered ${response.status} with a body that is not JSON`,
            path: "(body)",
            ...(requestId ? { requestId } : {}),
          }),
        };
      }
      return {
        ok: true,
        durationMs,
        response: {
          status: response.status,
          body,
          headers: response.headers,
          ...(requestId ? { requestId } : {}),
        },
      };
    }
    const now = this.clock.now();
    const retryAfterMs =
      parseRetryAfter(response.headers.get("retry-after"), now) ??
      (response.status === 429 ? retryAfterFromBody(body, now) : undefined);
    const error = apiErrorFromResponse({
      status: response.status,
      body,
      requestIdHeader: requestId ?? null,
      method,
      url: redact(url, secrets),
      path,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      secrets,
    });
    return {
      ok: false,
      durationMs,
      status: response.status,
      error,
      body,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigError(name, `${name} must be a number ≥ 0, got ${value}`, `fix ${name}`);
  }
  return value;
}

/** fetch hides the useful part (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === "string" ? cause.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const detail = typeof cause?.message === "string" ? cause.message : undefined;
  return [message, code ?? detail].filter(Boolean).join(": ");
}
