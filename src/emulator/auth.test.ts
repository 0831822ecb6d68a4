import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import type { Snapshot } from "./model.js";
import { call, testSnapshot, tokenFor } from "./testing.js";

let t: TestEmulator;
let snapshot: Snapshot;

beforeAll(async () => {
  snapshot = testSnapshot();
  t = await startTestEmulator({ ephemeral: true, snapshot });
});

afterAll(() => t.close());

/** A request with exactly this Authorization header (or none), answered with its raw text and headers. */
async function raw(method: string, path: string, authorization?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.Authorization = authorization;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await t.emulator.app.request(path, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: text ? JSON.parse(text) : undefined,
  };
}

function expectErrorBody(body: Record<string, unknown>, status: number, type: string) {
  expect(body).toMatchObject({ type, status });
  expect(body.request_id).toMatch(/^[0-9a-f-]{36}$/);
  const errors = body.errors as { code: unknown; message: unknown }[];
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(typeof error.code).toBe("string");
    expect(typeof error.message).toBe("string");
  }
}

describe("authentication", () => {
  it("answers 401 missing_authorization_material without an Authorization header", async () => {
    for (const header of [undefined, "", "   "]) {
      const reply = await raw("GET", "/v1/severities", header);
      expect(reply.status).toBe(401);
      expectErrorBody(reply.body, 401, "authentication_error");
      expect(reply.body.errors[0]).toEqual({
        code: "missing_authorization_material",
        message: "No authorization material provided in request",
      });
    }
  });

  it("answers 401 for a header that is not a bearer token", async () => {
    const token = tokenFor(snapshot, "Viewer");
    for (const header of [`Basic ${token}`, token, "Bearer", `Bearer ${token} extra`]) {
      const reply = await raw("GET", "/v1/severities", header);
      expect(reply.status, header.slice(0, 12)).toBe(401);
      expectErrorBody(reply.body, 401, "authentication_error");
      expect(reply.body.errors[0].code).toBe("authentication_failed");
    }
  });

  it("answers 401 for an unknown key, without repeating it", async () => {
    const unknown = `inc_${"ab".repeat(32)}`;
    const reply = await raw("GET", "/v2/incidents", `Bearer ${unknown}`);
    expect(reply.status).toBe(401);
    expectErrorBody(reply.body, 401, "authentication_error");
    expect(reply.body.errors[0].code).toBe("authentication_failed");
    expect(reply.text).not.toContain(unknown);
    expect(reply.text).not.toContain("abababab");
  });

  it("accepts a key minted at run time straight away", async () => {
    const minted = t.emulator.createApiKey("Fresh", ["viewer"]);
    const reply = await call(t.emulator, "GET", "/v1/identity", { token: minted.token });
    expect(reply.status).toBe(200);
    expect(reply.body.identity.name).toBe("Fresh");
  });

  it("gives every response its own request_id", async () => {
    const a = await raw("GET", "/v1/severities");
    const b = await raw("GET", "/v1/severities");
    expect(a.body.request_id).not.toBe(b.body.request_id);
  });
});

describe("scopes", () => {
  it("answers 403 naming the scope a write needs when the key lacks it", async () => {
    const viewer = tokenFor(snapshot, "Viewer");
    const reply = await call(t.emulator, "POST", "/v1/severities", {
      token: viewer,
      body: { name: "New", description: "x" },
    });
    expect(reply.status).toBe(403);
    expectErrorBody(reply.body, 403, "resource_forbidden");
    expect(reply.body.errors[0]).toMatchObject({
      code: "missing_scope",
      metadata: { required_scope: "organisation_settings.update" },
    });
    expect(reply.body.errors[0].message).toContain("organisation_settings.update");
    const list = await call(t.emulator, "GET", "/v1/severities", { token: viewer });
    expect(list.body.severities).toHaveLength(3);
  });

  it("refuses to declare an incident with a viewer key, and to list incidents with a creator key", async () => {
    const declare = await call(t.emulator, "POST", "/v2/incidents", {
      token: tokenFor(snapshot, "Viewer"),
      body: { idempotency_key: "scope-check", visibility: "public", name: "Nope" },
    });
    expect(declare.status).toBe(403);
    expect(declare.body.errors[0].metadata.required_scope).toBe("incidents.create");
    expect(t.emulator.incidents()).toHaveLength(0);
    const list = await call(t.emulator, "GET", "/v2/incidents", { token: tokenFor(snapshot, "Creator") });
    expect(list.status).toBe(403);
    expect(list.body.errors[0].metadata.required_scope).toBe("incidents.view");
  });

  it("lets a global_access key do what any role can", async () => {
    for (const path of ["/v2/incidents", "/v2/users", "/v1/severities", "/v2/custom_fields"]) {
      expect((await call(t.emulator, "GET", path, { token: t.adminKey })).status).toBe(200);
    }
  });
});

