import { setMaxListeners } from "node:events";
import { Webhook } from "standardwebhooks";
import type { Clock } from "../../shared/clock.js";
import { newId } from "../../shared/ids.js";
import { type DeliveryAttempt, DeliveryLog } from "./delivery-log.js";
import type { EndpointRegistry, WebhookEndpoint } from "./endpoints.js";
import type { WebhookEvent } from "./events.js";

export interface SenderOptions {
  /** Waits before the 2nd, 3rd, … attempt; its length + 1 is the number of attempts. Default 1 s, 5 s, 30 s. */
  retryDelaysMs?: readonly number[];
  /** An attempt with no answer after this long fails (and is retried). Default 5 s. */
  timeoutMs?: number;
  /** Deliveries under way at once, over all endpoints; more wait their turn. Default 32. */
  maxInFlight?: number;
  /** Attempts kept for `GET /_emulator/webhook_deliveries`. Default 1,000. */
  logCapacity?: number;
}

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000];

/** One event for one endpoint: its webhook-id stays the same on every attempt, as Svix's does. */
interface Message {
  webhookId: string;
  endpoint: WebhookEndpoint;
  event: WebhookEvent;
  payload: string;
  attempt: number;
}

/**
 * Delivers webhook events to every registered endpoint in the background, signed the Standard Webhooks way
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,…`, re-signed with a fresh timestamp on each attempt).
 * A non-2xx answer, a timeout or a network error is retried after the configured delays. Order is not kept,
 * as incident.io does not keep it either. `close()` aborts what is under way and cancels every pending retry.
 */
export class WebhookSender {
  readonly log: DeliveryLog;
  private readonly retryDelaysMs: readonly number[];
  private readonly timeoutMs: number;
  private readonly maxInFlight: number;
  private readonly ready: Message[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private waiting = 0;
  private inFlight = 0;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly endpoints: EndpointRegistry,
    private readonly clock: Clock,
    options: SenderOptions = {},
  ) {
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxInFlight = options.maxInFlight ?? 32;
    this.log = new DeliveryLog(options.logCapacity);
    // Every delivery under way and every pending retry listens for the close.
    setMaxListeners(0, this.stopping.signal);
  }

  /** Whether any endpoint would receive an event: lets callers skip building events nobody gets. */
  get hasEndpoints(): boolean {
    return this.endpoints.size > 0;
  }

  /** Queues the events for every endpoint; sending starts after the caller's turn of the event loop. */
  publish(events: readonly WebhookEvent[]): void {
    if (this.stopping.signal.aborted) return;
    for (const endpoint of this.endpoints.active()) {
      for (const event of events) {
        const payload = JSON.stringify(event.body);
        this.ready.push({
          webhookId: `msg_${newId(this.clock.now())}`,
          endpoint,
          event,
          payload,
          attempt: 1,
        });
      }
    }
    if (this.ready.length > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.pump();
      });
    }
  }

  /** Resolves once nothing is queued, under way or waiting to be retried. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops sending: aborts deliveries under way, drops queued ones and cancels pending retries. */
  async close(): Promise<void> {
    this.stopping.abort(new Error("the emulator is closing"));
    this.ready.length = 0;
    await Promise.allSettled([...this.running]);
    this.notifyIdle(true);
  }

  private isIdle(): boolean {
    return this.ready.length === 0 && this.inFlight === 0 && this.waiting === 0 && !this.scheduled;
  }

  private notifyIdle(force = false): void {
    if (!force && !this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.ready.length > 0 && !this.stopping.signal.aborted) {
      const message = this.ready.shift() as Message;
      this.inFlight++;
      const run = this.deliver(message).finally(() => {
        this.inFlight--;
        this.running.delete(run);
        this.pump();
        this.notifyIdle();
      });
      this.running.add(run);
    }
    this.notifyIdle();
  }

  private async deliver(message: Message): Promise<void> {
    const started = this.clock.now();
    const result = await this.attempt(message);
    if (this.stopping.signal.aborted) return;
    const delay = this.retryDelaysMs[message.attempt - 1];
    const outcome = result.ok ? "delivered" : delay === undefined ? "failed" : "retrying";
    const entry: DeliveryAttempt = {
      webhook_id: message.webhookId,
      endpoint_id: message.endpoint.id,
      url: message.endpoint.url,
      event_type: message.event.eventType,
      incident_id: message.event.incidentId,
      attempt: message.attempt,
      outcome,
      ...(result.status !== undefined ? { http_status: result.status } : {}),
      ...(result.error !== undefined ? { error: result.error } : {}),
      attempted_at: new Date(started).toISOString(),
      duration_ms: this.clock.now() - started,
      ...(outcome === "retrying"
        ? { next_attempt_at: new Date(this.clock.now() + (delay ?? 0)).toISOString() }
        : {}),
    };
    this.log.record(entry);
    if (outcome === "retrying") this.retryLater({ ...message, attempt: message.attempt + 1 }, delay ?? 0);
  }

  private retryLater(message: Message, delayMs: number): void {
    this.waiting++;
    const wait = this.clock
      .sleep(delayMs, this.stopping.signal)
      .then(
        () => {
          if (!this.stopping.signal.aborted) this.ready.push(message);
        },
        () => undefined,
      )
      .finally(() => {
        this.waiting--;
        this.running.delete(wait);
        this.pump();
      });
    this.running.add(wait);
  }

  private async attempt(message: Message): Promise<{ ok: boolean; status?: number; error?: string }> {
    const timestamp = new Date(this.clock.now());
    const signature = new Webhook(message.endpoint.secret).sign(
      message.webhookId,
      timestamp,
      message.payload,
    );
    const controller = new AbortController();
    const onStop = () => controller.abort();
    this.stopping.signal.addEventListener("abort", onStop, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    try {
      const response = await fetch(message.endpoint.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "incidentkit-emulator-webhooks",
          "webhook-id": message.webhookId,
          "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
          "webhook-signature": signature,
        },
        body: message.payload,
        signal: controller.signal,
      });
      // Read the answer to the end, so the connection can be reused.
      await response.arrayBuffer();
      if (response.ok) return { ok: true, status: response.status };
      return { ok: false, status: response.status, error: `answered ${response.status}` };
    } catch (error) {
      if (timedOut) return { ok: false, error: `no answer within ${this.timeoutMs} ms` };
      return { ok: false, error: networkError(error) };
    } finally {
      clearTimeout(timer);
      this.stopping.signal.removeEventListener("abort", onStop);
    }
  }
}

function networkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `could not connect (${cause.code})`;
  return error instanceof Error ? error.message : String(error);
}
