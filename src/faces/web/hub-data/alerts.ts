import { type DeliveryFocus, deliveryFocus } from "../../../alerts/delivery-state.js";
import { recentAlerts } from "../../../app/alert-history.js";
import type { PrivateIncidentMentions } from "../../../app/private-mentions.js";
import type { Store } from "../../../store/index.js";
import type { AlertRow } from "../model.js";

type Delivery = NonNullable<AlertRow["delivery"]>;

/**
 * For a viewer `auth.private_incidents` does not allow: the private incidents whose mentions are withheld, and
 * which incidents the mirror holds as public (an alert's incident it knows public is shown whatever its reference).
 */
export interface Withholding {
  mentions: PrivateIncidentMentions;
  isPublic(incidentId: string): boolean;
}

/** The alert's calls to incident.io in words: the worst call's state, what it ran into, and the fix. */
function deliveryOf(focus: DeliveryFocus | null): Delivery | null {
  if (!focus) return null;
  const { state, entry, attempt } = focus;
  const what = entry.kind === "declare" ? "open the incident" : `${entry.kind} the incident`;
  if (state === "delivered") {
    const status = attempt?.http_status ? ` (HTTP ${attempt.http_status})` : "";
    return { state, detail: `incident.io took the call to ${what}${status}`, fix: null };
  }
  if (state === "pending") return { state, detail: `waiting to ${what}`, fix: null };
  return { state, detail: attempt?.message ?? entry.lastError, fix: attempt?.fix ?? null };
}

/** The row with every mention of a private incident withheld: the incident itself, and the texts that name it. */
function withheld(row: AlertRow, hidesIncident: boolean, { mentions }: Withholding): AlertRow {
  const scrub = (text: string | null) => (text === null ? null : mentions.scrub(text));
  const { delivery } = row;
  return {
    ...row,
    title: mentions.scrub(row.title),
    dedupKey: mentions.scrub(row.dedupKey),
    reason: scrub(row.reason),
    incident: hidesIncident ? "private" : row.incident,
    delivery: delivery && { ...delivery, detail: scrub(delivery.detail), fix: scrub(delivery.fix) },
  };
}

/**
 * The newest alerts first (of one source, or all), each with the incident of its group and how the calls to
 * incident.io it queued went. `permalinkOf` finds an incident's incident.io page from its ID. With `withhold`,
 * private incidents are withheld: the alert and its delivery stay, the incident shows as private, unnamed.
 */
export async function alertRows(
  store: Store,
  filter: { source: string | null; limit: number },
  permalinkOf: (incidentId: string) => string | null,
  withhold?: Withholding,
): Promise<AlertRow[]> {
  const { alerts, calls } = await recentAlerts(store, {
    limit: filter.limit,
    ...(filter.source !== null ? { source: filter.source } : {}),
  });
  return alerts.map((alert) => {
    const row: AlertRow = {
      id: alert.id,
      receivedAt: alert.receivedAt,
      source: alert.source,
      dedupKey: alert.dedupKey,
      title: alert.title,
      status: alert.status,
      severity: alert.severity,
      decision: alert.decision,
      reason: alert.reason,
      rule: alert.rule,
      incident: alert.incidentReference
        ? {
            reference: alert.incidentReference,
            permalink: alert.incidentId ? permalinkOf(alert.incidentId) : null,
          }
        : null,
      delivery: deliveryOf(deliveryFocus(calls.get(alert.id))),
    };
    if (withhold === undefined || withhold.mentions.empty) return row;
    const incident = { id: alert.incidentId, reference: alert.incidentReference };
    return withheld(row, withhold.mentions.hides(incident, withhold.isPublic), withhold);
  });
}
