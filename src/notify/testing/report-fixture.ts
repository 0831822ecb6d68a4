import {
  type FindingsReport,
  type FindingsReportInput,
  parseFindingsReport,
} from "../../investigate/report.js";

/** A findings report like one the investigation writes for a payments outage; `change` overrides parts of it. */
export function sampleReport(change: Partial<FindingsReportInput> = {}): FindingsReport {
  const base: FindingsReportInput = {
    incident: {
      id: "01JINCIDENT526",
      reference: "INC-526",
      name: "Payments API failing: database connection pool exhausted",
      severity: { name: "Critical", rank: 3 },
      priority: "P0",
      status: { name: "Investigating", category: "live" },
      permalink: "https://app.incident.io/acme-cloud/incidents/526",
      createdAt: "2026-11-23T14:05:00.000Z",
    },
    generatedAt: "2026-11-23T14:05:42.000Z",
    summary:
      "Payments API has returned 5xx since 14:03. A deploy of payments-api 25 minutes earlier lowered the connection pool size; INC-498 looked the same and was fixed by a rollback.",
    probableCauses: [
      {
        title: "Deploy of payments-api v2.14.0 lowered the pool size",
        confidence: "high",
        evidence: [
          {
            text: "deploy to payments-api 25 min before",
            link: "https://github.com/acme/payments/deployments/881",
          },
          { text: "INC-498 (score 0.91) had the same terms: connection pool, exhausted" },
        ],
      },
      { title: "Database failover", confidence: "low", evidence: [] },
    ],
    similarIncidents: [
      similar(498, 0.91, "Rolled back v2.9.1; pool size restored to 50."),
      similar(455, 0.82, null),
      similar(430, 0.74, "Raised max_connections on the primary."),
      similar(401, 0.66, null),
    ],
    changes: [1, 2, 3, 4, 5, 6].map((n) => ({
      service: n === 3 ? "ledger-db" : "payments-api",
      kind: n === 2 ? "feature_flag" : "deploy",
      description: `change number ${n}`,
      author: n === 1 ? "alice" : null,
      link: n === 1 ? "https://github.com/acme/payments/deployments/881" : null,
      happenedAt: new Date(Date.parse("2026-11-23T14:05:00.000Z") - n * 25 * 60_000).toISOString(),
      leadMs: n * 25 * 60_000,
      viaDependency: n === 3,
      dependencyOf: n === 3 ? ["payments-api"] : [],
    })),
    suggestedNextSteps: ["Roll back payments-api to v2.13.2", "Watch the pool saturation graph"],
  };
  return parseFindingsReport({ ...base, ...change });
}

function similar(number: number, score: number, resolution: string | null) {
  return {
    id: `01JINCIDENT${number}`,
    reference: `INC-${number}`,
    name: `Payments API connection pool exhausted (${number})`,
    score,
    reasons: ["same service: payments-api", "shared terms: connection pool, exhausted", "3 days earlier"],
    resolution,
    status: "Closed",
    permalink: `https://app.incident.io/acme-cloud/incidents/${number}`,
  };
}
