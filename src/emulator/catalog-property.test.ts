import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { type CatalogEntryBody, type CatalogTypeBody, catalogClient } from "./testing/catalog-client.js";
import { call, testSnapshot, tokenFor } from "./testing.js";

/**
 * Whatever a client sends to the catalog's write paths, or however it spells a list query, the emulator answers
 * with a success or a client error in incident.io's error body (never a 5xx; every answer checked against the
 * description), and a refused write changes nothing.
 */

const RUNS = 300;
const snapshot = testSnapshot();
let t: TestEmulator;
let team: CatalogTypeBody;
let service: CatalogTypeBody;
let scratch: CatalogTypeBody;
let entries: CatalogEntryBody[] = [];

const { get, typeWith, entry } = catalogClient(
  () => t,
  () => tokenFor(snapshot, "Viewer"),
);

beforeAll(async () => {
  t = await startTestEmulator({
    ephemeral: true,
    snapshot,
    rateLimit: { capacity: 1e9, refillPerSecond: 1e9 },
  });
  team = await typeWith("Team", [{ id: "slack", name: "Slack channel", type: "String", array: false }]);
  service = await typeWith(
    "Service",
    [
      { id: "owner", name: "Owner", type: "String", array: false },
      { id: "tier", name: "Tier", type: "Number", array: false },
      { id: "public", name: "Public", type: "Bool", array: false },
      { id: "tags", name: "Tags", type: "String", array: true },
      { id: "team", name: "Team", type: team.type_name, array: false },
      {
        id: "channel",
        name: "Channel",
        type: "String",
        array: false,
        path: [{ attribute_id: "team" }, { attribute_id: "slack" }],
      },
    ],
    { type_name: 'Custom["Component"]' },
  );
  scratch = await typeWith("Scratch", [{ id: "team", name: "Team", type: team.type_name, array: false }]);
  await entry({ catalog_type_id: team.id, name: "Payments", external_id: "payments" });
  entries = [
    await entry({ catalog_type_id: service.id, name: "Payments API", external_id: "payments-api" }),
    await entry({ catalog_type_id: service.id, name: "Ledger", external_id: "ledger", aliases: ["books"] }),
  ];
});

afterAll(() => t.close());

/** Stands for "a value nobody has used yet" in generated bodies, so accepted creates are not all refusals. */
const FRESH = "\u0000fresh";
/** Stands for the schema version the type has when the request is sent. */
const VERSION = "\u0000version";
let fresh = 0;

function resolved(value: unknown, version: number): unknown {
  if (value === FRESH) return `fresh-${++fresh}`;
  if (value === VERSION) return version;
  if (Array.isArray(value)) return value.map((item) => resolved(item, version));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolved(v, version)]));
  }
  return value;
}

function knownIds(): string[] {
  return [
    team.id,
    service.id,
    scratch.id,
    ...entries.map((e) => e.id),
    "owner",
    "tier",
    "team",
    "slack",
    "channel",
  ];
}

const DROP = Symbol("drop");

/** `value` with a few parts dropped or replaced by other JSON (often a real ID of the wrong kind), at any depth. */
function mutated(value: unknown): fc.Arbitrary<unknown> {
  const replacement = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(...knownIds()),
    fc.constant(""),
  );
  const keep = (arbitrary: fc.Arbitrary<unknown>) => ({ weight: 60, arbitrary });
  if (Array.isArray(value)) {
    const items = value.map((item) => fc.oneof(keep(mutated(item)), fc.constant(DROP)));
    return fc.oneof(keep(fc.tuple(...items).map((all) => all.filter((item) => item !== DROP))), replacement);
  }
  if (value !== null && typeof value === "object") {
    const pairs = Object.entries(value).map(([key, child]) =>
      fc.oneof(keep(mutated(child)), fc.constant(DROP), replacement).map((next) => [key, next] as const),
    );
    return fc.oneof(
      keep(fc.tuple(...pairs).map((all) => Object.fromEntries(all.filter(([, v]) => v !== DROP)))),
      replacement,
    );
  }
  return fc.oneof(keep(fc.constant(value)), replacement);
}

