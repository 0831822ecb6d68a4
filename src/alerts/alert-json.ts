import type { AlertDelivery, AlertDetail } from "./queries.js";

/** One delivery attempt as the hub's API and `--json` show it. */
export function deliveryJson(delivery: AlertDelivery) {
  return {
    kind: delivery.kind,
    attempted_at: delivery.attempted_at,
    outcome: delivery.outcome,
    http_status: delivery.http_status,
    error_code: delivery.error_code,
    message: delivery.message,
    fix: delivery.fix,
  };
}

/** One alert with its group and every delivery attempt: `GET /alerts/<id>` and `incidentkit alerts show --json`. */
export function alertDetailJson({ alert, group, deliveries }: AlertDetail) {
  return {
    alert: {
      id: alert.id,
      source: alert.source,
      dedup_key: alert.dedupKey,
      status: alert.status,
      title: alert.title,
      description: alert.description,
      severity: alert.severity,
      labels: alert.labels,
      received_at: alert.receivedAt,
      decision: alert.decision,
      reason: alert.reason,
      rule: alert.rule,
      group_key: alert.groupKey,
    },
    group: group && {
      group_key: group.group_key,
      state: group.state,
      generation: group.generation,
      incident_id: group.incident_id,
      incident_reference: group.incident_reference,
      opened_at: group.opened_at,
      resolved_at: group.resolved_at,
    },
    deliveries: deliveries.map(deliveryJson),
  };
}
