import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestEmulator, type TestEmulator } from "../../../../test/support/emulator.js";
import { IncidentIo } from "../../../api/index.js";
import { ServiceDirectory } from "../../../app/directory.js";
import { HubAccounts } from "../../../app/hub-accounts.js";
import type { Snapshot } from "../../../emulator/model.js";
import { named, testSnapshot } from "../../../emulator/testing.js";
import { Mirror, type MirroredIncident, upsertMirroredIncident } from "../../../mirror/index.js";
import { type OpsSession, openSession } from "../../../ops/index.js";
import { ManualClock } from "../../../shared/clock.js";
import type { Store } from "../../../store/index.js";
import { openTestStore } from "../../../store/testing/databases.js";
import { HubWebData } from "../hub-data.js";

const DAY = 86_400_000;

/** A team, a system, and three components: one with a history, one mapped by annotation, one unmapped. */
export const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: shop-team, title: Shop team }
spec: { type: team }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: shop, title: Shop }
spec: { owner: group:shop-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout, title: Checkout, links: [{ url: "https://runbooks.example.com/checkout", title: Runbook }] }
spec: { type: service, lifecycle: production, owner: group:shop-team, system: shop, dependsOn: [component:payments] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
  title: Payments
  annotations: { incidentkit.io/incident-field-value: ext-payments }
spec: { type: service, lifecycle: production, owner: group:shop-team, system: shop }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: search, title: Search }
spec: { type: service, lifecycle: production, owner: group:shop-team }
`;

export const SCORECARD = `
name: Reliability
description: Held to incident standards.
filter: { kinds: [Component] }
levels:
  - name: Bronze
    rules:
      - { name: Mapped, expression: has_mapping, hint: Name the service in the Service field. }
  - name: Silver
    rules:
      - name: Few major incidents
        expression: count(incidents where severity >= "Major" and created within 90d) <= 2
        hint: Review the follow-ups.
`;

export const CHECKOUT = "component:default/checkout";
export const PAYMENTS = "component:default/payments";
export const SEARCH = "component:default/search";

export interface HubWorld {
  t: TestEmulator;
  snapshot: Snapshot;
  store: Store;
  clock: ManualClock;
  session: OpsSession;
  mirror: Mirror;
  directory: ServiceDirectory;
  data: HubWebData;
  now: number;
  /** Writes an incident of `checkout` into the mirror, as a sync would. */
  mirrorIncident(incident: Partial<MirroredIncident> & { daysAgo: number }): Promise<MirroredIncident>;
  close(): Promise<void>;
}

let serial = 0;

/**
 * The test organisation in an emulator, an in-memory hub store, a catalog folder (holding `CATALOG` unless told),
 * and `HubWebData` over them.
 */
export async function startHubWorld(catalogFile = CATALOG): Promise<HubWorld> {
  const dir = mkdtempSync(join(tmpdir(), "incidentkit-web-"));
  mkdirSync(join(dir, "catalog"));
  writeFileSync(join(dir, "catalog", "catalog-info.yaml"), catalogFile);
  writeFileSync(join(dir, "reliability.yaml"), SCORECARD);
  const snapshot = testSnapshot();
  const t = await startTestEmulator({ ephemeral: true, snapshot });
  const store = await openTestStore();
  const now = Date.now();
  const clock = new ManualClock(now);
  const io = new IncidentIo({
    apiKey: t.adminKey,
    baseUrl: t.url,
    fetch: t.fetch,
    maxRetries: 0,
    rateLimit: false,
  });
  const session = openSession(io, { alias: "prod", clock });
  const mirror = new Mirror(store, [session], { clock });
  const catalog = { dir: join(dir, "catalog"), field: "Service" };
  const directory = ServiceDirectory.open({
    store,
    clock,
    catalog,
    scorecards: join(dir, "reliability.yaml"),
    account: "prod",
  });
  const data = new HubWebData({
    directory,
    store,
    accounts: new HubAccounts(session),
    sources: ["prometheus", "grafana"],
    clock,
    catalog,
    mirror,
  });
  const field = named(snapshot.custom_fields, "Service");
  const entry = snapshot.catalog_entries.find((e) => e.name === "checkout");
  const severity = (name: string) => {
    const found = named(snapshot.severities, name);
    return { id: found.id, name: found.name, rank: found.rank };
  };
  return {
    t,
    snapshot,
    store,
    clock,
    session,
    mirror,
    directory,
    data,
    now,
    async mirrorIncident(overrides) {
      serial += 1;
      const { daysAgo, ...rest } = overrides;
      const created = new Date(now - daysAgo * DAY).toISOString();
      const incident: MirroredIncident = {
        id: `01MIRROR${String(serial).padStart(6, "0")}`,
        account: "prod",
        reference: `INC-${900 + serial}`,
        name: `Checkout incident ${serial}`,
        summary: null,
        severity: severity("Major"),
        status: { id: "st-closed", name: "Closed", category: "closed" },
        type: null,
        mode: "standard",
        visibility: "public",
        createdAt: created,
        updatedAt: created,
        resolvedAt: new Date(Date.parse(created) + 2 * 3_600_000).toISOString(),
        permalink: `https://app.incident.io/test/incidents/${900 + serial}`,
        customFields: [
          {
            fieldId: field.id,
            fieldName: field.name,
            values: [
              {
                label: entry?.name ?? "checkout",
                ...(entry
                  ? { id: entry.id, externalId: entry.external_id ?? "", aliases: entry.aliases }
                  : {}),
              },
            ],
          },
        ],
        ...rest,
      };
      await upsertMirroredIncident(store.db, incident, {}, new Date(clock.now()).toISOString());
      return incident;
    },
    async close() {
      await store.close();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A severity of the test organisation as the mirror keeps it. */
export function severityOf(snapshot: Snapshot, name: string) {
  const found = named(snapshot.severities, name);
  return { id: found.id, name: found.name, rank: found.rank };
}
