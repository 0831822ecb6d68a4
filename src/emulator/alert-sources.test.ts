import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { DEMO_ALERT_SOURCES } from "./seed/demo-alert-sources.js";
import { demoSnapshot, emptySnapshot } from "./seed/index.js";
import { call, testSnapshot, tokenFor } from "./testing.js";

/** Alert Sources V2 (list, show), the control route that adds one, the seeds, and persistence of alerts. */

const snapshot = testSnapshot();
let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot });
});

afterAll(() => t.close());

const admin = () => tokenFor(snapshot, "Admin");

describe("alert sources", () => {
  it("lists and shows HTTP sources with their secret and events URL on this server", async () => {
    const created = t.emulator.createAlertSource("Synthetic checks");
    const listed = await call(t.emulator, "GET", "/v2/alert_sources", {
      token: tokenFor(snapshot, "Viewer"),
    });
    expect(listed.status).toBe(200);
    const found = listed.body.alert_sources.find((s: { id: string }) => s.id === created.id);
    expect(found).toMatchObject({
      name: "Synthetic checks",
      source_type: "http",
      secret_token: created.secret_token,
      alert_events_url: `http://localhost/v2/alert_events/http/${created.id}`,
    });
    const shown = await call(t.emulator, "GET", `/v2/alert_sources/${created.id}`, { token: admin() });
    expect(shown.body.alert_source).toEqual(found);
    const missing = await call(t.emulator, "GET", "/v2/alert_sources/01HZZZZZZZZZZZZZZZZZZZZZZZ", {
      token: admin(),
    });
    expect(missing.status).toBe(404);
  });

  it("needs the alert_sources.view scope", async () => {
    const reply = await call(t.emulator, "GET", "/v2/alert_sources", {
      token: tokenFor(snapshot, "Creator"),
    });
    expect([reply.status, reply.body.errors[0].metadata]).toEqual([
      403,
      { required_scope: "alert_sources.view" },
    ]);
  });

  it("still answers 501 for the operations it does not implement", async () => {
    const reply = await call(t.emulator, "POST", "/v2/alert_sources", {
      token: admin(),
      body: { name: "x" },
    });
    expect([reply.status, reply.body.errors[0].code]).toEqual([501, "not_implemented"]);
  });
});

describe("POST /_emulator/alert_sources", () => {
  it("adds a source with a fresh secret for an admin key, refusing duplicate names and unknown fields", async () => {
    const reply = await call(t.emulator, "POST", "/_emulator/alert_sources", {
      token: admin(),
      body: { name: "Pingdom" },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.alert_source).toMatchObject({ name: "Pingdom", source_type: "http" });
    expect(reply.body.alert_source.secret_token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const again = await call(t.emulator, "POST", "/_emulator/alert_sources", {
      token: admin(),
      body: { name: "Pingdom" },
    });
    expect([again.status, again.body.errors[0].source.field]).toEqual([422, "name"]);
    const typo = await call(t.emulator, "POST", "/_emulator/alert_sources", {
      token: admin(),
      body: { name: "Other", nmae: "x" },
    });
    expect(typo.status).toBe(422);
    const viewer = await call(t.emulator, "POST", "/_emulator/alert_sources", {
      token: tokenFor(snapshot, "Viewer"),
      body: { name: "Nope" },
    });
    expect(viewer.status).toBe(403);
    expect(t.emulator.alertSources().map((s) => s.name)).not.toContain("Nope");
  });
});

describe("seeds", () => {
  it("starts an empty organisation with no alert sources and no alerts", () => {
    const empty = emptySnapshot();
    expect([empty.alert_sources, empty.alerts]).toEqual([[], []]);
  });

  it("gives the demo organisation its HTTP sources, same IDs for the same seed, secrets always fresh", () => {
    const now = Date.UTC(2025, 5, 1);
    const a = demoSnapshot({ now, seed: 1 });
    const b = demoSnapshot({ now, seed: 1 });
    expect(a.alert_sources.map((s) => [s.name, s.source_type])).toEqual(
      DEMO_ALERT_SOURCES.map((name) => [name, "http"]),
    );
    expect(b.alert_sources.map((s) => s.id)).toEqual(a.alert_sources.map((s) => s.id));
    expect(b.alert_sources[0]?.secret_token).not.toBe(a.alert_sources[0]?.secret_token);
    expect(a.alerts).toEqual([]);
    const all = [
      ...a.alert_sources.map((s) => s.id),
      ...a.incidents.map((i) => i.id),
      ...a.users.map((u) => u.id),
    ];
    expect(new Set(all).size).toBe(all.length);
  });
});

describe("persistence", () => {
  it("keeps alert sources and alerts across a restart", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "incidentkit-emulator-alerts-"));
    try {
      const first = await startTestEmulator({ dataDir, snapshot: testSnapshot() });
      const source = first.emulator.createAlertSource("incidentkit hub");
      const sent = await first.emulator.app.request(`/v2/alert_events/http/${source.id}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${source.secret_token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ title: "Disk full", status: "firing", deduplication_key: "disk-1" }),
      });
      expect(sent.status).toBe(202);
      const alerts = first.emulator.alerts();
      await first.close();

      const second = await startTestEmulator({ dataDir });
      try {
        expect(second.emulator.alertSources()).toEqual([source]);
        expect(second.emulator.alerts()).toEqual(alerts);
        const resolved = await second.emulator.app.request(
          `/v2/alert_events/http/${source.id}?token=${source.secret_token}`,
          {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ title: "Disk full", status: "resolved", deduplication_key: "disk-1" }),
          },
        );
        expect(resolved.status).toBe(202);
        expect(second.emulator.alerts().map((a) => [a.id, a.status])).toEqual([[alerts[0]?.id, "resolved"]]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
