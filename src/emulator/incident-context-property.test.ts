import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import type { IncidentRecord, Snapshot } from "./model.js";
import { EXTERNAL_RESOURCE_TYPES } from "./model-attachments.js";
import { call, incidentRecord, testSnapshot } from "./testing.js";

/**
 * Whatever a caller posts as an attachment, an external post-mortem link or a post-mortem status, the emulator
 * answers with a success or a client error in incident.io's error body (the test emulator checks each against the
 * description), and a refused write changes nothing that can be read back.
 */

const RUNS = 200;
const snapshot: Snapshot = testSnapshot();
const incidents: IncidentRecord[] = [1, 2].map((n) => incidentRecord(snapshot, n));
snapshot.incidents = incidents;
const docAt = new Date(Date.UTC(2024, 0, 5)).toISOString();
snapshot.postmortem_documents = [
  {
    id: "01HPOSTMORTEM0000000000000",
    incident_id: incidents[0]?.id ?? "",
    type: "in_app",
    title: "INC-1: Incident 1",
    status: "in_progress",
    editor_user_ids: [],
    exported_urls: [],
    markdown: "# INC-1: Incident 1\n",
    created_at: docAt,
    updated_at: docAt,
  },
];
const incidentIds = incidents.map((i) => i.id);
let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({
    ephemeral: true,
    snapshot,
    rateLimit: { capacity: 1_000_000, refillPerSecond: 1_000_000 },
  });
});

afterAll(() => t.close());

function expectClientAnswer(status: number, body: unknown, context: string): void {
  expect(status, context).toBeGreaterThanOrEqual(200);
  expect(status, context).toBeLessThan(500);
  if (status >= 400) {
    expect(body, context).toMatchObject({ status, type: expect.any(String), errors: expect.any(Array) });
    expect((body as { errors: unknown[] }).errors.length, context).toBeGreaterThan(0);
  }
}

