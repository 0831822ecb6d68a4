import { isTimeZone } from "../../shared/time-zone.js";
import { compilePattern, PatternError } from "./pattern.js";
import type { RawBlackout, RawRule, RawSchedule, RulesFile } from "./schema.js";
import { compileTemplate, type Template, TemplateError } from "./template.js";
import type {
  Blackout,
  DailyWindow,
  IncidentTemplate,
  Rule,
  RuleMatch,
  RuleSet,
  Suppression,
} from "./types.js";
import { CLOCK_HINT, parseClockTime, parseWeekday, WEEKDAY_HINT, WEEKDAYS } from "./wall-clock.js";

export type Path = ReadonlyArray<string | number>;
/** Reports a problem at a place in the file; never returns. */
export type Fail = (path: Path, problem: string) => never;

const DEFAULT_TIMEZONE = "UTC";
const DEFAULT_REOPEN_AFTER_MS = 30 * 60_000;
const DEFAULT_INCIDENT_NAME = "{{ title }}";
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_HINT = "expected a date-time with its offset, like 2026-12-24T00:00:00Z";

/** Turns a structurally valid file into rules ready to decide with, reading every value inside its strings. */
export function compileRules(raw: RulesFile, file: string, fail: Fail): RuleSet {
  const timezone = raw.timezone ?? DEFAULT_TIMEZONE;
  if (!isTimeZone(timezone)) {
    fail(["timezone"], `unknown time zone "${timezone}"; expected an IANA name like Europe/London or UTC`);
  }
  const reopenAfterMs = raw.defaults?.reopen_after ?? DEFAULT_REOPEN_AFTER_MS;

  const firstUse = new Map<string, number>();
  const rules = raw.rules.map((rule, index) => {
    const earlier = firstUse.get(rule.name);
    if (earlier !== undefined) {
      fail(
        ["rules", index, "name"],
        `duplicate rule name "${rule.name}" (already used by rules[${earlier}])`,
      );
    }
    firstUse.set(rule.name, index);
    return compileRule(rule, ["rules", index], fail);
  });
  return { file, timezone, defaults: { reopenAfterMs }, rules };
}

function compileRule(raw: RawRule, at: Path, fail: Fail): Rule {
  const rule: Rule = {
    name: raw.name,
    match: compileMatch(raw.match, [...at, "match"], fail),
    action: raw.action,
    incident: compileIncident(raw.incident, [...at, "incident"], fail),
    suppress: compileSuppression(raw.suppress, [...at, "suppress"], fail),
  };
  if (raw.group_by !== undefined) {
    rule.groupBy = typeof raw.group_by === "string" ? raw.group_by : { labels: raw.group_by };
  }
  if (raw.action === "forward_to_alert_source") {
    const forward =
      raw.forward ??
      fail(
        [...at, "forward"],
        "required for forward_to_alert_source: { alert_source_config_id: <an HTTP alert source's ID>, token_env: <the variable holding its token> }",
      );
    rule.forward = { alertSourceConfigId: forward.alert_source_config_id, tokenEnv: forward.token_env };
  } else if (raw.forward !== undefined) {
    fail([...at, "forward"], "only for action forward_to_alert_source");
  }
  return rule;
}

function compileMatch(raw: RawRule["match"], at: Path, fail: Fail): RuleMatch {
  const labelsMatch = Object.entries(raw?.labels_match ?? {}).map(([label, source]) => {
    try {
      return { label, pattern: compilePattern(source) };
    } catch (error) {
      if (error instanceof PatternError) return fail([...at, "labels_match", label], error.message);
      throw error;
    }
  });
  const match: RuleMatch = { labels: { ...raw?.labels }, labelsMatch };
  if (raw?.source) match.sources = raw.source.map((source) => source.toLowerCase());
  if (raw?.severity) match.severities = raw.severity.map((severity) => severity.toLowerCase());
  if (raw?.state) match.states = raw.state;
  return match;
}

function template(text: string, at: Path, fail: Fail): Template {
  try {
    return compileTemplate(text);
  } catch (error) {
    if (error instanceof TemplateError) return fail(at, error.message);
    throw error;
  }
}

function compileIncident(raw: RawRule["incident"], at: Path, fail: Fail): IncidentTemplate {
  const incident: IncidentTemplate = {
    name: template(raw?.name ?? DEFAULT_INCIDENT_NAME, [...at, "name"], fail),
    mode: raw?.mode ?? "standard",
    customFields: Object.entries(raw?.custom_fields ?? {}).map(([field, text]) => ({
      field,
      value: template(text, [...at, "custom_fields", field], fail),
    })),
  };
  if (raw?.severity) incident.severity = raw.severity;
  if (raw?.type) incident.type = raw.type;
  if (raw?.summary !== undefined) incident.summary = template(raw.summary, [...at, "summary"], fail);
  return incident;
}

function compileSuppression(raw: RawRule["suppress"], at: Path, fail: Fail): Suppression {
  const suppression: Suppression = {
    blackouts: (raw?.blackouts ?? []).map((blackout, index) =>
      compileBlackout(blackout, [...at, "blackouts", index], fail),
    ),
  };
  if (raw?.schedule) suppression.schedule = compileSchedule(raw.schedule, [...at, "schedule"], fail);
  if (raw?.cooldown !== undefined) suppression.cooldownMs = raw.cooldown;
  if (raw?.daily_cap !== undefined) suppression.dailyCap = raw.daily_cap;
  return suppression;
}

function dailyWindow(
  raw: { from: string; to: string },
  days: DailyWindow["days"],
  at: Path,
  fail: Fail,
): DailyWindow {
  const fromMinute = parseClockTime(raw.from) ?? fail([...at, "from"], CLOCK_HINT);
  const toMinute = parseClockTime(raw.to, true) ?? fail([...at, "to"], CLOCK_HINT);
  if (toMinute === fromMinute) fail([...at, "to"], "must differ from `from`");
  return { days, fromMinute, toMinute };
}

function compileSchedule(raw: RawSchedule, at: Path, fail: Fail): DailyWindow {
  const days = raw.days
    ? raw.days.map((day, index) => parseWeekday(day) ?? fail([...at, "days", index], WEEKDAY_HINT))
    : [...WEEKDAYS];
  return dailyWindow(raw, days, at, fail);
}

function compileBlackout(raw: RawBlackout, at: Path, fail: Fail): Blackout {
  const reason = raw.reason === undefined ? {} : { reason: raw.reason };
  if (raw.every !== undefined) {
    const every = raw.every.trim().toLowerCase();
    const day = parseWeekday(every);
    if (every !== "day" && !day) fail([...at, "every"], `${WEEKDAY_HINT}, or "day" for every day`);
    return { kind: "weekly", ...dailyWindow(raw, day ? [day] : [...WEEKDAYS], at, fail), ...reason };
  }
  const from =
    instant(raw.from) ?? fail([...at, "from"], `${INSTANT_HINT} (or add \`every\` for a weekly window)`);
  const to = instant(raw.to) ?? fail([...at, "to"], INSTANT_HINT);
  if (to <= from) fail([...at, "to"], "must be later than `from`");
  return { kind: "absolute", from, to, ...reason };
}

function instant(text: string): Date | undefined {
  const trimmed = text.trim();
  const found = INSTANT.exec(trimmed);
  if (!found) return undefined;
  const [year, month, day, hour] = [found[1], found[2], found[3], found[4]].map(Number);
  const calendar = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  if (calendar.getUTCMonth() + 1 !== month || calendar.getUTCDate() !== day || (hour ?? 0) > 23)
    return undefined;
  const parsed = new Date(trimmed);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}