describe("private incidents", () => {
  it("exist only for a global_access key: left out of lists, 404 when asked for, no updates read or posted", async () => {
    const declared = await call(t.emulator, "POST", "/v2/incidents", {
      token: t.adminKey,
      body: {
        idempotency_key: "private-check",
        visibility: "private",
        name: "Card data exposed",
        severity_id: snapshot.severities.find((severity) => severity.name === "Minor")?.id,
      },
    });
    expect(declared.status).toBe(200);
    const { id } = declared.body.incident;
    await call(t.emulator, "POST", "/v2/incident_updates", {
      token: t.adminKey,
      body: { incident_id: id, message: "Vendor notified", idempotency_key: "private-update" },
    });
    for (const name of ["Viewer", "Editor"] as const) {
      const token = tokenFor(snapshot, name);
      if (name === "Viewer") {
        const list = await call(t.emulator, "GET", "/v2/incidents", { token });
        expect(list.body.incidents.map((incident: { id: string }) => incident.id)).not.toContain(id);
        expect(list.body.pagination_meta.total_record_count).toBe(list.body.incidents.length);
        expect((await call(t.emulator, "GET", `/v2/incidents/${id}`, { token })).status).toBe(404);
        const updates = await call(t.emulator, "GET", `/v2/incident_updates?incident_id=${id}`, { token });
        expect(updates.body.incident_updates).toEqual([]);
      } else {
        const edit = await call(t.emulator, "POST", `/v2/incidents/${id}/actions/edit`, {
          token,
          body: { incident: { name: "Renamed" }, notify_incident_channel: false },
        });
        expect(edit.status).toBe(404);
        const post = await call(t.emulator, "POST", "/v2/incident_updates", {
          token,
          body: { incident_id: id, message: "Seen it", idempotency_key: "private-update-2" },
        });
        expect(post.status).toBe(422);
      }
    }
    const admin = await call(t.emulator, "GET", `/v2/incidents/${id}`, { token: t.adminKey });
    expect(admin.body.incident.name).toBe("Card data exposed");
  });
});

describe("secrecy of keys", () => {
  it("never echoes the caller's key in a response body or header, success or error", async () => {
    const token = tokenFor(snapshot, "Viewer");
    const typo = `${token.slice(0, -1)}${token.endsWith("0") ? "1" : "0"}`;
    const replies = [
      await raw("GET", "/v1/identity", `Bearer ${token}`),
      await raw("GET", "/v1/severities/01NOSUCH", `Bearer ${token}`),
      await raw("POST", "/v1/severities", `Bearer ${token}`, { name: "x", description: "y" }),
      await raw("GET", "/v1/severities", `Bearer ${typo}`),
      await raw("GET", "/v1/severities", `Basic ${token}`),
      await raw("GET", "/v2/catalog_types", `Bearer ${token}`),
      await raw("GET", "/v2/nothing_here", `Bearer ${token}`),
      await raw("GET", "/_emulator/faults", `Bearer ${token}`),
    ];
    const secret = token.slice(4, 24);
    for (const reply of replies) {
      expect(reply.text).not.toContain(secret);
      expect(reply.text).not.toContain(typo.slice(4, 24));
      for (const [, value] of reply.headers) expect(value).not.toContain(secret);
    }
    expect(replies.map((r) => r.status)).toEqual([200, 404, 403, 401, 401, 501, 404, 403]);
  });
});
