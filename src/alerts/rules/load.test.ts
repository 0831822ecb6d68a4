import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RulesError } from "./errors.js";
import { loadRules } from "./load.js";

const EXAMPLE = new URL("../../../examples/rules.yaml", import.meta.url);

function errorOf(yaml: string): RulesError {
  try {
    loadRules(yaml, "rules.yaml");
  } catch (error) {
    if (error instanceof RulesError) return error;
    throw error;
  }
  throw new Error("expected the rules to be refused");
}

const ONE_RULE = (extra: string) => `rules:\n  - name: prod\n    action: open_incident\n${extra}`;

describe("loadRules: the example file", () => {
  it("loads with its time zone, defaults and rules in order", () => {
    const rules = loadRules(readFileSync(EXAMPLE, "utf8"), "rules.yaml");
    expect(rules.timezone).toBe("Europe/London");
    expect(rules.defaults.reopenAfterMs).toBe(30 * 60_000);
    expect(rules.rules.map((rule) => [rule.name, rule.action])).toEqual([
      ["prod-critical", "open_incident"],
      ["payments-business-hours", "open_incident"],
      ["staging-warnings", "record_only"],
    ]);
    const [prod, payments] = rules.rules;
    expect(prod?.suppress.cooldownMs).toBe(15 * 60_000);
    expect(prod?.suppress.dailyCap).toBe(20);
    // A production page opens whenever it comes, from any source: the hub banner's example alert meets it.
    expect(prod?.match.sources).toBeUndefined();
    expect(prod?.suppress.blackouts).toEqual([]);
    expect(payments?.match.sources).toEqual(["prometheus", "grafana"]);
    expect(payments?.suppress.blackouts.map((blackout) => blackout.kind)).toEqual(["absolute", "weekly"]);
  });

  it("fills defaults when they are left out: UTC, 30m re-open, standard mode, name from the title", () => {
    const rules = loadRules("rules:\n  - name: all\n    action: open_incident\n", "rules.yaml");
    expect(rules.timezone).toBe("UTC");
    expect(rules.defaults.reopenAfterMs).toBe(30 * 60_000);
    expect(rules.rules[0]?.incident.mode).toBe("standard");
    expect(rules.rules[0]?.incident.name.text).toBe("{{ title }}");
  });

  it("accepts an empty rule list", () => {
    expect(loadRules("rules: []\n", "rules.yaml").rules).toEqual([]);
  });
});

