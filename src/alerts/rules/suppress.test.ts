import { describe, expect, it } from "vitest";
import { decide } from "./decide.js";
import { alert, RecordedHistory, rulesFrom } from "./testing.js";
import type { SuppressionHistory } from "./types.js";

const none = new RecordedHistory();

function rulesWith(suppress: string, timezone = "Europe/London") {
  return rulesFrom(`
timezone: ${timezone}
rules:
  - name: prod-critical
    action: open_incident
    suppress:
${suppress}
`);
}

const at = (rules: ReturnType<typeof rulesFrom>, iso: string, history: SuppressionHistory = none) =>
  decide(alert(), rules, history, new Date(iso));

describe("suppression: schedule", () => {
  const weekdays = rulesWith(
    `      schedule: { days: [mon, tue, wed, thu, fri], from: "08:00", to: "20:00" }`,
  );
  const outside = "suppressed: outside schedule mon–fri 08:00–20:00 Europe/London";

  it("acts inside the schedule and suppresses outside it, on wall-clock time", () => {
    expect(at(weekdays, "2026-01-14T08:00:00Z").action).toBe("open_incident");
    expect(at(weekdays, "2026-01-14T07:59:00Z")).toMatchObject({ action: "suppressed", reason: outside });
    expect(at(weekdays, "2026-01-14T20:00:00Z").reason).toBe(outside);
    expect(at(weekdays, "2026-01-17T12:00:00Z").reason).toBe(outside);
    expect(at(weekdays, "2026-07-15T07:30:00Z").action).toBe("open_incident");
    expect(at(weekdays, "2026-07-15T19:30:00Z").reason).toBe(outside);
  });

  it("follows the clocks on the days they change in Europe/London", () => {
    const daily = rulesWith(`      schedule: { from: "08:00", to: "20:00" }`);
    expect(at(daily, "2026-03-29T07:30:00Z").action).toBe("open_incident");
    expect(at(daily, "2026-03-29T19:30:00Z").reason).toBe(
      "suppressed: outside schedule every day 08:00–20:00 Europe/London",
    );
    expect(at(daily, "2026-10-25T07:30:00Z").action).toBe("suppressed");
    expect(at(daily, "2026-10-25T08:00:00Z").action).toBe("open_incident");
    expect(at(daily, "2026-10-25T19:30:00Z").action).toBe("open_incident");
  });

  it("runs a window past midnight on the day it starts", () => {
    const nights = rulesWith(`      schedule: { days: [fri, saturday], from: "20:00", to: "06:00" }`, "UTC");
    expect(at(nights, "2026-01-16T21:00:00Z").action).toBe("open_incident");
    expect(at(nights, "2026-01-17T05:59:00Z").action).toBe("open_incident");
    expect(at(nights, "2026-01-18T05:00:00Z").action).toBe("open_incident");
    expect(at(nights, "2026-01-19T05:00:00Z").reason).toBe(
      "suppressed: outside schedule fri, sat 20:00–06:00 UTC",
    );
    expect(at(nights, "2026-01-17T06:00:00Z").action).toBe("suppressed");
  });
});

describe("suppression: blackouts", () => {
  const rules = rulesWith(`      blackouts:
        - { from: "2026-12-24T00:00:00Z", to: "2026-12-27T00:00:00Z", reason: "holiday freeze" }
        - { every: sunday, from: "00:30", to: "03:00", reason: "maintenance" }
        - { every: tue, from: "23:00", to: "00:15" }`);

  it("suppresses inside an absolute window, from its start up to its end", () => {
    const holiday = "suppressed: blackout 'holiday freeze' until 2026-12-27T00:00:00Z";
    expect(at(rules, "2026-12-24T00:00:00Z").reason).toBe(holiday);
    expect(at(rules, "2026-12-26T23:59:59Z")).toMatchObject({ action: "suppressed", reason: holiday });
    expect(at(rules, "2026-12-23T23:59:59Z").action).toBe("open_incident");
    expect(at(rules, "2026-12-27T00:00:00Z").action).toBe("open_incident");
  });

  it("suppresses inside a weekly window, naming when it ends even across a clock change", () => {
    expect(at(rules, "2026-01-18T01:00:00Z").reason).toBe(
      "suppressed: blackout 'maintenance' until 2026-01-18T03:00:00Z",
    );
    expect(at(rules, "2026-03-29T01:30:00Z").reason).toBe(
      "suppressed: blackout 'maintenance' until 2026-03-29T02:00:00Z",
    );
    expect(at(rules, "2026-01-18T03:00:00Z").action).toBe("open_incident");
    expect(at(rules, "2026-01-19T01:00:00Z").action).toBe("open_incident");
  });

  it("carries a weekly window past midnight, and words one without a reason", () => {
    expect(at(rules, "2026-01-20T23:30:00Z").reason).toBe("suppressed: blackout until 2026-01-21T00:15:00Z");
    expect(at(rules, "2026-01-21T00:10:00Z").reason).toBe("suppressed: blackout until 2026-01-21T00:15:00Z");
    expect(at(rules, "2026-01-20T22:59:00Z").action).toBe("open_incident");
    expect(at(rules, "2026-01-21T00:15:00Z").action).toBe("open_incident");
  });
});

