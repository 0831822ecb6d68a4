/** Answers as incident.io sends them for the alert operations, for client tests. Overrides replace top-level keys. */

type Body = Record<string, unknown>;

export function exampleAlert(overrides: Body = {}): Body {
  return {
    id: "01HQ4Z7V1JX6R8T3N2M5K9B0AL",
    alert_source_id: "01HQ4Z7V1JX6R8T3N2M5K9B0AS",
    deduplication_key: "f404ecabc8dd5cd7",
    status: "firing",
    title: "Instance localhost:8081 down",
    description: "localhost:8081 of job node has been down for more than 1 minute.",
    source_url: "http://prometheus.example.com/graph?g0.expr=up%3D%3D0",
    attributes: [
      {
        attribute: {
          id: "01HQ4Z7V1JX6R8T3N2M5K9B0AA",
          name: "Team",
          type: "String",
          array: false,
          required: false,
        },
        value: { label: "platform", literal: "platform" },
      },
    ],
    alert_group_ids: [],
    created_at: "2024-05-01T10:00:00.123456Z",
    updated_at: "2024-05-01T10:05:00.123456Z",
    ...overrides,
  };
}

export function exampleAlertSource(overrides: Body = {}): Body {
  return {
    id: "01HQ4Z7V1JX6R8T3N2M5K9B0AS",
    name: "incidentkit hub",
    source_type: "http",
    alert_events_url: "https://api.incident.io/v2/alert_events/http/01HQ4Z7V1JX6R8T3N2M5K9B0AS",
    secret_token: "alert-source-secret-0123456789",
    template: {
      title: { label: "Alert title" },
      description: { label: "Alert description" },
      attributes: [],
      expressions: [],
      is_private: false,
    },
    ...overrides,
  };
}
