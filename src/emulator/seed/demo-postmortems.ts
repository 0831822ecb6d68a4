import type { IncidentRecord } from "../model.js";
import type { PostmortemDocumentRecord, PostmortemStatus } from "../model-postmortems.js";
import { postmortemTitle } from "../postmortems.js";
import type { DemoLookup } from "./demo-lookup.js";
import { FAMILIES } from "./families.js";
import type { FailureFamily } from "./family.js";
import type { Random as RandomType } from "./random.js";
import { Random } from "./random.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How many of the worst past incidents got a written post-mortem; one more links an external document. */
const IN_APP = 5;

const WENT_WELL = [
  "The alert fired within two minutes of impact starting, before any customer reported it.",
  "The incident channel had the right people in it within ten minutes.",
  "The runbook was up to date and the first mitigation in it worked.",
  "Status page updates went out on time, every 30 minutes.",
  "Rolling back was a single command and took under five minutes.",
];
const WENT_BADLY = [
  "It took a while to establish which deploy introduced the change.",
  "The dashboards showed averages, which hid how bad the tail latency was.",
  "Two people started the same mitigation in parallel before roles were clear.",
  "Support heard from customers before the incident channel did.",
  "The on-call engineer had no access to the production console and had to escalate for it.",
];
const FOLLOW_UPS = [
  "Alert on {service} error rate per region, not only globally",
  "Add a canary stage to the {service} deploy pipeline",
  "Update the {runbook} runbook with what we learned",
  "Add a regression test that reproduces this failure",
  "Review dashboard defaults for {service} to show p99, not the mean",
];

/**
 * Post-mortems for the worst of Acme Cloud's past incidents, written in incident.io: the markdown the content
 * endpoint returns, built from the incident's own record (its updates become the timeline). The next worst links
 * a document kept in Notion. A generator of their own keeps every other seeded ID as it was.
 */
export function demoPostmortems(
  lookup: DemoLookup,
  familyOf: ReadonlyMap<string, string>,
  seed: number,
  now: number,
): PostmortemDocumentRecord[] {
  const rng = new Random(seed ^ 0x9057_3e47);
  const worst = lookup.snapshot.incidents
    .filter((incident) => lookup.wasResolved(incident) && incident.mode !== "test")
    .filter((incident) => ["Critical", "Major"].includes(lookup.severity(incident) ?? ""))
    .map((incident) => ({ incident, weight: weight(lookup, incident) }))
    .sort((a, b) => b.weight - a.weight || a.incident.number - b.incident.number)
    .slice(0, IN_APP + 1)
    .map((entry) => entry.incident);

  return worst.map((incident, index) => {
    const resolvedAt = lookup.timestamp(incident, "Resolved at") ?? Date.parse(incident.updated_at);
    const createdAt = Math.min(resolvedAt + rng.int(2, 30) * HOUR, now);
    const updatedAt = Math.min(createdAt + rng.int(1, 6) * DAY, now);
    const closed = lookup.category(incident) === "closed";
    const status: PostmortemStatus = closed ? "completed" : index % 2 === 0 ? "in_review" : "in_progress";
    const editors = [
      ...new Set([lookup.roleHolder(incident, "lead"), lookup.roleHolder(incident, "scribe")]),
    ];
    const base = {
      id: rng.id(createdAt),
      incident_id: incident.id,
      title: postmortemTitle(incident),
      status,
      editor_user_ids: editors.filter((id): id is string => id !== undefined),
      created_at: new Date(createdAt).toISOString(),
      updated_at: new Date(updatedAt).toISOString(),
    };
    if (index === IN_APP) {
      const slug = incident.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "");
      return {
        ...base,
        type: "external",
        editor_user_ids: [],
        exported_urls: [],
        permalink: `https://www.notion.so/acme-cloud/INC-${incident.number}-${slug}`,
        document_provider: "notion",
      };
    }
    const family = FAMILIES.find((f) => f.key === familyOf.get(incident.id));
    return {
      ...base,
      type: "in_app",
      exported_urls: closed
        ? [
            `https://acme-cloud.atlassian.net/wiki/spaces/ENG/pages/${rng.int(100000, 999999)}/INC-${incident.number}`,
          ]
        : [],
      markdown: postmortemMarkdown(lookup, incident, family, rng),
    };
  });
}

