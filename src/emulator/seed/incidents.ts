import type { ActorRef, IncidentRecord, IncidentUpdateRecord, UserRecord } from "../model.js";
import type { DemoOrganisation } from "./demo-organisation.js";
import { FAMILIES } from "./families.js";
import { type FailureFamily, fill } from "./family.js";
import { updateMessage } from "./messages.js";
import { type CustomerImpact, DEMO_SERVICES, type SeverityName } from "./organisation.js";
import type { Random } from "./random.js";
import { type Lifecycle, type Outcome, planLifecycle } from "./timeline.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const HISTORY_DAYS = 182;
const SEVERITIES: SeverityName[] = ["Minor", "Major", "Critical"];

export interface IncidentHistory {
  incidents: IncidentRecord[];
  updates: IncidentUpdateRecord[];
  /** Incident id → failure family key, for tests and evaluations; not part of the API shape. */
  familyOf: Map<string, string>;
}

interface Draft {
  family: FailureFamily;
  createdAt: number;
  outcome: Outcome;
  mode: IncidentRecord["mode"];
}

/** Incidents happen more in working hours and on weekdays, when people ship changes. */
function drawCreatedAt(rng: Random, now: number): number {
  for (;;) {
    const at = now - 30 * MINUTE - Math.floor(rng.next() * HISTORY_DAYS * DAY);
    const date = new Date(at);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    const hour = date.getUTCHours();
    const workingHours = hour >= 8 && hour < 19;
    const keep = (weekend ? 0.35 : 1) * (workingHours ? 1 : 0.3);
    if (rng.chance(keep)) return at;
  }
}

function draftHistory(rng: Random, now: number): Draft[] {
  const total = rng.int(480, 560);
  const weights = FAMILIES.reduce((sum, f) => sum + f.weight, 0);
  const drafts: Draft[] = [];
  for (const family of FAMILIES) {
    const count = Math.max(10, Math.round((total * family.weight) / weights));
    for (let i = 0; i < count; i++) {
      drafts.push({ family, createdAt: drawCreatedAt(rng, now), outcome: "closed", mode: "standard" });
    }
  }
  drafts.sort((a, b) => a.createdAt - b.createdAt);

  // The newest few are still open right now; which outcome each gets is fixed so every category shows up.
  const current: Outcome[] = ["paused", "live", "live", "live", "live", "triage", "triage"];
  current.forEach((outcome, i) => {
    const draft = drafts[drafts.length - current.length + i];
    if (draft) draft.outcome = outcome;
  });
  const older = drafts.slice(0, drafts.length - current.length);
  const shuffled = shuffle(rng, older);
  const take = (n: number) => shuffled.splice(0, n);
  for (const d of take(rng.int(8, 14))) d.outcome = "declined";
  for (const d of take(rng.int(4, 7))) d.outcome = "merged";
  for (const d of take(rng.int(2, 4))) d.outcome = "canceled";
  for (const d of take(rng.int(4, 7))) d.mode = "test";
  // One retrospective incident, old enough to be closed.
  const retro = shuffled.find((d) => d.createdAt < now - 30 * DAY);
  if (retro) retro.mode = "retrospective";
  return drafts;
}

