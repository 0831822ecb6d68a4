import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { type Incident, IncidentIo } from "../api/index.js";
import type { Snapshot } from "../emulator/model.js";
import { incidentRecord, named, testSnapshot } from "../emulator/testing.js";
import { ManualClock } from "../shared/clock.js";
import type { Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import type { MirroredIncident } from "./incident.js";
import type { MirrorSource } from "./source.js";

/** An `IncidentV2` as the API returns it: a live, Minor, public incident unless overridden. */
export function incidentJson(overrides: Partial<Incident> = {}): Incident {
  const at = "2024-05-01T10:00:00.123456Z";
  return {
    id: "01HZZZZZZZZZZZZZZZZZZZZZZ1",
    reference: "INC-1",
    name: "Checkout down",
    summary: "Payments fail",
    incident_status: {
      id: "st-live",
      name: "Investigating",
      description: "",
      rank: 1,
      category: "live",
      created_at: at,
      updated_at: at,
    },
    severity: { id: "sev-minor", name: "Minor", description: "", rank: 1, created_at: at, updated_at: at },
    mode: "standard",
    visibility: "public",
    creator: {},
    custom_field_entries: [],
    incident_role_assignments: [],
    incident_timestamp_values: [],
    created_at: at,
    updated_at: at,
    permalink: "https://app.incident.io/acme/incidents/1",
    ...overrides,
  };
}

export type Intercept = (method: string, path: string) => Promise<void> | void;

export interface MirrorTest {
  t: TestEmulator;
  snapshot: Snapshot;
  store: Store;
  clock: ManualClock;
  /** A source on the admin key, alias "prod", whose requests are recorded and intercepted. */
  source: MirrorSource;
  /** `METHOD /path?query` of every request the source sent, in order. */
  requests: string[];
  /** Runs after each request is answered, before the client reads the answer. */
  intercept: { current?: Intercept | undefined };
  /** Another client on the admin key: neither recorded nor intercepted. */
  bystander: IncidentIo;
  close(): Promise<void>;
}

/** The test organisation with `count` incidents (one an hour from 2024-01-01), and a fresh in-memory store. */
export async function startMirrorTest(count: number): Promise<MirrorTest> {
  const snapshot = testSnapshot();
  const closed = named(snapshot.incident_statuses, "Closed").id;
  snapshot.incidents = Array.from({ length: count }, (_, i) =>
    incidentRecord(snapshot, i + 1, i % 3 === 0 ? { incident_status_id: closed } : {}),
  );
  const t = await startTestEmulator({ ephemeral: true, snapshot });
  const store = await openTestStore();
  const requests: string[] = [];
  const intercept: { current?: Intercept | undefined } = {};
  const recording = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? "GET").toUpperCase();
    requests.push(`${method} ${url.pathname}${url.search}`);
    const response = await t.fetch(input, init);
    await intercept.current?.(method, url.pathname);
    return response;
  };
  const io = new IncidentIo({
    apiKey: t.adminKey,
    baseUrl: t.url,
    fetch: recording as typeof fetch,
    maxRetries: 0,
  });
  return {
    t,
    snapshot,
    store,
    clock: new ManualClock(Date.UTC(2024, 4, 2, 9, 30)),
    source: { alias: "prod", io },
    requests,
    intercept,
    bystander: new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, fetch: t.fetch, maxRetries: 0 }),
    async close() {
      await store.close();
      await t.close();
    },
  };
}

let mirroredSerial = 0;

/**
 * A mirrored incident for tests that write the mirror directly: a resolved, Major, standard incident created
 * `daysAgo` days before `now`, naming `services` in the "Affected services" field. Anything can be overridden.
 */
export function mirroredIncident(
  options: { services?: string[]; daysAgo?: number; now?: number } = {},
  overrides: Partial<MirroredIncident> = {},
): MirroredIncident {
  mirroredSerial += 1;
  const at = new Date((options.now ?? Date.now()) - (options.daysAgo ?? 1) * 86_400_000).toISOString();
  return {
    id: `INC${mirroredSerial}`,
    account: "prod",
    reference: `INC-${mirroredSerial}`,
    name: `Incident ${mirroredSerial}`,
    summary: null,
    severity: { id: "sev-major", name: "Major", rank: 2 },
    status: { id: "st-closed", name: "Closed", category: "closed" },
    type: null,
    mode: "standard",
    visibility: "public",
    createdAt: at,
    updatedAt: at,
    resolvedAt: at,
    permalink: null,
    customFields: [
      {
        fieldId: "cf-services",
        fieldName: "Affected services",
        values: (options.services ?? []).map((label) => ({ label })),
      },
    ],
    ...overrides,
  };
}
