import type { AlertRow, NamedLink, ScorecardView, SyncAccountView } from "../model.js";
import { InMemoryWebData, type MemoryIncident, type MemoryService } from "./memory-data.js";

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

export const SEVERITIES = [
  { id: "sev-minor", name: "Minor", rank: 1 },
  { id: "sev-major", name: "Major", rank: 2 },
  { id: "sev-critical", name: "Critical", rank: 3 },
];

export const PAYMENTS_REF = "component:default/payments-api";
export const CHECKOUT_REF = "component:default/checkout-web";
export const SEARCH_REF = "component:default/search-api";
export const FAILING_EXPLANATION = "3 incidents of severity >= Major in the past 90 days; at most 2 allowed";

const team: NamedLink = { name: "Payments team", ref: "group:default/payments-team", url: null };
const payments: NamedLink = { name: "Payments API", ref: PAYMENTS_REF, url: null };

const reliability: ScorecardView = {
  name: "Reliability",
  description: "Services held to incident standards.",
  levels: ["Bronze", "Silver", "Gold"],
  level: "Bronze",
  score: 0.67,
  rules: [
    {
      level: "Bronze",
      name: "Has an incident.io mapping",
      description: "",
      outcome: "pass",
      explanation: "mapped as Payments API",
      hint: null,
    },
    {
      level: "Silver",
      name: "Few major incidents",
      description: "",
      outcome: "fail",
      explanation: FAILING_EXPLANATION,
      hint: "Review the last incidents' follow-ups.",
    },
    {
      level: "Silver",
      name: "Owner set",
      description: "",
      outcome: "pass",
      explanation: "owned by group:default/payments-team",
      hint: null,
    },
  ],
  nextLevel: {
    name: "Silver",
    failing: [
      {
        level: "Silver",
        name: "Few major incidents",
        description: "",
        outcome: "fail",
        explanation: FAILING_EXPLANATION,
        hint: "Review the last incidents' follow-ups.",
      },
    ],
  },
};

function incident(
  number: number,
  name: string,
  severity: number,
  createdAt: number,
  hoursToResolve: number | null,
  services: NamedLink[],
): MemoryIncident {
  const sev = SEVERITIES[severity] ?? null;
  return {
    id: `01DEMO${number}`,
    reference: `INC-${number}`,
    name,
    summary: `${name}: what happened.`,
    status:
      hoursToResolve === null ? { name: "Fixing", category: "live" } : { name: "Closed", category: "closed" },
    severity: sev ? { name: sev.name, rank: sev.rank } : null,
    mode: "standard",
    account: "prod",
    createdAt: new Date(createdAt).toISOString(),
    resolvedAt: hoursToResolve === null ? null : new Date(createdAt + hoursToResolve * HOUR).toISOString(),
    permalink: `https://app.incident.io/acme/incidents/${number}`,
    services,
  };
}

/** Three services (one with incidents across six months, one quiet, one unmapped), alerts and sync state. */
export function demoWebData(now: number): InMemoryWebData {
  const services: MemoryService[] = [
    {
      ref: PAYMENTS_REF,
      kind: "Component",
      name: "payments-api",
      title: "Payments API",
      description: "Takes card payments.",
      owner: team,
      system: { name: "payments", ref: "system:default/payments", url: null },
      dependsOn: [{ name: "Checkout web", ref: CHECKOUT_REF, url: null }],
      links: [{ title: "Runbook", url: "https://runbooks.example.com/payments" }],
      tags: ["tier-1"],
      fieldValue: "Payments API",
      account: "prod",
      scorecards: [reliability],
    },
    {
      ref: CHECKOUT_REF,
      kind: "Component",
      name: "checkout-web",
      title: "Checkout web",
      owner: team,
      fieldValue: "Checkout web",
      account: "prod",
    },
    { ref: SEARCH_REF, kind: "Component", name: "search-api", title: null, fieldValue: null },
  ];
  const incidents = [
    incident(101, "Card payments failing", 2, now - 2 * HOUR, null, [payments]),
    incident(100, "Refund latency high", 1, now - 10 * DAY, 3, [payments]),
    incident(99, "Webhook retries piling up", 1, now - 40 * DAY, 5, [payments]),
    incident(98, "Payments API 5xx", 2, now - 70 * DAY, 1, [payments]),
    incident(97, "Slow settlement job", 0, now - 150 * DAY, 12, [payments]),
  ];
  const sync: SyncAccountView[] = [
    {
      account: "prod",
      lastSuccessAt: new Date(now - 30_000).toISOString(),
      lagSeconds: 30,
      lastError: null,
      failing: false,
      backfilled: 5,
      backfillTotal: 5,
      inProgress: false,
      incidents: 5,
    },
  ];
  const alerts: AlertRow[] = [
    {
      id: "01ALERT1",
      receivedAt: new Date(now - 2 * HOUR).toISOString(),
      source: "alertmanager",
      dedupKey: "payments-5xx",
      title: "Payments 5xx above 2%",
      status: "firing",
      severity: "critical",
      decision: "open_incident",
      reason: "matched rule prod-critical",
      rule: "prod-critical",
      incident: { reference: "INC-101", permalink: "https://app.incident.io/acme/incidents/101" },
      delivery: { state: "delivered", detail: "201 Created", fix: null },
    },
  ];
  return new InMemoryWebData({
    now: () => now,
    severities: SEVERITIES,
    services,
    incidents,
    sync,
    alerts,
    catalogDir: "catalog/",
    customField: "Affected services",
    organisation: "acme",
  });
}
