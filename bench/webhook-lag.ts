/**
 * Webhook lag: the emulator in its own process sends signed webhooks over real HTTP to the hub's receiver in
 * this process, which re-reads each incident and writes it to the mirror, as the hub does; each incident edit is
 * timed from the emulator's API answer to the edit being in the mirror.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { IncidentIo } from "../src/api/index.js";
import { generateSecret } from "../src/emulator/webhooks/endpoints.js";
import { type MirrorSource, refreshIncident } from "../src/mirror/index.js";
import { openStore } from "../src/store/index.js";
import { WEBHOOK_PATH, webhookRoutes } from "../src/webhooks/index.js";
import { startEmulatorProcess } from "./spawn.js";

const EDITS = 400;
const CONCURRENCY = 8;

export interface WebhookLagResult {
  edits: number;
  received: number;
  concurrency: number;
  /** From the emulator's API answer to onEvent; negative when the webhook arrived before the answer was read. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** From sending the edit to onEvent. */
  fromRequestP50Ms: number;
  fromRequestP99Ms: number;
  failedDeliveries: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

export async function benchWebhookLag(): Promise<WebhookLagResult> {
  const dir = mkdtempSync(join(tmpdir(), "incidentkit-webhook-lag-"));
  const store = await openStore({ dataDir: dir });
  const secret = generateSecret();
  const arrivals = new Map<string, number>();
  let source: MirrorSource | undefined;
  const waiting = new Map<string, () => void>();
  const receiver = webhookRoutes({
    store,
    secrets: new Map([["bench", secret]]),
    // What the hub does with each event: re-read the incident and write it to the mirror.
    onEvent: async (event) => {
      if (!event.eventType.endsWith("incident_updated_v2") || arrivals.has(event.incidentId)) return;
      if (source === undefined) return;
      await refreshIncident(store, source, event.incidentId);
      arrivals.set(event.incidentId, performance.now());
      waiting.get(event.incidentId)?.();
    },
  });
  const server = serve({ fetch: receiver.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${WEBHOOK_PATH}`;
  const emulator = await startEmulatorProcess([0]);
  source = { alias: "bench", io: new IncidentIo({ apiKey: emulator.apiKey, baseUrl: emulator.url }) };
  try {
    const auth = { Authorization: `Bearer ${emulator.apiKey}`, "Content-Type": "application/json" };
    const registered = await fetch(`${emulator.url}/_emulator/webhook_endpoints`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ url: receiverUrl, secret }),
    });
    if (registered.status !== 201) throw new Error(`registering the endpoint answered ${registered.status}`);
    const endpoint = ((await registered.json()) as { webhook_endpoint: { id: string } }).webhook_endpoint;

    const ids = emulator.incidentIds.slice(0, EDITS);
    const fromAnswer: number[] = [];
    const fromRequest: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ids.length) {
          const id = ids[next++] as string;
          const arrived = new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 10_000);
            waiting.set(id, () => {
              clearTimeout(timer);
              resolve();
            });
          });
          const sent = performance.now();
          const response = await fetch(`${emulator.url}/v2/incidents/${id}/actions/edit`, {
            method: "POST",
            headers: auth,
            body: JSON.stringify({ notify_incident_channel: false, incident: { name: `Webhook lag ${id}` } }),
          });
          await response.arrayBuffer();
          const answered = performance.now();
          if (response.status !== 200) throw new Error(`edit answered ${response.status}`);
          await arrived;
          const at = arrivals.get(id);
          if (at === undefined) continue;
          fromAnswer.push(at - answered);
          fromRequest.push(at - sent);
        }
      }),
    );
    await receiver.idle();
    const deliveries = await fetch(
      `${emulator.url}/_emulator/webhook_deliveries?endpoint_id=${endpoint.id}`,
      { headers: auth },
    );
    const log = ((await deliveries.json()) as { webhook_deliveries: { outcome: string }[] })
      .webhook_deliveries;
    fromAnswer.sort((a, b) => a - b);
    fromRequest.sort((a, b) => a - b);
    return {
      edits: ids.length,
      received: fromAnswer.length,
      concurrency: CONCURRENCY,
      p50Ms: percentile(fromAnswer, 50),
      p99Ms: percentile(fromAnswer, 99),
      maxMs: fromAnswer.at(-1) ?? Number.NaN,
      fromRequestP50Ms: percentile(fromRequest, 50),
      fromRequestP99Ms: percentile(fromRequest, 99),
      failedDeliveries: log.filter((entry) => entry.outcome !== "delivered").length,
    };
  } finally {
    await emulator.stop();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ("closeAllConnections" in server) server.closeAllConnections();
    });
    await receiver.idle();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
