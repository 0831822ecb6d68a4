/**
 * The emulator as tests should start it: every response it returns is checked against incident.io's API
 * description, and `close()` fails the test if any departed from it. Every emulator test uses this.
 */
import { createEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index.js";
import { type ConformantFetch, conformantFetch, isDescribedApiPath } from "./conformant-fetch.js";
import { descriptionMissingReason, matchOperation, validateResponse } from "./openapi.js";
import { NOT_IMPLEMENTED } from "./openapi-overlay.js";
import { assertNoViolations, recordedPath, type Violation } from "./violations.js";

export { type ConformantFetch, conformantFetch } from "./conformant-fetch.js";
export { assertNoViolations, formatViolations, type Violation } from "./violations.js";

export interface TestEmulator {
  emulator: Emulator;
  /** The base URL to give a client: where it listens, or a placeholder served by `fetch` when not listening. */
  url: string;
  /** The token of the seeded key with global access. */
  adminKey: string;
  /** Response violations (and request violations from `fetch`), in order. */
  violations: Violation[];
  /** A fetch that reaches this emulator and checks each request, recording into `violations`. */
  fetch: ConformantFetch;
  /** `METHOD /template` of every described operation that answered with a success status. */
  implemented: Set<string>;
  /** Closes the emulator, then throws if any response or request violated the description. */
  close(): Promise<void>;
}

/** Used as the base URL when the emulator is not listening; `fetch` hands such requests to the app directly. */
const IN_PROCESS_URL = "http://emulator.localhost";

function parsedBody(body: unknown): unknown {
  if (typeof body !== "string" || body === "") return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

export async function startTestEmulator(
  options: EmulatorOptions & { listen?: boolean } = {},
): Promise<TestEmulator> {
  const { listen, onResponse, ...emulatorOptions } = options;
  const violations: Violation[] = [];
  const implemented = new Set<string>();
  const notImplemented = new Map<string, Violation>();

  const check = (e: { method: string; path: string; status: number; body: unknown }) => {
    const url = new URL(e.path, IN_PROCESS_URL);
    if (!isDescribedApiPath(url.pathname)) return;
    const path = recordedPath(url);
    const body = parsedBody(e.body);
    const result = validateResponse(e.method, e.path, e.status, body);
    const base = { kind: "response" as const, method: e.method.toUpperCase(), path, status: e.status };
    if (!result.ok) violations.push({ ...base, errors: result.errors });
    const operation = matchOperation(e.method, e.path);
    const key = operation && `${operation.method.toUpperCase()} ${operation.template}`;
    if (e.status === NOT_IMPLEMENTED) {
      // Without the description no path is known to be an operation, so there is nothing to check.
      if (!key && descriptionMissingReason === undefined) {
        violations.push({
          ...base,
          errors: ["501 for a path that is no incident.io operation; expected 404"],
        });
      } else if (key) {
        notImplemented.set(key, {
          ...base,
          errors: [`${key} answered 501 but other calls show it is implemented`],
        });
      }
    } else if (key && e.status < 300) {
      implemented.add(key);
    }
  };

  const emulator = await createEmulator({
    ...emulatorOptions,
    onResponse: (e) => {
      check(e);
      onResponse?.(e);
    },
  });
  const url = listen ? await emulator.listen({ host: "127.0.0.1", port: 0 }) : IN_PROCESS_URL;
  const transport = listen
    ? fetch
    : (input: string | URL | Request, init?: RequestInit) =>
        Promise.resolve(emulator.app.request(input, init));
  const keys = emulator.apiKeys();
  const adminKey = (keys.find((k) => k.roles.includes("global_access")) ?? keys[0])?.token ?? "";

  return {
    emulator,
    url,
    adminKey,
    violations,
    fetch: conformantFetch(transport, violations),
    implemented,
    async close() {
      await emulator.close();
      for (const [key, violation] of notImplemented) if (implemented.has(key)) violations.push(violation);
      assertNoViolations(violations);
    },
  };
}
