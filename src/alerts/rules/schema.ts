import { z } from "zod";
import { durationSetting } from "../../shared/duration-setting.js";

/**
 * The shape of a rules file, durations read, before the other values inside strings (times, regexes, templates)
 * are. Every mapping is strict: an unknown key is an error, so a misspelt setting cannot silently disable a rule.
 */

/** A message for values that are present but wrong; a missing value falls through to "required". */
function whenPresent(message: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? undefined : message);
}

const LIST_OF_STRINGS = "expected a list of strings";
const StringList = z
  .array(z.string({ error: LIST_OF_STRINGS }), { error: whenPresent(LIST_OF_STRINGS) })
  .min(1, { error: "must list at least one value" });
const Text = z.string().trim().min(1, { error: "must not be empty" });
const StringMap = z.record(z.string(), z.string());
const Duration = durationSetting();

const Schedule = z.strictObject({ days: StringList.optional(), from: z.string(), to: z.string() });

const Blackout = z.strictObject({
  from: z.string(),
  to: z.string(),
  every: z.string().optional(),
  reason: Text.optional(),
});

const Suppress = z.strictObject({
  schedule: Schedule.optional(),
  blackouts: z.array(Blackout).optional(),
  cooldown: Duration.optional(),
  daily_cap: z
    .number({ error: whenPresent("expected a whole number of at least 1") })
    .int({ error: "expected a whole number of at least 1" })
    .min(1, { error: "expected a whole number of at least 1" })
    .optional(),
});

const Incident = z.strictObject({
  name: z.string().optional(),
  severity: Text.optional(),
  type: Text.optional(),
  mode: z.enum(["standard", "test"]).optional(),
  summary: z.string().optional(),
  custom_fields: StringMap.optional(),
});

const Match = z.strictObject({
  source: StringList.optional(),
  severity: StringList.optional(),
  state: z
    .array(z.enum(["firing", "nodata", "error"], { error: "expected firing, nodata or error" }))
    .min(1, { error: "must list at least one value" })
    .optional(),
  labels: StringMap.optional(),
  labels_match: StringMap.optional(),
});

const GROUP_BY_HINT = "expected notification, alert, or a list of label names";
const GroupBy = z.union([z.enum(["notification", "alert"]), StringList], {
  error: whenPresent(GROUP_BY_HINT),
});

const Forward = z.strictObject({
  alert_source_config_id: Text,
  token_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    error: "must be an environment variable name, e.g. INCIDENT_IO_ALERT_SOURCE_TOKEN",
  }),
});

const Rule = z.strictObject({
  name: Text,
  match: Match.optional(),
  action: z.enum(["open_incident", "record_only", "forward_to_alert_source"]),
  group_by: GroupBy.optional(),
  forward: Forward.optional(),
  incident: Incident.optional(),
  suppress: Suppress.optional(),
});

export const RulesFileSchema = z.strictObject({
  timezone: z.string().optional(),
  defaults: z.strictObject({ reopen_after: Duration.optional() }).optional(),
  rules: z.array(Rule),
});

export type RulesFile = z.infer<typeof RulesFileSchema>;
export type RawRule = RulesFile["rules"][number];
export type RawBlackout = z.infer<typeof Blackout>;
export type RawSchedule = z.infer<typeof Schedule>;
