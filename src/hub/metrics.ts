import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { RECENT_FAILURE_WINDOW_MS } from "../alerts/delivery-health.js";
import { deliveryCounts, failedSince, outboxHealth } from "../alerts/queries.js";
import type { Clock } from "../shared/clock.js";
import type { Leadership, Store } from "../store/index.js";

/** The hub's Prometheus metrics, in a registry of its own (never prom-client's global one). */
export interface HubMetrics {
  registry: Registry;
  alertsReceived: Counter<"source" | "decision">;
  intakeSeconds: Histogram<"source">;
  intakeRefused: Counter<"source" | "status">;
}

export function createHubMetrics(store: Store, clock: Clock, leadership: Leadership): HubMetrics {
  const registry = new Registry();
  const alertsReceived = new Counter({
    name: "incidentkit_alerts_received_total",
    help: "Alerts accepted by the hub, by source and what the rules decided.",
    labelNames: ["source", "decision"] as const,
    registers: [registry],
  });
  const intakeSeconds = new Histogram({
    name: "incidentkit_intake_seconds",
    help: "Time to parse, decide and durably record one intake request.",
    labelNames: ["source"] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const intakeRefused = new Counter({
    name: "incidentkit_intake_refused_total",
    help: "Intake requests refused whole (too large, too many alerts, unreadable, without the source's token), by source and HTTP status.",
    labelNames: ["source", "status"] as const,
    registers: [registry],
  });
  // Read from the store at scrape time: the deliveries table is the record of every attempt, whoever made it.
  new Counter({
    name: "incidentkit_outbox_deliveries_total",
    help: "Attempts to deliver outbox entries to incident.io, by kind and outcome.",
    labelNames: ["kind", "outcome"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await deliveryCounts(store)) {
        this.inc({ kind: row.kind, outcome: row.outcome }, row.count);
      }
    },
  });
  // Each permanent failure is one delivery row with outcome "failed"; counting rows (not entries now failed) keeps
  // the counter from going down when an entry is replayed.
  new Counter({
    name: "incidentkit_outbox_failed_total",
    help: "Outbox entries incident.io refused for good (retrying cannot help; replay after fixing), by kind.",
    labelNames: ["kind"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await deliveryCounts(store)) {
        if (row.outcome === "failed") this.inc({ kind: row.kind }, row.count);
      }
    },
  });
  new Gauge({
    name: "incidentkit_outbox_failed_recent",
    help: "Outbox entries that failed for good in the last hour and were not replayed since.",
    registers: [registry],
    async collect() {
      const since = new Date(clock.now() - RECENT_FAILURE_WINDOW_MS).toISOString();
      this.set((await failedSince(store, since)).count);
    },
  });
  new Gauge({
    name: "incidentkit_outbox_pending",
    help: "Outbox entries waiting to be delivered to incident.io.",
    registers: [registry],
    async collect() {
      this.set((await outboxHealth(store, clock.now())).pending);
    },
  });
  new Gauge({
    name: "incidentkit_hub_leader",
    help: "1 when this hub runs the singleton jobs (mirror sync, investigation retries) for its database, else 0.",
    registers: [registry],
    collect() {
      this.set(leadership.leading ? 1 : 0);
    },
  });
  return { registry, alertsReceived, intakeSeconds, intakeRefused };
}
