import type { IncidentRecord, Snapshot } from "../model.js";
import type { IncidentAttachmentRecord, IncidentRelationshipRecord } from "../model-attachments.js";
import type { DemoLookup } from "./demo-lookup.js";
import { FAMILIES } from "./families.js";
import { fill } from "./family.js";
import { DEMO_SERVICES } from "./organisation.js";
import { Random } from "./random.js";

const SECOND = 1000;
const DAY = 24 * 60 * 60 * SECOND;
/** Incidents of one failure family this close together were usually linked by whoever ran the second one. */
const RELATED_WITHIN = 14 * DAY;

type Extras = Pick<Snapshot, "incident_attachments" | "incident_relationships">;

/**
 * What Acme Cloud's responders attached to their incidents: the service's Grafana dashboard, the Datadog monitor
 * that fired (one per service, so the same monitor turns up on many incidents), and the pull request that fixed
 * it; and which incidents they marked as related. IDs and choices come from a generator of their own, so adding
 * them left every other seeded ID as it was.
 */
export function demoAttachments(
  lookup: DemoLookup,
  familyOf: ReadonlyMap<string, string>,
  seed: number,
  now: number,
): Extras {
  const rng = new Random(seed ^ 0xa77a_c4ed);
  const monitorOf = new Map(DEMO_SERVICES.map((s) => [s.slug, String(rng.int(10_000_000, 99_999_999))]));
  const attachments: IncidentAttachmentRecord[] = [];
  const relationships: IncidentRelationshipRecord[] = [];
  const lastOfFamily = new Map<string, IncidentRecord>();

  for (const incident of lookup.snapshot.incidents) {
    const family = FAMILIES.find((f) => f.key === familyOf.get(incident.id));
    const service = lookup.fieldEntries(incident, "Affected services")[0];
    const created = Date.parse(incident.created_at);
    const attach = (
      offset: number,
      resource: Omit<IncidentAttachmentRecord, "id" | "incident_id" | "created_at">,
    ) => {
      const at = Math.min(created + offset, now);
      attachments.push({ id: rng.id(at), incident_id: incident.id, ...resource, created_at: iso(at) });
    };
    const declined = ["declined", "canceled", "merged"].includes(lookup.category(incident) ?? "");
    if (service && !declined && incident.mode !== "test") {
      if (rng.chance(0.6)) {
        const from = created - 60 * 60 * SECOND;
        const link = `https://grafana.acme.example/d/${service.slug}/${service.slug}-overview?from=${from}&to=now`;
        attach(rng.int(60, 900) * SECOND, {
          resource_type: "arbitrary_url",
          external_id: link,
          permalink: link,
          title: `${service.name} overview (Grafana)`,
        });
      }
      const monitor = monitorOf.get(service.slug);
      if (monitor && lookup.severity(incident) !== "Minor" && rng.chance(0.5)) {
        attach(rng.int(5, 120) * SECOND, {
          resource_type: "datadog_monitor_alert",
          external_id: monitor,
          permalink: `https://app.datadoghq.com/monitors/${monitor}`,
          title: `[P1] ${service.slug} error rate above 5% for 5 minutes`,
        });
      }
      if (family && lookup.wasResolved(incident) && rng.chance(0.5)) {
        const number = rng.int(1200, 9800);
        const fix = fill(rng.pick(family.fixes), family, rng).replace(/\.$/, "");
        attach(rng.int(20, 240) * 60 * SECOND, {
          resource_type: "github_pull_request",
          external_id: `acme-cloud/${service.slug}#${number}`,
          permalink: `https://github.com/acme-cloud/${service.slug}/pull/${number}`,
          title: fix,
        });
      }
    }
    if (family) {
      const previous = lastOfFamily.get(family.key);
      if (previous && created - Date.parse(previous.created_at) < RELATED_WITHIN && rng.chance(0.6)) {
        const at = Math.min(created + rng.int(10, 120) * 60 * SECOND, now);
        relationships.push({ id: rng.id(at), incident_ids: [previous.id, incident.id], created_at: iso(at) });
      }
      lastOfFamily.set(family.key, incident);
    }
  }
  return { incident_attachments: attachments, incident_relationships: relationships };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