describe("loadRules: errors point at the line at fault", () => {
  it("formats the message as file:line:column: field: problem", () => {
    const error = errorOf(ONE_RULE("    match:\n      severity: critical\n"));
    expect(error.message).toBe("rules.yaml:5:7: rules[0].match.severity: expected a list of strings");
    expect([error.file, error.line, error.column, error.field]).toEqual([
      "rules.yaml",
      5,
      7,
      "rules[0].match.severity",
    ]);
  });

  it("refuses an unknown key at the key itself, listing the known ones", () => {
    const error = errorOf(ONE_RULE("    match:\n      severty: [critical]\n"));
    expect(error.message).toBe(
      "rules.yaml:5:7: rules[0].match.severty: unknown key (known keys: source, severity, state, labels, labels_match)",
    );
  });

  it("refuses unknown keys at the top level and inside suppress", () => {
    expect(errorOf("timezon: UTC\nrules: []\n").message).toMatch(/^rules\.yaml:1:1: timezon: unknown key/);
    expect(errorOf(ONE_RULE("    suppress:\n      cooldwn: 5m\n")).message).toMatch(
      /^rules\.yaml:5:7: rules\[0\]\.suppress\.cooldwn: unknown key/,
    );
  });

  it("refuses a duplicate rule name at the second use", () => {
    const error = errorOf(
      ONE_RULE("  - name: other\n    action: record_only\n  - name: prod\n    action: record_only\n"),
    );
    expect(error.message).toBe(
      'rules.yaml:6:5: rules[2].name: duplicate rule name "prod" (already used by rules[0])',
    );
  });

  it("refuses a regular expression that does not compile, with RE2's own words", () => {
    const error = errorOf(ONE_RULE("    match:\n      labels_match:\n        service: '^(payments'\n"));
    expect(error.message).toBe(
      "rules.yaml:6:9: rules[0].match.labels_match.service: invalid regular expression: missing closing ): " +
        "`^(payments` (RE2 syntax, as Alertmanager's matchers)",
    );
  });

  it.each([
    ["a lookahead", "'^payments(?!-canary)'", "invalid or unsupported Perl syntax: `(?!`"],
    ["a lookbehind", "'(?<=team-)payments'", "invalid named capture: `(?<=team-)payments`"],
    ["a backreference", "'^(\\w+)-\\1$'", "invalid escape sequence: `\\1`"],
  ])("refuses %s, which RE2 (like Alertmanager) does not have, and says so", (_, pattern, detail) => {
    const error = errorOf(
      ONE_RULE(`    match:\n      labels_match:\n        team: ok\n        service: ${pattern}\n`),
    );
    expect([error.line, error.column, error.field]).toEqual([7, 9, "rules[0].match.labels_match.service"]);
    expect(error.problem).toBe(
      `invalid regular expression: ${detail} (RE2 syntax, as Alertmanager's matchers: no lookaround or backreferences)`,
    );
  });

  it("refuses a time zone the runtime does not know", () => {
    const error = errorOf("rules: []\ntimezone: Europe/Lundon\n");
    expect(error.message).toBe(
      'rules.yaml:2:1: timezone: unknown time zone "Europe/Lundon"; expected an IANA name like Europe/London or UTC',
    );
  });

  it("refuses a misspelt template placeholder with its line", () => {
    const error = errorOf(ONE_RULE("    incident:\n      severity: Critical\n      name: '{{ titel }}'\n"));
    expect([error.line, error.column, error.field]).toEqual([6, 7, "rules[0].incident.name"]);
    expect(error.problem).toMatch(/^unknown placeholder \{\{ titel \}\}; known: title, description/);
  });

  it("refuses an unclosed placeholder in a custom field, quoting a field name with spaces", () => {
    const error = errorOf(
      ONE_RULE("    incident:\n      custom_fields:\n        Affected services: '{{ labels.x'\n"),
    );
    expect(error.message).toBe(
      'rules.yaml:6:9: rules[0].incident.custom_fields["Affected services"]: a {{ placeholder is not closed with }}',
    );
  });

  it("names a missing required setting at the start of its mapping", () => {
    expect(errorOf("rules:\n  - name: prod\n").message).toBe("rules.yaml:2:5: rules[0].action: required");
    expect(errorOf("").message).toBe("rules.yaml:1:1: rules: required");
    expect(errorOf("rules:\n  - name:\n    action: record_only\n").message).toBe(
      "rules.yaml:2:5: rules[0].name: expected a string, found nothing",
    );
  });

  it("lists the allowed values of an enumeration", () => {
    expect(errorOf("rules:\n  - name: a\n    action: open\n").message).toBe(
      "rules.yaml:3:5: rules[0].action: expected one of: open_incident, record_only, forward_to_alert_source",
    );
  });

  it("asks for quotes when a label value is a number", () => {
    expect(errorOf(ONE_RULE("    match:\n      labels: { tier: 1 }\n")).message).toBe(
      'rules.yaml:5:17: rules[0].match.labels.tier: expected a string; put the value in quotes: "1"',
    );
  });

  it("refuses bad durations, caps, times, days and dates", () => {
    const at = (suppress: string) => errorOf(ONE_RULE(`    suppress:\n${suppress}`));
    expect(at("      cooldown: 15\n").message).toBe(
      "rules.yaml:5:7: rules[0].suppress.cooldown: expected a duration like 30s, 15m, 2h, 1d or 2w",
    );
    expect(at("      cooldown: 15 minutes\n").field).toBe("rules[0].suppress.cooldown");
    expect(at("      daily_cap: 0\n").problem).toBe("expected a whole number of at least 1");
    expect(at("      daily_cap: 2.5\n").problem).toBe("expected a whole number of at least 1");
    const schedule = at("      schedule: { days: [mon, funday], from: '08:00', to: '20:00' }\n");
    expect([schedule.line, schedule.field]).toEqual([5, "rules[0].suppress.schedule.days[1]"]);
    expect(at("      schedule: { from: '8am', to: '20:00' }\n").problem).toMatch(/^expected a time of day/);
    expect(at("      schedule: { from: '08:00', to: '08:00' }\n").problem).toBe("must differ from `from`");
    const badDate = at(
      "      blackouts:\n        - from: '2026-02-30T00:00:00Z'\n          to: '2026-03-02T00:00:00Z'\n",
    );
    expect([badDate.line, badDate.column, badDate.field]).toEqual([
      6,
      11,
      "rules[0].suppress.blackouts[0].from",
    ]);
    const noOffset = at(
      "      blackouts:\n        - { from: '2026-12-24T00:00:00', to: '2026-12-27T00:00:00Z' }\n",
    );
    expect(noOffset.field).toBe("rules[0].suppress.blackouts[0].from");
    const backwards = at(
      "      blackouts:\n        - { from: '2026-12-27T00:00:00Z', to: '2026-12-24T00:00:00Z' }\n",
    );
    expect([backwards.field, backwards.problem]).toEqual([
      "rules[0].suppress.blackouts[0].to",
      "must be later than `from`",
    ]);
    expect(at("      blackouts:\n        - { every: someday, from: '02:00', to: '04:00' }\n").field).toBe(
      "rules[0].suppress.blackouts[0].every",
    );
    expect(errorOf("defaults:\n  reopen_after: soon\nrules: []\n").field).toBe("defaults.reopen_after");
  });

  it("reports YAML syntax errors and duplicate keys with their position", () => {
    const syntax = errorOf("rules: [\n");
    expect([syntax.line, syntax.field]).toEqual([2, ""]);
    expect(syntax.message).toMatch(/^rules\.yaml:2:1: \S/);
    expect(errorOf("rules: []\nrules: []\n").message).toBe(
      "rules.yaml:2:1: this key appears twice in the same mapping",
    );
  });

  it("refuses a key that is a mapping, as an unquoted template key would be", () => {
    expect(errorOf(ONE_RULE("    incident:\n      custom_fields:\n        {{ title }}: x\n")).message).toBe(
      "rules.yaml:6:9: a key must be plain text, not a list or mapping",
    );
  });

  it("reports the earliest problem in the file when there are several", () => {
    const error = errorOf("timezon: UTC\nrules:\n  - name: a\n    action: nope\n");
    expect(error.message).toMatch(/^rules\.yaml:1:1: timezon: unknown key/);
  });
});
