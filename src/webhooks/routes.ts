import { randomUUID } from "node:crypto";
import { type Context, Hono } from "hono";
import { type Clock, systemClock } from "../shared/clock.js";
import { type BodyRead, readBody } from "../shared/read-body.js";
import type { Store } from "../store/index.js";
import { type IncidentWebhookEvent, parseEnvelope } from "./event.js";
import { claimReceipt, markFailed, markProcessed } from "./receipts.js";
import { checkDeliveryHeaders, WebhookRejected, WebhookVerifier } from "./verify.js";

export const WEBHOOK_PATH = "/webhooks/incident-io";

export interface WebhookRoutesOptions {
  store: Store;
  /**
   * Each account's endpoint signing secret from incident.io's webhook settings (`whsec_…`), by account alias:
   * the secret a delivery is signed with says which account sent it.
   */
  secrets: ReadonlyMap<string, string>;
  clock?: Clock;
  /** The work for each incident event, run after the answer; a rejection is recorded on the receipt. */
  onEvent: (event: IncidentWebhookEvent) => Promise<void> | void;
  /** How long a body may take to arrive; default 10 s. */
  bodyTimeoutMs?: number;
  /** Told when processing fails; the hub's logger, say. Never given the secret. */
  onError?: (error: unknown, event: IncidentWebhookEvent) => void;
}

/** An answer after which the connection closes: the body, or the rest of it, was never read. */
function closing(c: Context, body: object, status: 401 | 408 | 413 | 503): Response {
  c.header("connection", "close");
  return c.json(body, status);
}

/** The receiver's routes, plus a way to wait for the processing still under way (for shutdown and tests). */
export type WebhookApp = Hono & { idle(): Promise<void> };

/** Larger than any incident incident.io sends, small enough that a flood of junk cannot hold much memory. */
const MAX_BODY_BYTES = 1024 * 1024;
/** How long a delivery's body may take to arrive: incident.io sends it at once; a trickle is an attack. */
const BODY_TIMEOUT_MS = 10_000;
/**
 * Bodies read at once, before their signature can be checked: with the cap above, at most 16 MiB held by
 * deliveries nobody has authenticated yet. More at once are answered 503 (incident.io retries).
 */
const MAX_BODIES_IN_FLIGHT = 16;

/**
 * `POST /webhooks/incident-io`: incident.io's webhook deliveries (through Svix). Its headers are checked before its
 * body is read (401 when missing, or older or newer than 5 minutes); the body must be at most 1 MiB (413) and
 * arrive within 10 s (408), at most 16 bodies at once (503), each answer closing the connection. Then it is
 * verified against the raw body (401 when forged or signed with another secret), its webhook-id is recorded durably and the answer is 202; `onEvent` runs after
 * the answer. A webhook-id already recorded is answered 200 "already received" and not processed again, across
 * restarts too. The one exception: when the earlier processing failed (or a stopped hub left it unfinished), a
 * copy that incident.io sends again, by its retry or a replay from its dashboard, is processed again.
 */
export function webhookRoutes(options: WebhookRoutesOptions): WebhookApp {
  const { store, onEvent } = options;
  const clock = options.clock ?? systemClock;
  const verifiers = [...options.secrets].map(
    ([account, secret]) => [account, new WebhookVerifier(secret, clock)] as const,
  );
  /** The delivery's webhook-id and the account whose secret signed it. */
  const verify = (rawBody: string, headers: Headers) => {
    for (const [account, verifier] of verifiers) {
      try {
        return { account, webhookId: verifier.verify(rawBody, headers).webhookId };
      } catch (error) {
        // Every other reason (headers, timestamp) holds whichever secret is tried.
        if (!(error instanceof WebhookRejected && error.reason === "bad_signature")) throw error;
      }
    }
    throw new WebhookRejected(
      "bad_signature",
      verifiers.length === 1
        ? "no signature matches this endpoint's secret"
        : "no signature matches the secret of any account this endpoint serves",
    );
  };
  const claimant = randomUUID();
  const running = new Set<Promise<void>>();
  const app = new Hono();

  const processEvent = async (event: IncidentWebhookEvent) => {
    try {
      await onEvent(event);
      await markProcessed(store, event.webhookId, new Date(clock.now()).toISOString());
    } catch (error) {
      options.onError?.(error, event);
      const message = error instanceof Error ? error.message : String(error);
      await markFailed(store, event.webhookId, message || "processing failed").catch(() => undefined);
    }
  };

  const inBackground = (event: IncidentWebhookEvent) => {
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => processEvent(event))
      .finally(() => running.delete(run));
    running.add(run);
  };

  const bodyTimeoutMs = options.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
  let bodiesInFlight = 0;
  app.post(WEBHOOK_PATH, async (c) => {
    // Headers first: a request without signing headers or with a stale timestamp is refused unread.
    try {
      checkDeliveryHeaders(c.req.raw.headers, clock);
    } catch (error) {
      if (error instanceof WebhookRejected) return closing(c, { error: error.message }, 401);
      throw error;
    }
    if (bodiesInFlight >= MAX_BODIES_IN_FLIGHT) {
      c.header("retry-after", "5");
      return closing(c, { error: "too many deliveries at once: try again shortly" }, 503);
    }
    bodiesInFlight += 1;
    let read: BodyRead;
    try {
      read = await readBody(c, MAX_BODY_BYTES, bodyTimeoutMs);
    } finally {
      bodiesInFlight -= 1;
    }
    if (!read.ok) {
      return read.reason === "too_slow"
        ? closing(c, { error: `the body did not arrive within ${bodyTimeoutMs / 1000} s` }, 408)
        : closing(c, { error: "the body is larger than 1 MiB" }, 413);
    }
    const rawBody = read.text;
    let webhookId: string;
    let account: string;
    try {
      ({ webhookId, account } = verify(rawBody, c.req.raw.headers));
    } catch (error) {
      if (error instanceof WebhookRejected) return c.json({ error: error.message }, 401);
      throw error;
    }
    let envelope: ReturnType<typeof parseEnvelope>;
    try {
      envelope = parseEnvelope(rawBody);
    } catch (error) {
      return c.json({ error: (error as Error).message }, 400);
    }
    const incidentId = envelope.kind === "incident" ? envelope.incidentId : undefined;
    const claim = await claimReceipt(store, {
      webhookId,
      eventType: envelope.eventType,
      ...(incidentId ? { incidentId } : {}),
      receivedAt: new Date(clock.now()).toISOString(),
      claimant,
    });
    if (claim === "duplicate") return c.json({ status: "already_received", webhook_id: webhookId }, 200);
    if (envelope.kind === "other") {
      await markProcessed(store, webhookId, new Date(clock.now()).toISOString());
      return c.json({ status: "ignored", webhook_id: webhookId, reason: "not an incident event" }, 202);
    }
    inBackground({
      account,
      eventType: envelope.eventType,
      incidentId: envelope.incidentId,
      ...(envelope.incident ? { incident: envelope.incident } : {}),
      webhookId,
    });
    return c.json({ status: "accepted", webhook_id: webhookId }, 202);
  });

  return Object.assign(app, {
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  });
}
