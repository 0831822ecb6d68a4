import type { IncidentRecord, Snapshot, UserRecord } from "../model.js";
import type { ExternalIssueRecord, FollowUpPriorityRecord, WorkItemStatus } from "../model-follow-ups.js";
import { FAMILIES } from "./families.js";
import type { FailureFamily } from "./family.js";
import { FAMILY_FOLLOW_UPS, GENERAL_FOLLOW_UPS, INCIDENT_ACTIONS } from "./follow-up-texts.js";
import { Random } from "./random.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

type Config = Pick<
  Snapshot,
  "users" | "severities" | "incident_statuses" | "incident_roles" | "catalog_entries" | "custom_fields"
>;
type Work = Pick<Snapshot, "follow_up_priorities" | "follow_ups" | "actions">;
type Tracker = { provider: "jira" | "linear"; key: string };

/** Where each team tracks its work: Jira for the commerce teams, Linear for the platform ones. */
const TRACKERS: Readonly<Record<string, Tracker>> = {
  Payments: { provider: "jira", key: "PAY" },
  Storefront: { provider: "jira", key: "STORE" },
  Fulfilment: { provider: "jira", key: "FUL" },
  Identity: { provider: "linear", key: "IDN" },
  Discovery: { provider: "linear", key: "DISC" },
  Platform: { provider: "linear", key: "PLAT" },
  Data: { provider: "linear", key: "DATA" },
};

const PRIORITIES = [
  { name: "Urgent", description: "Do this week: the incident can recur any day", rank: 4 },
  { name: "High", description: "Do this sprint", rank: 3 },
  { name: "Medium", description: "Do this quarter", rank: 2 },
  { name: "Low", description: "Nice to have", rank: 1 },
] as const;
type PriorityName = (typeof PRIORITIES)[number]["name"];

/**
 * The work Acme Cloud's incidents left behind: follow-ups from each resolved incident's debrief (older ones mostly
 * done, some still open, many tracked in Jira or Linear) and actions on the incidents still running. Drawn from a
 * generator of its own, so adding them left every other seeded ID as it was.
 */
export function demoWork(
  config: Config,
  incidents: readonly IncidentRecord[],
  familyOf: ReadonlyMap<string, string>,
  seed: number,
  now: number,
): Work {
  const rng = new Random(seed ^ 0xf011_0e95);
  const priorities: FollowUpPriorityRecord[] = PRIORITIES.map((p) => ({ id: rng.id(now - 200 * DAY), ...p }));
  const priorityIds = new Map(priorities.map((p) => [p.name, p.id]));
  const severityNames = new Map(config.severities.map((s) => [s.id, s.name]));
  const category = new Map(config.incident_statuses.map((s) => [s.id, s.category]));
  const leadRole = config.incident_roles.find((r) => r.role_type === "lead")?.id;
  const rootCauseField = config.custom_fields.find((f) => f.name === "Root cause")?.id;
  const teamNames = new Map(config.catalog_entries.map((e) => [e.id, e.name]));
  const users = new Map(config.users.map((u) => [u.id, u]));
  const active = config.users.filter((u) => u.is_active && u.role !== "viewer");
  const issueNumbers = new Map<string, number>();
  const work: Work = { follow_up_priorities: priorities, follow_ups: [], actions: [] };

  for (const incident of incidents) {
    const family = FAMILIES.find((f) => f.key === familyOf.get(incident.id));
    if (!family || incident.mode === "test" || incident.mode === "tutorial") continue;
    const stage = category.get(incident.incident_status_id);
    const leadId = incident.role_assignments.find((a) => a.incident_role_id === leadRole)?.assignee_user_id;
    const lead = leadId ? users.get(leadId) : undefined;
    const team = incident.team_ids[0] ? teamNames.get(incident.team_ids[0]) : undefined;
    const fill = (text: string) => fillText(text, family, team);
    const creator = () => ({ user_id: (lead ?? rng.pick(active)).id });

    if (stage === "live" || stage === "paused" || stage === "triage") {
      const created = Date.parse(incident.created_at);
      for (const text of pickSome(rng, INCIDENT_ACTIONS, rng.int(1, 3))) {
        const at = Math.min(now - MINUTE, created + rng.int(5, 60) * MINUTE);
        const done = rng.chance(0.35);
        const completed = Math.min(now - MINUTE, at + rng.int(5, 45) * MINUTE);
        work.actions.push({
          id: rng.id(at),
          incident_id: incident.id,
          description: fill(text),
          status: done ? "completed" : "outstanding",
          creator: creator(),
          ...(rng.chance(0.8) ? { assignee_user_id: rng.pick(active).id } : {}),
          ...(done ? { completed_at: iso(completed) } : {}),
          created_at: iso(at),
          updated_at: iso(done ? completed : at),
        });
      }
      continue;
    }
    if ((stage !== "learning" && stage !== "closed") || !rng.chance(0.85)) continue;

    const titles = pickSome(rng, FAMILY_FOLLOW_UPS[family.key] ?? [], rng.int(1, 3));
    if (rng.chance(0.3)) titles.push(rng.pick(GENERAL_FOLLOW_UPS));
    const rootCause = incident.custom_field_entries.find((e) => e.custom_field_id === rootCauseField)
      ?.values[0]?.value_text;
    const severity = incident.severity_id ? severityNames.get(incident.severity_id) : undefined;
    for (const text of titles) {
      // Debriefs happen within two days of resolution.
      const at = Math.min(now - MINUTE, Date.parse(incident.updated_at) + rng.int(10, 48 * 60) * MINUTE);
      const status = drawStatus(rng, stage, now - at);
      const assignee: UserRecord | undefined = !rng.chance(0.8)
        ? undefined
        : status === "outstanding" || !lead
          ? rng.pick(active)
          : lead;
      const completed =
        status === "completed" ? Math.min(now - MINUTE, at + rng.logUniform(DAY, 40 * DAY)) : undefined;
      const tracker = team ? TRACKERS[team] : undefined;
      const title = fill(text);
      work.follow_ups.push({
        id: rng.id(at),
        incident_id: incident.id,
        title,
        ...(rng.chance(0.5)
          ? { description: `From the INC-${incident.number} debrief.${rootCause ? ` ${rootCause}` : ""}` }
          : {}),
        status,
        labels: [labelFor(title)],
        creator: creator(),
        ...(assignee ? { assignee_user_id: assignee.id } : {}),
        ...(incident.team_ids[0] && rng.chance(0.7) ? { assignee_team_id: incident.team_ids[0] } : {}),
        priority_id: priorityIds.get(drawPriority(rng, severity)) as string,
        ...(tracker && rng.chance(0.55) ? { external_issue: issue(tracker, title, issueNumbers) } : {}),
        ...(completed !== undefined ? { completed_at: iso(completed) } : {}),
        created_at: iso(at),
        updated_at: iso(completed ?? at),
      });
    }
  }
  return work;
}

