import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import type { Hono } from "hono";
import { type Clock, systemClock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { createLogger, type Logger } from "../shared/logger.js";
import { createAlertSource } from "./alert-sources.js";
import { createApp } from "./app.js";
import type { Deps } from "./context.js";
import { memoryOnly, openSqlite, type Persistence } from "./db.js";
import { FaultController, type FaultSettings } from "./faults.js";
import type {
  AlertRecord,
  AlertSourceRecord,
  ApiKeyRecord,
  CatalogEntryRecord,
  CatalogTypeRecord,
  CustomFieldOptionRecord,
  IncidentRecord,
  IncidentUpdateRecord,
  Organisation,
  Snapshot,
} from "./model.js";
import type { ActionRecord, FollowUpRecord } from "./model-follow-ups.js";
import type { IncidentMembershipRecord } from "./model-memberships.js";
import type { OnCallRecords } from "./model-oncall.js";
import { DEFAULT_RATE_LIMIT, RateLimiter } from "./rate-limit.js";
import { IncidentRenderer } from "./render.js";
import { demoSnapshot, emptySnapshot } from "./seed/index.js";
import { EmulatorState } from "./state.js";
import { type EmulatorWebhooks, startWebhooks, type WebhookOptions } from "./webhooks/index.js";

export type { FaultSettings } from "./faults.js";
export type {
  DeliveryAttempt,
  EmulatorWebhooks,
  EndpointInput,
  ListedEndpoint,
  WebhookEndpoint,
  WebhookOptions,
} from "./webhooks/index.js";

/** Every option may be given as undefined, meaning left out. */
export interface EmulatorOptions {
  /** Persistent SQLite (WAL) at <dataDir>/emulator.sqlite; created if missing. */
  dataDir?: string | undefined;
  /** In memory only; nothing written to disk. */
  ephemeral?: boolean | undefined;
  /** Applied only when the store is new; default "empty". */
  seed?: "demo" | "empty" | undefined;
  /** Alternative to `seed`, for tests. */
  snapshot?: Snapshot | undefined;
  /** Per API key; default 1200 / 20. */
  rateLimit?: { capacity: number; refillPerSecond: number } | undefined;
  faults?: Partial<FaultSettings> | undefined;
  clock?: Clock | undefined;
  /** Outgoing webhooks: endpoints registered at start, retry delays and timeout. */
  webhooks?: WebhookOptions | undefined;
  /** Every API response (path without query), for conformance tests. */
  onResponse?: ((event: { method: string; path: string; status: number; body: unknown }) => void) | undefined;
  /** Where the emulator's own failures are logged. Default: JSON lines on stderr at `info`. */
  logger?: Logger | undefined;
}

export interface Emulator {
  /** Usable in-process: app.request(...). */
  readonly app: Hono;
  readonly organisation: Organisation;
  /** Resolves the base URL, e.g. http://127.0.0.1:4567; default host 127.0.0.1. */
  listen(options?: { port?: number; host?: string }): Promise<string>;
  /** Stops the server, closes the database. */
  close(): Promise<void>;
  readonly faults: {
    get(): FaultSettings;
    set(p: Partial<FaultSettings>): void;
    clear(): void;
    throttleFor(ms: number): void;
  };
  apiKeys(): ApiKeyRecord[];
  createApiKey(name: string, roles: string[]): ApiKeyRecord;
  /** Read-only view for tests (e.g. count, duplicates check). */
  incidents(): IncidentRecord[];
  incidentUpdates(): IncidentUpdateRecord[];
  /** HTTP alert sources, each with the `secret_token` its alert events must carry. */
  alertSources(): AlertSourceRecord[];
  /** Adds an HTTP alert source (also `POST /_emulator/alert_sources`); names are unique. */
  createAlertSource(name: string): AlertSourceRecord;
  /** Alerts received through alert events, oldest first, with the metadata each last carried. */
  alerts(): AlertRecord[];
  /** Catalog types and entries as stored, deleted (archived) ones included. Records are replaced on change. */
  catalogTypes(): CatalogTypeRecord[];
  catalogEntries(): CatalogEntryRecord[];
  /** Follow-ups, actions, memberships and custom field options as stored. Records are replaced on change. */
  followUps(): FollowUpRecord[];
  actions(): ActionRecord[];
  incidentMemberships(): IncidentMembershipRecord[];
  customFieldOptions(): CustomFieldOptionRecord[];
  /** Schedules, overrides, escalation paths and escalations as stored. Records are replaced on change. */
  onCall(): OnCallRecords;
  /** Signed webhooks sent for incident changes (also at /_emulator/webhook_endpoints). */
  readonly webhooks: EmulatorWebhooks;
}

export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = options.clock ?? systemClock;
  if (!options.ephemeral && !options.dataDir) {
    throw new Error("createEmulator needs either a dataDir or ephemeral: true.");
  }
  const persistence: Persistence = options.ephemeral ? memoryOnly : openSqlite(options.dataDir as string);
  let snapshot: Snapshot;
  try {
    const stored = persistence.load();
    if (stored) snapshot = stored;
    else {
      const now = clock.now();
      snapshot =
        options.snapshot ?? (options.seed === "demo" ? demoSnapshot({ now }) : emptySnapshot({ now }));
      persistence.seed(snapshot);
    }
  } catch (error) {
    persistence.close();
    throw error;
  }
  const log = options.logger ?? createLogger({ name: "emulator" });
  const state = new EmulatorState(structuredClone(snapshot), persistence, (error) =>
    log.error({ err: error }, "an incident listener failed; the write it followed stands"),
  );
  const faults = new FaultController(clock, options.faults);
  const renderer = new IncidentRenderer(state);
  let webhooks: ReturnType<typeof startWebhooks>;
  try {
    webhooks = startWebhooks(state, renderer, clock, options.webhooks);
  } catch (error) {
    persistence.close();
    throw error;
  }
  const deps: Deps = {
    state,
    renderer,
    clock,
    faults,
    limiter: new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, clock),
    webhooks,
    log,
    onResponse: options.onResponse,
  };

  const createApiKey = (name: string, roles: string[]): ApiKeyRecord => {
    const key: ApiKeyRecord = {
      id: newId(clock.now()),
      name,
      token: `inc_${randomBytes(32).toString("hex")}`,
      roles: [...roles],
      created_at: new Date(clock.now()).toISOString(),
    };
    state.commit([{ collection: "api_keys", id: key.id, record: key }]);
    return { ...key };
  };

  const app = createApp(deps, createApiKey);
  let server: ServerType | undefined;
  let closed = false;

  return {
    app,
    organisation: state.organisation,
    listen({ port = 0, host = "127.0.0.1" } = {}) {
      return new Promise((resolve, reject) => {
        const started = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
          const shownHost = info.family === "IPv6" ? `[${info.address}]` : info.address;
          resolve(`http://${shownHost}:${info.port}`);
        });
        started.once("error", reject);
        server = started;
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await webhooks.sender.close();
      if (server) {
        const running = server;
        await new Promise<void>((resolve) => {
          running.close(() => resolve());
          // Keep-alive connections would hold close() open until they time out.
          if ("closeAllConnections" in running) running.closeAllConnections();
        });
      }
      persistence.close();
    },
    faults: {
      get: () => faults.get(),
      set: (partial) => faults.set(partial),
      clear: () => faults.clear(),
      throttleFor: (ms) => faults.throttleFor(ms),
    },
    apiKeys: () => state.list("api_keys").map((key) => ({ ...key, roles: [...key.roles] })),
    createApiKey,
    incidents: () => [...state.incidentsInOrder()],
    incidentUpdates: () => state.list("incident_updates"),
    alertSources: () => state.list("alert_sources").map((source) => ({ ...source })),
    createAlertSource: (name) => createAlertSource(state, clock.now(), name),
    alerts: () => state.list("alerts").map((alert) => structuredClone(alert)),
    catalogTypes: () => state.list("catalog_types"),
    catalogEntries: () => state.list("catalog_entries"),
    followUps: () => state.list("follow_ups"),
    actions: () => state.list("actions"),
    incidentMemberships: () => state.list("incident_memberships"),
    customFieldOptions: () => state.list("custom_field_options"),
    onCall: () => ({
      schedules: state.list("schedules"),
      schedule_overrides: state.list("schedule_overrides"),
      escalation_paths: state.list("escalation_paths"),
      escalations: state.list("escalations"),
    }),
    webhooks: webhooks.api,
  };
}
