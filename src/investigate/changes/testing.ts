import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MirroredIncident } from "../../mirror/index.js";
import { ServiceDirectory } from "../../ops/services/directory.js";
import { ManualClock } from "../../shared/clock.js";
import type { Store } from "../../store/index.js";
import { openTestStore } from "../../store/testing/databases.js";

/** payments-api depends on ledger (a Component) and kafka (a Resource the catalog does not model). */
export const TEST_CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-api, title: Payments API }
spec: { type: service, lifecycle: production, owner: group:payments, dependsOn: [component:ledger, resource:kafka] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger, title: Ledger }
spec: { type: service, lifecycle: production, owner: group:payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: search, title: Search }
spec: { type: service, lifecycle: production, owner: group:payments, dependsOn: [component:payments-api] }
`;

export const FIELD = "Affected services";
export const CREATED = "2026-06-30T12:00:00.000Z";

export interface ChangesWorld {
  store: Store;
  clock: ManualClock;
  directory: ServiceDirectory;
  close(): Promise<void>;
}

/** An in-memory store, a clock at `CREATED`, and a directory over `TEST_CATALOG`. */
export async function startChangesWorld(): Promise<ChangesWorld> {
  const dir = mkdtempSync(join(tmpdir(), "incidentkit-changes-"));
  writeFileSync(join(dir, "catalog-info.yaml"), TEST_CATALOG);
  const store = await openTestStore();
  const clock = new ManualClock(Date.parse(CREATED));
  const directory = ServiceDirectory.open({ store, clock, catalog: { dir, field: FIELD } });
  return {
    store,
    clock,
    directory,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A live incident created at `createdAt` whose "Affected services" field names `services` (labels). */
export function incidentFor(services: string[], createdAt = CREATED): MirroredIncident {
  return {
    id: "01J0INCIDENT000000000000001",
    account: "prod",
    reference: "INC-7",
    name: "Payments failing",
    summary: null,
    severity: { id: "sev-major", name: "Major", rank: 2 },
    status: { id: "st-live", name: "Investigating", category: "live" },
    type: null,
    mode: "standard",
    visibility: "public",
    createdAt,
    updatedAt: createdAt,
    resolvedAt: null,
    permalink: null,
    customFields: [
      { fieldId: "field-services", fieldName: FIELD, values: services.map((label) => ({ label })) },
    ],
  };
}

/** A `deployment_status` delivery as GitHub sends it (trimmed of the many URLs no one reads). */
export function githubDeploymentStatus(
  overrides: { state?: string; payload?: unknown; deploymentId?: number } = {},
): Record<string, unknown> {
  const user = (login: string, id: number) => ({
    login,
    id,
    node_id: "MDQ6VXNlcjE=",
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    html_url: `https://github.com/${login}`,
    type: "User",
    site_admin: false,
  });
  const repository = "https://github.com/acme/payments-api";
  return {
    action: "created",
    deployment_status: {
      url: "https://api.github.com/repos/acme/payments-api/deployments/1452631057/statuses/2982381462",
      id: 2982381462,
      node_id: "DES_kwDOHVv3Gc6xxxx",
      state: overrides.state ?? "success",
      creator: user("github-actions[bot]", 41898282),
      description: "Deployment finished",
      environment: "production",
      target_url: `${repository}/actions/runs/9876543210`,
      created_at: "2026-06-30T11:35:00Z",
      updated_at: "2026-06-30T11:35:00Z",
      deployment_url: "https://api.github.com/repos/acme/payments-api/deployments/1452631057",
      repository_url: "https://api.github.com/repos/acme/payments-api",
      environment_url: "https://payments.acme.example",
      log_url: `${repository}/actions/runs/9876543210`,
    },
    deployment: {
      url: "https://api.github.com/repos/acme/payments-api/deployments/1452631057",
      id: overrides.deploymentId ?? 1452631057,
      node_id: "DE_kwDOHVv3Gc5WlMUR",
      sha: "9f2c1e4b7a3d5c6e8f0a1b2c3d4e5f60718293a4",
      ref: "main",
      task: "deploy",
      payload: overrides.payload ?? {},
      original_environment: "production",
      environment: "production",
      description: "Release v2.3.1",
      creator: user("alice", 1001),
      created_at: "2026-06-30T11:30:00Z",
      updated_at: "2026-06-30T11:35:00Z",
      statuses_url: "https://api.github.com/repos/acme/payments-api/deployments/1452631057/statuses",
      repository_url: "https://api.github.com/repos/acme/payments-api",
      transient_environment: false,
      production_environment: true,
    },
    repository: {
      id: 491451161,
      name: "payments-api",
      full_name: "acme/payments-api",
      private: true,
      html_url: repository,
      default_branch: "main",
    },
    organization: { login: "acme", id: 5001 },
    sender: user("alice", 1001),
  };
}
