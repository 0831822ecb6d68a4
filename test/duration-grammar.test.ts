import { describe, expect, it } from "vitest";
import { loadRules } from "../src/alerts/rules/index.js";
import { parseCatalogConfig } from "../src/catalog/index.js";
import { timeOf } from "../src/faces/cli/commands/changes.js";
import { windowMs } from "../src/faces/mcp/tools/changes.js";
import { loadHubConfig } from "../src/hub/config.js";
import { sinceOf } from "../src/hub/routes/changes.js";
import { windowOf } from "../src/investigate/analytics/index.js";
import { resolveTimeRange } from "../src/investigate/similar/time-range.js";
import { DURATION_HINT } from "../src/shared/duration.js";

/**
 * Every duration a person writes, on the command line, in a query or in a config file, is read by the one grammar
 * of src/shared/duration.ts: `30m` and `2w` are durations everywhere, and what refuses one of them does so by the
 * setting's own limit, never by not reading it.
 */

const MINUTES_30 = 30 * 60_000;
const WEEKS_2 = 14 * 86_400_000;
const now = Date.parse("2026-06-15T12:00:00Z");

function refusal(load: () => unknown): string | undefined {
  try {
    load();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe("duration flags and query parameters", () => {
  const flags: Array<[string, (text: string) => number]> = [
    [
      "analytics --since (CLI, web UI, get_mttr)",
      (text) => now - windowOf({ since: text }, now, "90d").fromMs,
    ],
    ["similar --time-range (CLI, find_similar_incidents)", (text) => now - resolveTimeRange(text, now).from],
    ["changes list --since, changes add --at", (text) => now - Date.parse(timeOf("--since", text, now))],
    ["GET /changes?since=", (text) => now - Date.parse(sinceOf(text, now, []) ?? "")],
    ["get_changes since", (text) => windowMs(text, 0)],
  ];

  it.each(flags)("%s reads 30m and 2w alike", (_, read) => {
    expect(read("30m")).toBe(MINUTES_30);
    expect(read("2w")).toBe(WEEKS_2);
  });
});

describe("duration config keys", () => {
  const ENV = { PROM_ALERT_TOKEN: "secret-prom-token" };
  const hub = (settings: string) =>
    loadHubConfig(`sources:\n  prometheus: { token_env: PROM_ALERT_TOKEN }\n${settings}`, "hub.yaml", {
      env: ENV,
      dataDir: "/var/lib/incidentkit",
    });
  const rules = (settings: string) =>
    loadRules(`${settings}rules:\n  - name: prod\n    action: open_incident\n`, "r");

  /** Each key, how it reads a value, and which of 30m and 2w is beyond its own limit (with that limit's words). */
  const keys: Array<
    [string, (text: string) => number | undefined, { refuses?: "30m" | "2w"; because?: RegExp }]
  > = [
    ["mirror.reconcile_every", (t) => hub(`mirror: { reconcile_every: ${t} }\n`).mirror.reconcileEveryMs, {}],
    [
      "alerts.retention",
      (t) => hub(`alerts: { retention: ${t} }\n`).alerts.retentionMs,
      { refuses: "30m", because: /at least 1h/ },
    ],
    [
      "scorecard_runs_every",
      (t) => hub(`scorecard_runs_every: ${t}\n`).scorecardRunsEveryMs,
      { refuses: "2w", because: /at most 7d/ },
    ],
    [
      "catalog.push_every",
      (t) => parseCatalogConfig({ dir: "c", push_every: t }, "hub.yaml").pushEveryMs,
      {},
    ],
    [
      "rules: defaults.reopen_after",
      (t) => rules(`defaults: { reopen_after: ${t} }\n`).defaults.reopenAfterMs,
      {},
    ],
    [
      "rules: suppress.cooldown",
      (t) =>
        loadRules(`rules:\n  - name: p\n    action: open_incident\n    suppress: { cooldown: ${t} }\n`, "r")
          .rules[0]?.suppress.cooldownMs,
      {},
    ],
  ];

  it.each(keys)("%s reads 30m and 2w alike, refusing only past its own limit", (_, read, limit) => {
    for (const [text, ms] of [
      ["30m", MINUTES_30],
      ["2w", WEEKS_2],
    ] as const) {
      if (limit.refuses === text) {
        const message = refusal(() => read(text));
        expect(message).toMatch(limit.because ?? /./);
        expect(message).not.toContain(DURATION_HINT);
      } else {
        expect(read(text)).toBe(ms);
      }
    }
    expect(refusal(() => read("fortnightly"))).toContain(DURATION_HINT);
  });
});