const anyBody = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Raw request text: mostly a mutated valid body, sometimes anything, cut short or not JSON at all. */
function requestText(valid: unknown, version: () => Promise<number>): fc.Arbitrary<() => Promise<string>> {
  const body = fc.oneof({ weight: 4, arbitrary: mutated(valid) }, { weight: 1, arbitrary: anyBody });
  return fc.oneof(
    { weight: 8, arbitrary: body.map((b) => async () => JSON.stringify(resolved(b, await version())) ?? "") },
    {
      weight: 1,
      arbitrary: body.chain((b) =>
        fc.nat().map((n) => async () => (JSON.stringify(b) ?? "").slice(0, n % 40)),
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => async () => s) },
  );
}

/** The stored catalog. Records are replaced, never changed in place: the same records mean nothing was written. */
function stored() {
  return [...t.emulator.catalogTypes(), ...t.emulator.catalogEntries()];
}

function unchanged(before: readonly object[]): boolean {
  const after = stored();
  return after.length === before.length && after.every((record, i) => record === before[i]);
}

/** Accepted writes in the current test: each write path must be exercised where it succeeds, too. */
let accepted = 0;
beforeEach(() => {
  accepted = 0;
});
afterEach((context) => {
  if (context.task.name.startsWith("POST") || context.task.name.startsWith("PUT")) {
    expect(accepted, "writes accepted during the run").toBeGreaterThan(0);
  }
});

async function expectClientAnswer(method: string, path: string, raw: string): Promise<void> {
  const before = stored();
  const reply = await t.emulator.app.request(path, {
    method,
    headers: { Authorization: `Bearer ${t.adminKey}`, "Content-Type": "application/json" },
    body: raw,
  });
  const text = await reply.text();
  const context = `${method} ${path} ${raw} → ${reply.status} ${text}`;
  expect(reply.status, context).toBeGreaterThanOrEqual(200);
  expect(reply.status, context).toBeLessThan(500);
  if (reply.status >= 400) {
    const body = JSON.parse(text);
    expect(body, context).toMatchObject({ status: reply.status, type: expect.any(String) });
    expect(body.errors.length, context).toBeGreaterThan(0);
    expect(unchanged(before), context).toBe(true);
  } else {
    accepted++;
  }
  expect(t.violations, context).toEqual([]);
}

const versionOf = (id: string) => async () =>
  (await get(`/v3/catalog_types/${id}`)).body.catalog_type?.schema.version ?? 0;
const noVersion = async () => 0;
const target = () =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...knownIds()) },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9A-Za-z_-]{1,30}$/) },
  );

