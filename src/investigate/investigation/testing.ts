import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ServiceDirectory } from "../../app/directory.js";
import { type MirroredIncident, upsertMirroredIncident } from "../../mirror/index.js";
import { ManualClock } from "../../shared/clock.js";
import type { Store } from "../../store/index.js";
import { openTestStore } from "../../store/testing/databases.js";
import type { ChangeKind } from "../changes/change.js";
import { recordChange } from "../changes/record.js";
import { ServiceNames } from "../changes/services.js";

/** payments-api (with a runbook and a dashboard) depends on ledger; search stands apart. */
export const WORLD_CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  title: Payments API
  links:
    - { url: "https://grafana.acme.example/d/payments-api", title: Dashboard, icon: dashboard }
    - { url: "https://runbooks.acme.example/payments-api", title: Runbook, icon: docs }
spec: { type: service, lifecycle: production, owner: group:payments, dependsOn: [component:ledger] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger, title: Ledger }
spec: { type: service, lifecycle: production, owner: group:payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: search, title: Search }
spec: { type: service, lifecycle: production, owner: group:payments }
`;

export const WORLD_FIELD = "Affected services";
/** When the incident under investigation was declared. */
export const WORLD_NOW = "2026-06-30T12:00:00.000Z";
const DAY = 86_400_000;

export interface InvestigationWorld {
  store: Store;
  clock: ManualClock;
  directory: ServiceDirectory;
  /** Writes an incident to the mirror. */
  mirror(incident: MirroredIncident): Promise<void>;
  /** Records a change to `service` `minutesBefore` the incident was declared. */
  change(
    service: string,
    kind: ChangeKind,
    minutesBefore: number,
    extra?: { description?: string; author?: string; link?: string },
  ): Promise<void>;
  close(): Promise<void>;
}

export async function startInvestigationWorld(): Promise<InvestigationWorld> {
  const dir = mkdtempSync(join(tmpdir(), "incidentkit-investigation-"));
  writeFileSync(join(dir, "catalog-info.yaml"), WORLD_CATALOG);
  const store = await openTestStore();
  const clock = new ManualClock(Date.parse(WORLD_NOW) + 60_000);
  const directory = ServiceDirectory.open({ store, clock, catalog: { dir, field: WORLD_FIELD } });
  const names = new ServiceNames(directory.catalog.entities);
  return {
    store,
    clock,
    directory,
    async mirror(incident) {
      await upsertMirroredIncident(store.db, incident, {}, new Date(clock.now()).toISOString());
    },
    async change(service, kind, minutesBefore, extra = {}) {
      const happenedAt = new Date(Date.parse(WORLD_NOW) - minutesBefore * 60_000).toISOString();
      await recordChange(
        store,
        { service, kind, description: extra.description ?? `${kind} of ${service}`, happenedAt, ...extra },
        { source: "api", clock, names },
      );
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let serial = 0;

/** An incident of the world: `daysAgo` days before the one investigated, naming `services`. */
export function worldIncident(
  spec: {
    name: string;
    services: string[];
    daysAgo?: number;
    summary?: string;
    severity?: "Critical" | "Major" | "Minor";
    resolvedAfterHours?: number;
    /** A "Root cause" text field. */
    rootCause?: string;
  },
  overrides: Partial<MirroredIncident> = {},
): MirroredIncident {
  serial += 1;
  const created = Date.parse(WORLD_NOW) - (spec.daysAgo ?? 0) * DAY;
  const rank = { Critical: 3, Major: 2, Minor: 1 }[spec.severity ?? "Critical"];
  const resolved =
    spec.resolvedAfterHours === undefined ? null : created + spec.resolvedAfterHours * 3_600_000;
  return {
    id: `01JWORLD${String(serial).padStart(4, "0")}`,
    account: "prod",
    reference: `INC-${100 + serial}`,
    name: spec.name,
    summary: spec.summary ?? null,
    severity: { id: `sev-${rank}`, name: spec.severity ?? "Critical", rank },
    status: resolved
      ? { id: "st-closed", name: "Closed", category: "closed" }
      : { id: "st-live", name: "Investigating", category: "live" },
    type: { id: "type-default", name: "Default" },
    mode: "standard",
    visibility: "public",
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(created).toISOString(),
    resolvedAt: resolved === null ? null : new Date(resolved).toISOString(),
    permalink: `https://app.incident.io/acme/incidents/${100 + serial}`,
    customFields: [
      { fieldId: "cf-services", fieldName: WORLD_FIELD, values: spec.services.map((label) => ({ label })) },
      ...(spec.rootCause
        ? [{ fieldId: "cf-root-cause", fieldName: "Root cause", values: [{ label: spec.rootCause }] }]
        : []),
    ],
    ...overrides,
  };
}
