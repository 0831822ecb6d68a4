import type { AlertEvent } from "../../src/alerts/event.js";
import { incidentSummary } from "../../src/alerts/incident-summary.js";
import { parseAlerts } from "../../src/alerts/intake/index.js";
import { decide, loadRules, type SuppressionHistory } from "../../src/alerts/rules/index.js";
import { fill } from "../../src/emulator/seed/family.js";
import { FAMILIES, type FailureFamily } from "../../src/emulator/seed/index.js";
import { Random } from "../../src/emulator/seed/random.js";
import type { MirroredIncident } from "../../src/mirror/incident.js";
import type { LabelledCorpus } from "./demo-corpus.js";

/**
 * Incidents the hub opened from alerts, added to a labelled corpus: for each failure family, alerts about it as
 * Alertmanager, Grafana and a generic sender post them, read by the hub's own intake parser, decided by rules
 * (one of which has a summary template whose lines can render empty, as teams write them), and declared with
 * the summary `incidentSummary` writes. Their text is what incident.io then holds for such an incident; each
 * keeps its family as its label. Without them the evaluation sees only incidents people declared and wrote up.
 */

export interface AlertCorpusOptions {
  seed?: number;
  /** Alert-opened incidents per family. */
  perFamily?: number;
}

const DAY = 86_400_000;
const DEFAULT_PER_FAMILY = 4;

/** The demo hub's `prod-critical` rule, after a rule for the generic source whose template names labels its
 * alerts may lack: its `Rule:` and `Event type:` lines then render empty. */
export const ALERT_CORPUS_RULES = `
rules:
  - name: generic-production
    match: { source: [generic], labels: { env: production } }
    action: open_incident
    incident:
      severity: Critical
      summary: "{{ description }}\\n\\nRule: {{ labels.alert_rule }}\\nEvent type: {{ labels.event_type }}"
      custom_fields: { Affected services: "{{ labels.service }}" }
  - name: prod-critical
    match: { severity: [critical, page], labels: { env: production } }
    action: open_incident
    incident:
      severity: Critical
      custom_fields: { Affected services: "{{ labels.service }}" }
`;

const NO_HISTORY: SuppressionHistory = { lastOpenedAt: () => undefined, openedToday: () => 0 };

export function withAlertOpened(corpus: LabelledCorpus, options: AlertCorpusOptions = {}): LabelledCorpus {
  const rng = new Random(options.seed ?? 11);
  const rules = loadRules(ALERT_CORPUS_RULES, "alert-corpus rules");
  const latest = Math.max(...corpus.incidents.map((incident) => Date.parse(incident.createdAt)));
  const familyOf = new Map(corpus.familyOf);
  const alertOpened = new Set(corpus.alertOpened ?? []);
  const added: MirroredIncident[] = [];
  let number = corpus.incidents.length;
  for (const family of FAMILIES) {
    const member = corpus.incidents.find((incident) => corpus.familyOf.get(incident.id) === family.key);
    if (!member) continue;
    for (let i = 0; i < (options.perFamily ?? DEFAULT_PER_FAMILY); i++) {
      const createdMs = latest - Math.floor(rng.next() * 170 * DAY);
      const events = alertEvents(family, rng, new Date(createdMs));
      const [event] = events;
      if (!event) continue;
      const decision = decide(event, rules, NO_HISTORY, new Date(createdMs));
      if (!decision.incident)
        throw new Error(`the alert-corpus rules did not open an incident: ${decision.reason}`);
      const summary = incidentSummary(decision.incident.summary, event, { firing: events, truncated: 0 });
      number++;
      const id = rng.id(createdMs);
      const open = rng.chance(0.15);
      added.push({
        ...member,
        id,
        reference: `INC-${number}`,
        name: decision.incident.name,
        summary: summary === "" ? null : summary,
        // The rule's severity, and the service its field names (the member's: the same catalog entry).
        severity: severityNamed(corpus, "Critical") ?? member.severity,
        status: open
          ? { id: "live", name: "Investigating", category: "live" }
          : { id: "closed", name: "Closed", category: "closed" },
        type: null,
        mode: "standard",
        createdAt: new Date(createdMs).toISOString(),
        updatedAt: new Date(createdMs).toISOString(),
        resolvedAt: open ? null : new Date(createdMs + rng.int(10, 240) * 60_000).toISOString(),
        permalink: `https://app.incident.io/acme-cloud/incidents/${number}`,
        customFields: member.customFields.filter((field) => /service/i.test(field.fieldName)),
      });
      familyOf.set(id, family.key);
      alertOpened.add(id);
    }
  }
  return { incidents: [...corpus.incidents, ...added], familyOf, alertOpened };
}