describe("suppression: cooldown", () => {
  const rules = rulesWith("      cooldown: 15m");

  it("suppresses a new incident for the same dedup key until the cooldown has passed", () => {
    const history = new RecordedHistory().record("prod-critical", "2026-05-01T10:00:00Z");
    expect(at(rules, "2026-05-01T10:04:30Z", history)).toEqual({
      action: "suppressed",
      rule: "prod-critical",
      reason: "suppressed: cooldown 15m for dedup key db-down (last incident opened 4m ago)",
    });
    expect(at(rules, "2026-05-01T10:14:59Z", history).action).toBe("suppressed");
    expect(at(rules, "2026-05-01T10:15:00Z", history).action).toBe("open_incident");
  });

  it("keeps each alert group's cooldown apart: another dedup key or source opens", () => {
    const history = new RecordedHistory()
      .record("prod-critical", "2026-05-01T10:00:00Z", "cache-down")
      .record("prod-critical", "2026-05-01T10:00:00Z", "db-down", "grafana");
    expect(at(rules, "2026-05-01T10:05:00Z", history).action).toBe("open_incident");
  });
});

describe("suppression: daily cap", () => {
  const rules = rulesWith("      daily_cap: 2");

  it("opens below the cap and suppresses once the rule reached it today", () => {
    const one = new RecordedHistory().record("prod-critical", "2026-05-01T09:00:00Z");
    expect(at(rules, "2026-05-01T12:00:00Z", one).action).toBe("open_incident");
    one.record("prod-critical", "2026-05-01T10:00:00Z");
    expect(at(rules, "2026-05-01T12:00:00Z", one)).toEqual({
      action: "suppressed",
      rule: "prod-critical",
      reason: "suppressed: daily cap 2 reached for rule prod-critical",
    });
  });

  it("counts only the rule's own incidents", () => {
    const history = new RecordedHistory()
      .record("other-rule", "2026-05-01T09:00:00Z")
      .record("other-rule", "2026-05-01T10:00:00Z");
    expect(at(rules, "2026-05-01T12:00:00Z", history).action).toBe("open_incident");
  });
});

describe("suppression: order", () => {
  it("names the blackout before the schedule, cooldown and cap", () => {
    const rules = rulesWith(`      schedule: { days: [mon], from: "08:00", to: "09:00" }
      blackouts: [{ from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", reason: "freeze" }]
      cooldown: 1h
      daily_cap: 1`);
    const busy = new RecordedHistory().record("prod-critical", "2026-01-10T11:30:00Z");
    expect(at(rules, "2026-01-10T12:00:00Z", busy).reason).toMatch(/^suppressed: blackout 'freeze'/);
    expect(at(rules, "2026-02-10T12:00:00Z", busy).reason).toMatch(/^suppressed: outside schedule/);
    const monday = new RecordedHistory().record("prod-critical", "2026-02-09T08:10:00Z");
    expect(at(rules, "2026-02-09T08:30:00Z", monday).reason).toMatch(/^suppressed: cooldown 1h/);
    expect(
      at(
        rules,
        "2026-02-09T08:30:00Z",
        new RecordedHistory().record("prod-critical", "2026-02-09T08:10:00Z", "x"),
      ).reason,
    ).toBe("suppressed: daily cap 1 reached for rule prod-critical");
  });

  it("does not hold back a record_only rule", () => {
    const rules = rulesFrom(`
rules:
  - name: quiet
    action: record_only
    suppress: { blackouts: [{ every: day, from: "00:00", to: "24:00" }] }
`);
    expect(decide(alert(), rules, none, new Date("2026-01-01T12:00:00Z")).reason).toBe(
      "record only: rule quiet",
    );
  });
});
