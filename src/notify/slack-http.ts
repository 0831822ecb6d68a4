import { parseRetryAfter } from "../api/retry.js";
import { backoffMs } from "../shared/backoff.js";
import { type Clock, systemClock } from "../shared/clock.js";
import { redactSlack } from "./redact.js";
import { SlackDeliveryError, type SlackVia } from "./slack-errors.js";

export interface SlackHttpOptions {
  fetch?: typeof fetch;
  clock?: Clock;
  /** In [0, 1): the jitter source. */
  random?: () => number;
  /** Attempts in all, the first included; default 4. */
  maxAttempts?: number;
  /** The longest wait between attempts; default 30 s. A Retry-After beyond it fails at once (retryable). */
  maxRetryDelayMs?: number;
  /** Per-attempt timeout; default 10 s. */
  timeoutMs?: number;
  /** One event per attempt, for logs and metrics; never carries the webhook URL or the token. */
  onEvent?: (event: SlackSendEvent) => void;
}

export interface SlackSendEvent {
  via: SlackVia;
  /** Where it went, safe to show: "incoming webhook", "chat.postMessage to C0123". */
  target: string;
  attempt: number;
  durationMs: number;
  status?: number;
  /** Slack's error, or ours (`network`, `timeout`). */
  code?: string;
  /** Set when another attempt follows after this many milliseconds. */
  retryInMs?: number;
}

/** How one answer reads: taken, or refused with Slack's error and whether to try again. */
export type Verdict<T> =
  | { ok: true; value: T }
  | { ok: false; code: string; retryable: boolean; problem: string };

export interface SlackRequest<T> {
  via: SlackVia;
  target: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** Values that must never appear in an error or an event: the webhook URL, the token. */
  secrets: readonly string[];
  read(status: number, text: string): Verdict<T>;
}

const BACKOFF_BASE_MS = 1_000;

/**
 * Sends one message, retrying rate limits (honouring Retry-After), Slack's 5xx and network failures with
 * jittered exponential backoff; never a refusal that only a change of settings can fix. A 5xx or a lost answer
 * may come after Slack posted, so a retry can, rarely, post the message twice; losing findings is worse.
 */
export async function sendToSlack<T>(
  request: SlackRequest<T>,
  options: SlackHttpOptions = {},
  signal?: AbortSignal,
): Promise<{ value: T; attempts: number }> {
  const clock = options.clock ?? systemClock;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const cap = options.maxRetryDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    const started = clock.now();
    const outcome = await attemptOnce(request, options, signal);
    const event: SlackSendEvent = {
      via: request.via,
      target: request.target,
      attempt,
      durationMs: clock.now() - started,
      ...(outcome.status !== undefined ? { status: outcome.status } : {}),
    };
    if (outcome.verdict.ok) {
      emit(options, event);
      return { value: outcome.verdict.value, attempts: attempt };
    }
    const { verdict } = outcome;
    event.code = verdict.code;
    const wait =
      outcome.retryAfterMs ??
      backoffMs(attempt, { baseMs: BACKOFF_BASE_MS, capMs: cap, jitter: "full" }, random);
    if (!verdict.retryable || attempt >= maxAttempts || wait > cap) {
      emit(options, event);
      const beyond =
        verdict.retryable && wait > cap && attempt < maxAttempts
          ? ` and asked to wait ${Math.ceil(wait / 1000)} s, longer than incidentkit waits`
          : "";
      throw new SlackDeliveryError({
        via: request.via,
        code: verdict.code,
        problem: redactSlack(
          `${verdict.problem}${beyond} (${attempt} attempt${attempt === 1 ? "" : "s"})`,
          request.secrets,
        ),
        retryable: verdict.retryable,
        attempts: attempt,
        ...(outcome.status !== undefined ? { status: outcome.status } : {}),
        ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}),
      });
    }
    event.retryInMs = wait;
    emit(options, event);
    await clock.sleep(wait, signal);
  }
}

interface Outcome<T> {
  verdict: Verdict<T>;
  status?: number;
  retryAfterMs?: number;
}

async function attemptOnce<T>(
  request: SlackRequest<T>,
  options: SlackHttpOptions,
  signal: AbortSignal | undefined,
): Promise<Outcome<T>> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const fetchFn = options.fetch ?? fetch;
  let response: Response;
  let text: string;
  try {
    response = await fetchFn(request.url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", ...request.headers },
      body: JSON.stringify(request.body),
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
    });
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const timedOut = timeout.aborted;
    return {
      verdict: {
        ok: false,
        code: timedOut ? "timeout" : "network",
        retryable: true,
        problem: timedOut
          ? `${request.target}: Slack gave no answer within ${options.timeoutMs ?? 10_000} ms`
          : `${request.target}: could not reach Slack (${redactSlack(networkReason(error), request.secrets)})`,
      },
    };
  }
  const clock = options.clock ?? systemClock;
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), clock.now());
  return {
    verdict: request.read(response.status, text),
    status: response.status,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

function emit(options: SlackHttpOptions, event: SlackSendEvent): void {
  try {
    options.onEvent?.(event);
  } catch {
    // A broken log hook must not break the delivery it observes.
  }
}

/** fetch hides the useful part (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return error instanceof Error ? error.message : String(error);
}