/** Worse first: severity, then customers affected, then how long it lasted. */
function weight(lookup: DemoLookup, incident: IncidentRecord): number {
  const critical = lookup.severity(incident) === "Critical" ? 1 : 0;
  const customers = Number(lookup.fieldText(incident, "Customers affected") ?? "0");
  const started = lookup.timestamp(incident, "Impact started") ?? Date.parse(incident.created_at);
  const resolved = lookup.timestamp(incident, "Resolved at") ?? started;
  return critical * 1e12 + customers * 1e4 + (resolved - started) / MINUTE;
}

function postmortemMarkdown(
  lookup: DemoLookup,
  incident: IncidentRecord,
  family: FailureFamily | undefined,
  rng: RandomType,
): string {
  const services = lookup.fieldEntries(incident, "Affected services");
  const service = services[0]?.slug ?? "the service";
  const lead = lookup.userName(lookup.roleHolder(incident, "lead"));
  const started = lookup.timestamp(incident, "Impact started") ?? Date.parse(incident.created_at);
  const resolved = lookup.timestamp(incident, "Resolved at");
  const customers = lookup.fieldText(incident, "Customers affected");
  const lines: string[] = [
    `# ${postmortemTitle(incident)}`,
    "",
    "## Summary",
    "",
    incident.summary ?? incident.name,
    "",
  ];

  lines.push("## Key information", "");
  lines.push(`* **Severity:** ${lookup.severity(incident) ?? "Unset"}`);
  if (services.length > 0) lines.push(`* **Affected services:** ${services.map((s) => s.name).join(", ")}`);
  if (customers) lines.push(`* **Customers affected:** ${Number(customers).toLocaleString("en-GB")}`);
  if (lead) lines.push(`* **Incident lead:** ${lead}`);
  if (resolved !== undefined) {
    lines.push(
      `* **Duration:** ${duration(resolved - started)} (impact started ${clock(started)}, resolved ${clock(resolved)})`,
    );
  }
  lines.push("");

  lines.push("## Timeline", "");
  const events: { at: number; text: string }[] = [{ at: started, text: "**Impact started**" }];
  events.push({ at: Date.parse(incident.created_at), text: "**Incident declared**" });
  for (const update of lookup.updatesOf(incident)) {
    const status = lookup.statusName(update.new_incident_status_id) ?? "Update";
    const who = "user_id" in update.updater ? lookup.userName(update.updater.user_id) : undefined;
    const message = update.message ? ` - ${update.message}` : "";
    events.push({
      at: Date.parse(update.created_at),
      text: `**${status}**${who ? ` (${who})` : ""}${message}`,
    });
  }
  events.sort((a, b) => a.at - b.at);
  let day = "";
  for (const event of events) {
    const date = new Date(event.at).toISOString().slice(0, 10);
    if (date !== day) {
      lines.push(`### ${date} (UTC)`, "");
      day = date;
    }
    lines.push(`* [${new Date(event.at).toISOString().slice(11, 16)}] ${event.text}`, "");
  }

  lines.push(
    "## Root cause",
    "",
    lookup.fieldText(incident, "Root cause") ?? "Still under investigation.",
    "",
  );
  // Findings with numbers in them would draw new numbers here and contradict the timeline.
  const findings = family?.findings.filter((finding) => !finding.includes("{")) ?? [];
  if (findings.length > 0) {
    lines.push("## Contributing factors", "", ...pickSome(rng, findings, 2).map((t) => `* ${t}`), "");
  }
  lines.push("## What went well", "", ...pickSome(rng, WENT_WELL, 2).map((t) => `* ${t}`), "");
  lines.push("## What didn't go so well", "", ...pickSome(rng, WENT_BADLY, 2).map((t) => `* ${t}`), "");
  lines.push("## Follow-ups", "");
  const people = lookup.snapshot.users.filter((u) => u.is_active && u.role !== "viewer");
  for (const template of pickSome(rng, FOLLOW_UPS, 3)) {
    const title = template.replace("{service}", service).replace("{runbook}", family?.runbook ?? service);
    lines.push(`* **${title}** - Assignee: ${rng.pick(people).name}`);
  }
  return `${lines.join("\n")}\n`;
}

function pickSome<T>(rng: RandomType, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0] as T);
  return out;
}

function duration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / MINUTE));
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours}h ${minutes % 60}m` : `${minutes}m`;
}

function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
