import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { IncidentIo, IncidentKitError } from "../api/index.js";
import type { Snapshot } from "../emulator/model.js";
import { testSnapshot, tokenFor } from "../emulator/testing.js";
import { ManualClock } from "../shared/clock.js";
import { type OpsSession, openSession } from "./session.js";

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
export type Intercept = (method: string, path: string, ops: OpsTest) => Promise<void>;

export interface OpsTest {
  t: TestEmulator;
  snapshot: Snapshot;
  clock: ManualClock;
  /** A session on the admin key, alias "test". */
  s: OpsSession;
  /** `METHOD /path` of every request the clients sent, in order. */
  requests: string[];
  /** The JSON bodies of those requests (undefined when none), by position. */
  bodies: unknown[];
  /** A client on another key of the test organisation. */
  client(key: "Viewer" | "Creator" | "Editor" | "Bot" | "Admin"): IncidentIo;
  /** Another writer on the admin key: neither recorded nor intercepted. */
  bystander: IncidentIo;
  /** A fresh session (its own lookups) on the admin key. */
  session(options?: { alias?: string; closedStatus?: string }): OpsSession;
  close(): Promise<void>;
}

/**
 * The emulator with the test organisation, and an ops session on it. `intercept` runs after each request is
 * answered and before the client reads the answer, so it can act in between (e.g. as another writer).
 */
export async function startOpsTest(
  options: { snapshot?: Snapshot; intercept?: Intercept } = {},
): Promise<OpsTest> {
  const snapshot = options.snapshot ?? testSnapshot();
  // One clock for the emulator and the sessions: the times incident.io stamps and the times ops reads agree.
  const clock = new ManualClock(Date.UTC(2024, 4, 2, 9, 30));
  const t = await startTestEmulator({ ephemeral: true, snapshot, clock });
  const requests: string[] = [];
  const bodies: unknown[] = [];
  let started: OpsTest | undefined;
  const recording: Fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? "GET").toUpperCase();
    requests.push(`${method} ${url.pathname}`);
    bodies.push(typeof init?.body === "string" ? JSON.parse(init.body) : undefined);
    const response = await t.fetch(input, init);
    if (options.intercept && started) await options.intercept(method, url.pathname, started);
    return response;
  };
  const client = (token: string) =>
    new IncidentIo({ apiKey: token, baseUrl: t.url, fetch: recording as typeof fetch, maxRetries: 0 });
  const session = (o: { alias?: string; closedStatus?: string } = {}) =>
    openSession(client(t.adminKey), { alias: "test", clock, ...o });
  started = {
    t,
    snapshot,
    clock,
    s: session(),
    requests,
    bodies,
    client: (key) => client(key === "Admin" ? t.adminKey : tokenFor(snapshot, key)),
    session,
    bystander: new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, fetch: t.fetch, maxRetries: 0 }),
    close: () => t.close(),
  };
  return started;
}

/** The error a promise rejects with; fails when it resolves. */
export async function refusal(promise: Promise<unknown>): Promise<IncidentKitError> {
  return promise.then(
    () => {
      throw new Error("expected the operation to fail");
    },
    (error: unknown) => {
      if (!(error instanceof IncidentKitError)) throw error;
      return error;
    },
  );
}