function shuffle<T>(rng: Random, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Mostly the family's usual severity, sometimes one step either side. */
function drawSeverity(rng: Random, usual: SeverityName): SeverityName {
  const rank = SEVERITIES.indexOf(usual);
  const shifted = rank + rng.weighted([-1, 0, 1], [0.15, 0.7, 0.15]);
  return SEVERITIES[Math.min(2, Math.max(0, shifted))] as SeverityName;
}

function impactFor(rng: Random, severity: SeverityName): CustomerImpact {
  if (severity === "Critical") return rng.chance(0.8) ? "Widespread" : "Some";
  if (severity === "Major") return rng.weighted(["None", "Some", "Widespread"] as const, [0.15, 0.65, 0.2]);
  return rng.weighted(["None", "Some"] as const, [0.55, 0.45]);
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export function generateHistory(rng: Random, org: DemoOrganisation, now: number): IncidentHistory {
  const drafts = draftHistory(rng, now);
  const incidents: IncidentRecord[] = [];
  const updates: IncidentUpdateRecord[] = [];
  const familyOf = new Map<string, string>();
  // Each family tends to land with the same few people, as it does with a team's on-call rota.
  const regulars = new Map<string, UserRecord[]>();
  for (const family of FAMILIES) regulars.set(family.key, shuffle(rng, org.responders).slice(0, 4));

  drafts.forEach((draft, index) => {
    const { family } = draft;
    const severity = drawSeverity(rng, family.severity);
    const typeName = family.type ?? (rng.chance(0.1) ? "Customer-facing" : "Default");
    const life = planLifecycle(rng, {
      createdAt: draft.createdAt,
      now,
      outcome: draft.outcome,
      severity,
      startsInTriage:
        typeName === "Customer-facing" ||
        ["triage", "declined", "merged"].includes(draft.outcome) ||
        rng.chance(0.1),
      retrospective: draft.mode === "retrospective",
    });
    const available = (users: UserRecord[]) =>
      users.filter((u) => u.is_active || draft.createdAt < now - 90 * DAY);
    const lead = rng.pick(available(regulars.get(family.key) ?? org.responders));
    const reporter = rng.pick(available(org.responders));
    const byBot = rng.chance(0.15);
    const creator: ActorRef = byBot ? { api_key_id: org.botKey.id } : { user_id: reporter.id };
    const number = index + 1;
    const id = rng.id(draft.createdAt);
    const name = (draft.mode === "test" ? "[Test] " : "") + fill(rng.pick(family.names), family, rng);
    const resolved = life.resolvedAt !== undefined;

    const roles: IncidentRecord["role_assignments"] = [
      draft.outcome === "triage"
        ? { incident_role_id: org.roleId("lead") }
        : { incident_role_id: org.roleId("lead"), assignee_user_id: lead.id },
    ];
    if (!byBot) roles.push({ incident_role_id: org.roleId("reporter"), assignee_user_id: reporter.id });
    if (severity === "Critical" && rng.chance(0.7)) {
      roles.push({
        incident_role_id: org.roleId("comms"),
        assignee_user_id: rng.pick(available(org.responders)).id,
      });
    }
    if (severity !== "Minor" && rng.chance(0.3)) {
      roles.push({
        incident_role_id: org.roleId("scribe"),
        assignee_user_id: rng.pick(available(org.responders)).id,
      });
    }

    const impact = impactFor(rng, life.finalSeverity);
    const fields: IncidentRecord["custom_field_entries"] = [
      {
        custom_field_id: org.field.affectedServices,
        values: family.services.map((slug) => ({ value_catalog_entry_id: org.serviceEntryId(slug) })),
      },
      {
        custom_field_id: org.field.customerImpact,
        values: [{ value_option_id: org.impactOptionId[impact] }],
      },
    ];
    if (impact !== "None") {
      const customers = impact === "Widespread" ? rng.int(2000, 60000) : rng.int(5, 1500);
      fields.push({
        custom_field_id: org.field.customersAffected,
        values: [{ value_numeric: String(customers) }],
      });
    }
    if (resolved) {
      fields.push({
        custom_field_id: org.field.rootCause,
        values: [{ value_text: fill(rng.pick(family.rootCauses), family, rng) }],
      });
    }
    if (rng.chance(0.6)) {
      const link = `https://runbooks.acme.example/${family.runbook}`;
      fields.push({ custom_field_id: org.field.runbook, values: [{ value_link: link }] });
    }

    const ownUpdates = life.steps.map((step): IncidentUpdateRecord => {
      const updater: ActorRef = rng.chance(0.08)
        ? { api_key_id: org.botKey.id }
        : { user_id: (rng.chance(0.8) ? lead : rng.pick(available(org.responders))).id };
      return {
        id: rng.id(step.at),
        incident_id: id,
        new_incident_status_id: org.statusId(step.status),
        ...(step.severity ? { new_severity_id: org.severityId[step.severity] } : {}),
        updater,
        message: updateMessage(rng, family, step.topic),
        created_at: iso(step.at),
      };
    });
    const lastActivity = Math.max(draft.createdAt, ...life.steps.map((s) => s.at));
    const owningTeam = DEMO_SERVICES.find((s) => s.slug === family.services[0])?.team;

    incidents.push({
      id,
      number,
      name,
      summary: fill(rng.pick(family.summaries), family, rng),
      incident_status_id: org.statusId(life.finalStatus),
      severity_id: org.severityId[life.finalSeverity],
      incident_type_id: org.typeId[typeName],
      mode: draft.mode,
      visibility: typeName === "Security" ? "private" : "public",
      creator,
      custom_field_entries: fields,
      role_assignments: roles,
      timestamp_values: timestampValues(org, life),
      team_ids: owningTeam && rng.chance(0.8) ? [org.teamEntryId[owningTeam]] : [],
      slack_channel_id: rng.slackId("C"),
      slack_channel_name: `inc-${number}-${slugify(name)}`.slice(0, 80),
      ...(severity !== "Minor" && rng.chance(0.5)
        ? { call_url: `https://meet.acme.example/inc-${number}` }
        : {}),
      created_at: iso(draft.createdAt),
      updated_at: iso(lastActivity),
      last_activity_at: iso(lastActivity),
    });
    updates.push(...ownUpdates);
    familyOf.set(id, family.key);
  });
  return { incidents, updates, familyOf };
}

function timestampValues(org: DemoOrganisation, life: Lifecycle): IncidentRecord["timestamp_values"] {
  const values: IncidentRecord["timestamp_values"] = [];
  const add = (name: keyof DemoOrganisation["timestampId"], at: number | undefined) => {
    if (at !== undefined) values.push({ incident_timestamp_id: org.timestampId[name], value: iso(at) });
  };
  add("Reported at", life.createdAt);
  add("Impact started", life.impactStartedAt);
  add("Accepted at", life.acceptedAt);
  add("Resolved at", life.resolvedAt);
  add("Closed at", life.closedAt);
  return values;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