/** Debriefs of closed incidents are mostly done with; recent and post-incident ones mostly are not yet. */
function drawStatus(rng: Random, stage: "learning" | "closed", ageMs: number): WorkItemStatus {
  if (stage === "learning" || ageMs < 3 * DAY) {
    return rng.weighted(["outstanding", "completed"] as const, [0.7, 0.3]);
  }
  return rng.weighted(["completed", "outstanding", "not_doing"] as const, [0.72, 0.18, 0.1]);
}

function drawPriority(rng: Random, severity: string | undefined): PriorityName {
  if (severity === "Critical") return rng.weighted(["Urgent", "High"] as const, [0.6, 0.4]);
  if (severity === "Major") return rng.weighted(["High", "Medium"] as const, [0.5, 0.5]);
  return rng.weighted(["Medium", "Low"] as const, [0.6, 0.4]);
}

/** A tracker issue numbered on from the project's last one, linked the way Jira and Linear link them. */
function issue(tracker: Tracker, title: string, numbers: Map<string, number>): ExternalIssueRecord {
  const number = (numbers.get(tracker.key) ?? 100) + 1;
  numbers.set(tracker.key, number);
  const name = `${tracker.key}-${number}`;
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 50);
  const permalink =
    tracker.provider === "jira"
      ? `https://acme.atlassian.net/browse/${name}`
      : `https://linear.app/acme/issue/${name}/${slug}`;
  return { provider: tracker.provider, issue_name: name, issue_permalink: permalink };
}

function labelFor(title: string): string {
  if (/\b(alert|monitor|dashboard|synthetic)/i.test(title)) return "monitoring";
  if (/\b(runbook|document|handover|review)/i.test(title)) return "process";
  return "reliability";
}

function fillText(text: string, family: FailureFamily, team: string | undefined): string {
  return text
    .replaceAll("{service}", family.services[0] ?? "the service")
    .replaceAll("{runbook}", family.runbook)
    .replaceAll("{team}", team ?? "owning team's");
}

/** `n` different items, in random order. */
function pickSome<T>(rng: Random, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0] as T);
  return out;
}

function iso(ms: number): string {
  return new Date(Math.round(ms)).toISOString();
}