function severityNamed(corpus: LabelledCorpus, name: string): MirroredIncident["severity"] | undefined {
  return corpus.incidents.find((incident) => incident.severity?.name === name)?.severity;
}

/** The firing alerts of one notification about the family, as the intake parses them, the opening one first. */
function alertEvents(family: FailureFamily, rng: Random, at: Date): AlertEvent[] {
  const sender = rng.weighted(["alertmanager", "grafana", "generic"] as const, [0.4, 0.3, 0.3]);
  const service = family.services[0] ?? family.key;
  const title = fill(rng.pick(family.names), family, rng);
  const describe = () => fill(rng.pick(family.summaries), family, rng);
  const runbook = `https://runbooks.acme.example/${family.runbook}`;
  const startsAt = at.toISOString();
  let body: unknown;
  if (sender === "generic") {
    body = {
      dedup_key: `${service}/${family.key}`,
      status: "firing",
      title,
      ...(rng.chance(0.7) ? { description: describe() } : {}),
      severity: "critical",
      labels: { env: "production", service },
      source_url: `https://grafana.acme.example/d/${service}?orgId=1`,
      starts_at: startsAt,
    };
  } else {
    const count = rng.int(1, 3);
    const alerts = Array.from({ length: count }, (_, i) => ({
      status: "firing",
      labels: {
        alertname: alertName(family),
        env: "production",
        service,
        severity: "critical",
        ...(sender === "alertmanager"
          ? { namespace: service.split("-")[0], pod: `${service}-${rng.slackId("", 9).toLowerCase()}` }
          : { grafana_folder: "Production", team: "acme" }),
      },
      annotations: { summary: title, description: describe(), runbook_url: runbook },
      startsAt,
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL:
        sender === "alertmanager"
          ? `http://prometheus.acme.example:9090/graph?g0.expr=${encodeURIComponent(expression(family))}&g0.tab=1`
          : `https://grafana.acme.example/alerting/grafana/${family.key}/view?orgId=1`,
      fingerprint: `${family.key}-${i}-${rng.slackId("", 8).toLowerCase()}`,
      ...(sender === "grafana" ? { dashboardURL: `https://grafana.acme.example/d/${service}?orgId=1` } : {}),
    }));
    body = {
      receiver: "incidentkit",
      status: "firing",
      alerts,
      groupLabels: { alertname: alertName(family) },
      commonLabels: { alertname: alertName(family), env: "production", service },
      commonAnnotations: {},
      externalURL:
        sender === "alertmanager" ? "http://alertmanager.acme.example:9093" : "https://grafana.acme.example/",
      version: sender === "alertmanager" ? "4" : "1",
      groupKey: `{}:{alertname="${alertName(family)}"}`,
      truncatedAlerts: 0,
      ...(sender === "grafana" ? { orgId: 1, state: "alerting", title: `[FIRING:${count}] ${title}` } : {}),
    };
  }
  const parsed = parseAlerts(sender, sender, body);
  if (!parsed.ok) throw new Error(`the intake refused a ${sender} alert: ${JSON.stringify(parsed.errors)}`);
  return parsed.events;
}

/** `payments-api-connection-pool` → `PaymentsApiConnectionPool`, the way alerting rules are named. */
function alertName(family: FailureFamily): string {
  return family.runbook
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

/** The rule's expression, as Prometheus puts it in the alert's link: the same shape for every family. */
function expression(family: FailureFamily): string {
  const job = family.services[0] ?? family.key;
  return `sum(rate(http_requests_total{job="${job}",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="${job}"}[5m])) > 0.05`;
}
