import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { type Clock, systemClock } from "../shared/clock.js";
import type { Store } from "../store/index.js";
import { type IncidentWebhookEvent, parseEnvelope } from "./event.js";
import { claimReceipt, markFailed, markProcessed } from "./receipts.js";
import { WebhookRejected, WebhookVerifier } from "./verify.js";

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
  /** Told when processing fails; the hub's logger, say. Never given the secret. */
  onError?: (error: unknown, event: IncidentWebhookEvent) => void;
}

/** The receiver's routes, plus a way to wait for the processing still under way (for shutdown and tests). */
export type WebhookApp = Hono & { idle(): Promise<void> };

/** Larger than any incident incident.io sends, small enough that a flood of junk cannot hold much memory. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * `POST /webhooks/incident-io`: incident.io's webhook deliveries (through Svix). Each is verified against the raw
 * body (401 with a short reason when forged, signed with another secret, older or newer than 5 minutes, or
 * missing its headers), then its webhook-id is recorded durably and the answer is 202; `onEvent` runs after
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

  app.post(
    WEBHOOK_PATH,
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: "the body is larger than 5 MB" }, 413),
    }),
    async (c) => {
      const rawBody = await c.req.text();
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
    },
  );

  return Object.assign(app, {
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  });
}