const anyJson = fc.jsonValue({ maxDepth: 2 });
const someUrl = fc.oneof(
  fc.constantFrom(
    "https://github.com/acme/api/pull/12",
    "https://acme.atlassian.net/browse/OPS-7",
    "https://app.datadoghq.com/monitors/123",
    "https://grafana.example.com/d/x",
    "ftp://example.com/x",
    "not a url",
    "",
  ),
  fc.webUrl(),
);
const resourceType = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EXTERNAL_RESOURCE_TYPES) },
  { weight: 1, arbitrary: anyJson },
);
/** Each field right, wrong or missing. */
const resource = fc.record(
  {
    resource_type: resourceType,
    external_id: fc.oneof(fc.constantFrom("OPS-1", "123", "acme/api#5", "", "Q1R2S3"), anyJson),
    url: fc.oneof(someUrl, anyJson),
    title: fc.oneof(fc.string({ maxLength: 20 }), fc.string({ minLength: 256, maxLength: 300 }), anyJson),
    emoji: fc.oneof(fc.constantFrom("rocket"), anyJson),
  },
  { requiredKeys: [] },
);
/** A plausible attachment: one of the two ways of naming the resource, so the accepting path runs often. */
const plausible = fc.record({
  incident_id: fc.constantFrom(...incidentIds),
  resource: fc.oneof(
    fc.record({
      resource_type: fc.constantFrom("jira_issue"),
      external_id: fc.constantFrom("OPS-1", "OPS-2", "OPS-3"),
    }),
    fc.record({ resource_type: fc.constantFrom("arbitrary_url"), url: fc.webUrl() }),
    fc.record({ resource_type: fc.constantFrom("github_pull_request"), url: someUrl }),
  ),
});
const attachmentBody = fc.oneof(
  { weight: 3, arbitrary: plausible.map((b) => JSON.stringify(b)) },
  {
    weight: 5,
    arbitrary: fc
      .record(
        {
          incident_id: fc.oneof(fc.constantFrom(...incidentIds, "01NOSUCH"), anyJson),
          resource: fc.oneof(resource, anyJson),
        },
        { requiredKeys: [] },
      )
      .map((b) => JSON.stringify(b)),
  },
  { weight: 1, arbitrary: anyJson.map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

async function post(path: string, raw: string, method = "POST") {
  const response = await t.emulator.app.request(path, {
    method,
    headers: { Authorization: `Bearer ${t.adminKey}`, "Content-Type": "application/json" },
    body: raw,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Everything the writes below could change, as the API shows it. */
async function readBack(): Promise<unknown> {
  const attachments = [];
  for (const id of incidentIds) {
    attachments.push(
      (await call(t.emulator, "GET", `/v1/incident_attachments?incident_id=${id}`, { token: t.adminKey }))
        .body,
    );
  }
  const docs = (
    await call(t.emulator, "GET", "/v1/postmortem_documents?page_size=250", { token: t.adminKey })
  ).body;
  return { attachments, docs };
}

describe("incident attachments and post-mortem writes under arbitrary input", () => {
  it("POST /v1/incident_attachments answers 201 or a 4xx, and a refusal changes nothing", async () => {
    let created = 0;
    await fc.assert(
      fc.asyncProperty(attachmentBody, async (raw) => {
        const before = await readBack();
        const reply = await post("/v1/incident_attachments", raw);
        expectClientAnswer(
          reply.status,
          reply.body,
          `POST ${raw} → ${reply.status} ${JSON.stringify(reply.body)}`,
        );
        if (reply.status === 201) created++;
        else expect(await readBack(), raw).toEqual(before);
      }),
      { numRuns: RUNS },
    );
    expect(created).toBeGreaterThan(0);
    // However many were accepted, no resource is attached twice to one incident.
    for (const id of incidentIds) {
      const list = (
        await call(t.emulator, "GET", `/v1/incident_attachments?incident_id=${id}`, { token: t.adminKey })
      ).body;
      const keys = list.incident_attachments.map(
        (a: { resource: { resource_type: string; external_id: string } }) =>
          `${a.resource.resource_type} ${a.resource.external_id}`,
      );
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it("POST /v1/postmortem_documents/actions/attach answers 201 or a 4xx, and a refusal changes nothing", async () => {
    const body = fc.oneof(
      fc
        .record({
          incident_id: fc.constantFrom(...incidentIds),
          permalink: fc.oneof(fc.webUrl(), fc.constantFrom("https://www.notion.so/INC-2")),
          document_provider: fc.constantFrom("", "notion", "google_docs"),
        })
        .map((b) => JSON.stringify(b)),
      fc
        .record(
          {
            incident_id: fc.oneof(fc.constantFrom(...incidentIds, "01NOSUCH"), anyJson),
            permalink: fc.oneof(someUrl, anyJson),
            document_provider: fc.oneof(fc.constantFrom("", "notion", "word"), anyJson),
          },
          { requiredKeys: [] },
        )
        .map((b) => JSON.stringify(b)),
      fc.string({ maxLength: 20 }),
    );
    let attached = 0;
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const before = await readBack();
        const reply = await post("/v1/postmortem_documents/actions/attach", raw);
        expectClientAnswer(reply.status, reply.body, `POST attach ${raw} → ${reply.status}`);
        if (reply.status === 201) attached++;
        else expect(await readBack(), raw).toEqual(before);
      }),
      { numRuns: RUNS },
    );
    expect(attached).toBeGreaterThan(0);
    // Incident 1 has an in-app post-mortem, so nothing external was attached to it; incident 2 has one link at most.
    const docs = (await call(t.emulator, "GET", "/v1/postmortem_documents", { token: t.adminKey })).body
      .postmortem_documents;
    expect(
      docs
        .filter((d: { incident_id: string }) => d.incident_id === incidentIds[0])
        .map((d: { type: string }) => d.type),
    ).toEqual(["in_app"]);
    expect(docs.filter((d: { incident_id: string }) => d.incident_id === incidentIds[1]).length).toBe(1);
  });

  it("PUT /v1/postmortem_documents/{id} answers 200 or a 4xx, and a refusal changes nothing", async () => {
    const id = fc.constantFrom("01HPOSTMORTEM0000000000000", "01NOSUCHDOCUMENT");
    const body = fc.oneof(
      fc
        .record({ status: fc.constantFrom("in_progress", "in_review", "completed") })
        .map((b) => JSON.stringify(b)),
      fc
        .record({ status: fc.oneof(fc.constantFrom("done", ""), anyJson) }, { requiredKeys: [] })
        .map((b) => JSON.stringify(b)),
      fc.string({ maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(id, body, async (docId, raw) => {
        const before = await readBack();
        const reply = await post(`/v1/postmortem_documents/${docId}`, raw, "PUT");
        expectClientAnswer(reply.status, reply.body, `PUT ${docId} ${raw} → ${reply.status}`);
        if (reply.status !== 200) expect(await readBack(), raw).toEqual(before);
        else expect(reply.body.postmortem_document.status).toBe(JSON.parse(raw).status);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("the lists under arbitrary query strings", () => {
  const key = fc.oneof(
    fc.constantFrom(
      "incident_id",
      "external_id",
      "resource_type",
      "page_size",
      "after",
      "sort_by",
      "workflow_id",
      "created_at[gte]",
      "created_at[lte]",
      "created_at[date_range]",
      "created_at[is]",
      "skip_step_upgrades",
    ),
    fc.string({ maxLength: 8 }),
  );
  const value = fc.oneof(
    fc.constantFrom(
      ...incidentIds,
      "jira_issue",
      "OPS-1",
      "created_at_oldest_first",
      "2024-01-01",
      "2024-01-01~2024-02-01",
      "true",
      "0",
      "25",
      "51",
      "251",
    ),
    fc.string({ maxLength: 12 }),
  );
  const query = fc
    .array(fc.tuple(key, value), { maxLength: 4 })
    .map((pairs) => new URLSearchParams(pairs).toString());

  it.each([
    "/v1/incident_attachments",
    "/v1/incident_relationships",
    "/v1/postmortem_documents",
    "/v2/workflow_runs",
    "/v2/workflows/01NOSUCH",
  ])("GET %s answers 200 or a 4xx error body", async (path) => {
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const reply = await call(t.emulator, "GET", `${path}?${q}`, { token: t.adminKey });
        expectClientAnswer(reply.status, reply.body, `GET ${path}?${q} → ${reply.status}`);
      }),
      { numRuns: 60 },
    );
  });
});