describe("catalog write paths under arbitrary input", () => {
  it("POST /v3/catalog_types answers 2xx or 4xx, and refusals change nothing", async () => {
    const valid = {
      name: "Kubernetes cluster",
      description: "GKE clusters",
      type_name: `Custom["C${FRESH}"]`,
      categories: ["service"],
      color: "cyan",
      icon: "server",
      ranked: true,
      annotations: { "incidentkit/sync-id": "backstage" },
      owning_team_ids: ["01TEAM"],
      source_repo_url: "https://github.com/acme/catalog",
      use_name_as_identifier: true,
    };
    // The fresh marker sits inside the type name, so it is swapped for a new name there.
    const withName = { ...valid, type_name: FRESH };
    await fc.assert(
      fc.asyncProperty(requestText(withName, noVersion), async (text) => {
        const raw = (await text()).replace(/"(fresh-\d+)"/, (_, name) =>
          JSON.stringify(`Custom["${name.replace("-", "")}"]`),
        );
        await expectClientAnswer("POST", "/v3/catalog_types", raw);
      }),
      { numRuns: RUNS },
    );
  });

  it("PUT /v3/catalog_types/{id} answers 2xx or 4xx, and refusals change nothing", async () => {
    const valid = { name: "Team", description: "Teams", color: "violet", ranked: false, annotations: {} };
    await fc.assert(
      fc.asyncProperty(target(), requestText(valid, noVersion), async (id, text) => {
        await expectClientAnswer("PUT", `/v3/catalog_types/${id}`, await text());
      }),
      { numRuns: RUNS },
    );
  });

  it("POST /v3/catalog_types/{id}/actions/update_schema answers 2xx or 4xx, and refusals change nothing", async () => {
    const valid = {
      version: VERSION,
      attributes: [
        { id: "team", name: "Team", type: team.type_name, array: false },
        { name: "Notes", type: "Text", array: false, mode: "dashboard" },
        { name: "Depends on", type: service.type_name, array: true },
        {
          name: "Team channel",
          type: "String",
          array: false,
          path: [{ attribute_id: "team" }, { attribute_id: "slack" }],
        },
      ],
    };
    await fc.assert(
      fc.asyncProperty(requestText(valid, versionOf(scratch.id)), async (text) => {
        await expectClientAnswer(
          "POST",
          `/v3/catalog_types/${scratch.id}/actions/update_schema`,
          await text(),
        );
      }),
      { numRuns: RUNS },
    );
  });

  const values = {
    owner: { value: { literal: "ada" } },
    tier: { value: { literal: "2" } },
    public: { value: { literal: "false" } },
    tags: { array_value: [{ literal: "pci" }, { literal: "tier-1" }] },
    team: { value: { literal: "payments" } },
  };

  it("POST /v3/catalog_entries answers 2xx or 4xx, and refusals change nothing", async () => {
    const valid = {
      catalog_type_id: service.id,
      name: "Search",
      external_id: FRESH,
      aliases: ["search-api"],
      rank: 2,
      attribute_values: values,
    };
    await fc.assert(
      fc.asyncProperty(requestText(valid, noVersion), async (text) => {
        await expectClientAnswer("POST", "/v3/catalog_entries", await text());
      }),
      { numRuns: RUNS },
    );
  });

  it("PUT /v3/catalog_entries/{id} answers 2xx or 4xx, and refusals change nothing", async () => {
    const valid = {
      name: "Payments API",
      external_id: "payments-api",
      aliases: ["pay"],
      rank: 1,
      attribute_values: values,
      update_attributes: ["owner", "tier"],
    };
    await fc.assert(
      fc.asyncProperty(target(), requestText(valid, noVersion), async (id, text) => {
        await expectClientAnswer("PUT", `/v3/catalog_entries/${id}`, await text());
      }),
      { numRuns: RUNS },
    );
  });

  it("POST /v3/catalog_entries/actions/bulk_update answers 2xx or 4xx, and refusals change nothing", async () => {
    const valid = {
      catalog_type_id: service.id,
      entries: entries.map((e) => ({ entry_id: e.id, name: e.name, attribute_values: values, rank: 1 })),
      update_attributes: ["tier", "tags"],
    };
    await fc.assert(
      fc.asyncProperty(requestText(valid, noVersion), async (text) => {
        await expectClientAnswer("POST", "/v3/catalog_entries/actions/bulk_update", await text());
      }),
      { numRuns: RUNS },
    );
  });
});

describe("catalog reads under arbitrary input", () => {
  const key = fc.oneof(
    fc.constantFrom(
      "catalog_type_id",
      "page_size",
      "after",
      "identifier",
      "expand",
      "catalog_type_id[one_of]",
    ),
    fc.string({ maxLength: 8 }),
  );
  const value = () =>
    fc.oneof(
      fc.constantFrom(
        ...knownIds(),
        "payments-api",
        "books",
        "Ledger",
        "true",
        "false",
        "0",
        "1",
        "250",
        "251",
      ),
      fc.integer({ min: -3, max: 300 }).map(String),
      fc.string({ maxLength: 12 }),
    );

  it("GET /v3/catalog_entries answers 200 or a 4xx error body for any query string", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, value()), { maxLength: 5 }), async (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const reply = await call(t.emulator, "GET", `/v3/catalog_entries?${query}`, { token: t.adminKey });
        const context = `GET ?${query} → ${reply.status} ${JSON.stringify(reply.body)}`;
        expect(reply.status, context).toBeLessThan(500);
        if (reply.status >= 400) expect(reply.body.errors.length, context).toBeGreaterThan(0);
        expect(t.violations, context).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("GET /v3/catalog_entries/{id} and DELETE answer 2xx, 404 or 422 for any ID and expand", async () => {
    const expand = fc.option(fc.oneof(fc.constantFrom("true", "false"), fc.string({ maxLength: 5 })));
    await fc.assert(
      fc.asyncProperty(target(), expand, async (id, flag) => {
        const path = `/v3/catalog_entries/${encodeURIComponent(id)}${flag === null ? "" : `?expand=${encodeURIComponent(flag)}`}`;
        const reply = await call(t.emulator, "GET", path, { token: t.adminKey });
        expect([200, 404, 422], `${path} → ${reply.status}`).toContain(reply.status);
        expect(t.violations).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
