import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AlertEvent } from "../alerts/event.js";
import { decide, type SuppressionHistory } from "../alerts/rules/index.js";
import { ConfigError } from "../api/errors.js";
import { DEMO_SOURCES, demoHubConfig, demoRules } from "./demo.js";
import { demoTokens, demoTokensFile, keptDemoAdminToken } from "./demo-tokens.js";

const nothingOpened: SuppressionHistory = { lastOpenedAt: () => undefined, openedToday: () => 0 };

/** The alert the demo banner's curl example sends. */
const bannerAlert: AlertEvent = {
  source: "generic",
  dedupKey: "db-down",
  status: "firing",
  title: "Database down",
  severity: "critical",
  labels: { env: "production", service: "payments-api" },
};

describe("demo rules", () => {
  const rules = demoRules();

  it("open a Critical incident for the banner's example, naming the affected service", () => {
    const decision = decide(bannerAlert, rules, nothingOpened, new Date("2026-06-10T12:00:00Z"));
    expect(decision).toMatchObject({
      action: "open_incident",
      rule: "prod-critical",
      incident: {
        name: "Database down",
        severity: "Critical",
        mode: "standard",
        customFields: { "Affected services": "payments-api" },
      },
    });
  });

  it("open it whatever the day and hour, holidays and weekends included", () => {
    for (const at of [
      "2026-12-25T10:00:00Z",
      "2026-11-29T03:00:00Z",
      "2026-11-25T12:30:00Z",
      "2027-01-01T23:59:00Z",
    ]) {
      expect(decide(bannerAlert, rules, nothingOpened, new Date(at)).action, at).toBe("open_incident");
    }
  });

  it("hold a repeat back for the cooldown, and only record staging alerts", () => {
    const now = new Date("2026-06-10T12:00:00Z");
    const justOpened: SuppressionHistory = {
      lastOpenedAt: () => new Date(now.getTime() - 5 * 60_000),
      openedToday: () => 1,
    };
    expect(decide(bannerAlert, rules, justOpened, now)).toMatchObject({
      action: "suppressed",
      rule: "prod-critical",
    });
    const staging = { ...bannerAlert, severity: "warning", labels: { env: "staging" } };
    expect(decide(staging, rules, nothingOpened, now)).toMatchObject({
      action: "record_only",
      rule: "staging-warnings",
    });
  });

  it("open a Minor incident for a payments warning only in business hours", () => {
    const warning = { ...bannerAlert, severity: "warning", labels: { service: "payments-ledger" } };
    const tuesdayMorning = new Date("2026-11-24T10:00:00Z");
    const saturday = new Date("2026-11-28T10:00:00Z");
    expect(decide(warning, rules, nothingOpened, tuesdayMorning)).toMatchObject({
      action: "open_incident",
      incident: { severity: "Minor", type: "Default" },
    });
    expect(decide(warning, rules, nothingOpened, saturday).action).toBe("suppressed");
  });
});

describe("demo hub config", () => {
  it("listens on 127.0.0.1:8780 by default, keeps state in <data dir>/hub, one source per format", () => {
    const tokens = { alertmanager: "a".repeat(20), grafana: "g".repeat(20), generic: "x".repeat(20) };
    const config = demoHubConfig({ dataDir: "/data", tokens });
    expect(config.listen).toEqual({ host: "127.0.0.1", port: 8780 });
    expect(config.dataDir).toBe(join("/data", "hub"));
    expect(config.database).toEqual({ dataDir: join("/data", "hub") });
    expect(config.rateLimit).toEqual({ capacity: 1200, refillPerSecond: 20 });
    expect(config.sources.map(({ name, format, token }) => [name, format, token])).toEqual([
      ["alertmanager", "alertmanager", tokens.alertmanager],
      ["grafana", "grafana", tokens.grafana],
      ["generic", "generic", tokens.generic],
    ]);
    expect(demoHubConfig({ dataDir: "/data", tokens, port: 0 }).listen.port).toBe(0);
  });
});

describe("demo tokens", () => {
  let dir: string;
  const names = DEMO_SOURCES.map((source) => source.name);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "incidentkit-demo-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("are generated once, distinct, kept in an owner-only file, and read back on the next start", () => {
    const first = demoTokens(join(dir, "hub"), names);
    expect(first.generated).toBe(true);
    expect(Object.keys(first.tokens)).toEqual(names);
    expect(new Set(Object.values(first.tokens)).size).toBe(3);
    for (const token of Object.values(first.tokens)) expect(token).toMatch(/^demo_[A-Za-z0-9_-]{32}$/);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);

    const again = demoTokens(join(dir, "hub"), names);
    expect(again).toEqual({ ...first, generated: false });
  });

  it("keep the tokens already issued when a source is added", () => {
    const before = demoTokens(dir, ["alertmanager"]);
    const after = demoTokens(dir, names);
    expect(after.tokens.alertmanager).toBe(before.tokens.alertmanager);
    expect(after.tokens.generic).toBeDefined();
    expect(demoTokens(dir, names).tokens).toEqual(after.tokens);
  });

  it("include the hub's admin token, which the CLI reads back, added to a file kept from before it", () => {
    const sources = { alertmanager: `demo_${"a".repeat(32)}` };
    writeFileSync(demoTokensFile(dir), JSON.stringify({ sources }));
    expect(keptDemoAdminToken(dir)).toBeUndefined();
    const tokens = demoTokens(dir, ["alertmanager"]);
    expect(tokens.generated).toBe(true);
    expect(tokens.tokens).toEqual(sources);
    expect(tokens.admin).toMatch(/^demo_[A-Za-z0-9_-]{32}$/);
    expect(keptDemoAdminToken(dir)).toBe(tokens.admin);
    expect(demoTokens(dir, ["alertmanager"])).toEqual({ ...tokens, generated: false });
  });

  it("refuse a file that is not theirs, naming it without quoting it", () => {
    writeFileSync(demoTokensFile(dir), '{"sources": {"generic": 42}}');
    expect(() => demoTokens(dir, names)).toThrow(ConfigError);
    expect(() => demoTokens(dir, names)).toThrow(demoTokensFile(dir));
    writeFileSync(demoTokensFile(dir), "{ not json");
    expect(() => demoTokens(dir, names)).toThrow(/not valid JSON/);
    expect(readFileSync(demoTokensFile(dir), "utf8")).toBe("{ not json");
  });
});
