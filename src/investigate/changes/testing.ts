import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ServiceDirectory } from "../../app/directory.js";
import type { MirroredIncident } from "../../mirror/index.js";
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

/**
 * Components tied to GitHub repositories by `github.com/project-slug`, from real catalog files (descriptions,
 * links and tags left out; the Groups that own them added, so every reference resolves):
 * - backstage-existing: Backstage's own root file (backstage/backstage, `catalog-info.yaml`, commit
 *   0511a50d882f081629a5935f5d029aa051670c0b): its name is not its repository's.
 * - two Components of one repository (backstage/community-plugins, `workspaces/ocm/plugins/ocm-backend/
 *   catalog-info.yaml` at 920e200844398e117a96391ea63618b107663e0e and `workspaces/ocm/plugins/ocm/
 *   catalog-info.yaml` at 303b9d302f2528b5eedf9d3f4b82602041d93113): a monorepo.
 * - ours: payments-api without the annotation, and ledger, whose repository is not named after it.
 */
export const SLUG_CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: backstage-existing
  annotations:
    github.com/project-slug: backstage/backstage
    backstage.io/techdocs-ref: dir:.
    lighthouse.com/website-url: https://backstage.io
spec:
  type: library
  owner: CNCF
  lifecycle: production
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: backstage-community-ocm-backend
  title: '@backstage-community/backstage-plugin-ocm-backend'
  annotations:
    github.com/project-slug: backstage/community-plugins
spec:
  type: backstage-backend-plugin
  lifecycle: production
  owner: rhdh-team
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: backstage-community-ocm-frontend
  title: '@backstage-community/backstage-plugin-ocm'
  annotations:
    github.com/project-slug: backstage/community-plugins
spec:
  type: backstage-frontend-plugin
  lifecycle: production
  owner: rhdh-team
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: CNCF }
spec: { type: organization }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: rhdh-team }
spec: { type: team }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-api, title: Payments API }
spec: { type: service, lifecycle: production, owner: group:payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
  annotations: { github.com/project-slug: Acme/ledger-service }
spec: { type: service, lifecycle: production, owner: group:payments }
`;

export const FIELD = "Affected services";
export const CREATED = "2026-06-30T12:00:00.000Z";

export interface ChangesWorld {
  store: Store;
  clock: ManualClock;
  directory: ServiceDirectory;
  close(): Promise<void>;
}

/** An in-memory store, a clock at `CREATED`, and a directory over `catalog` (`TEST_CATALOG` unless told). */
export async function startChangesWorld(catalog = TEST_CATALOG): Promise<ChangesWorld> {
  const dir = mkdtempSync(join(tmpdir(), "incidentkit-changes-"));
  writeFileSync(join(dir, "catalog-info.yaml"), catalog);
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

const GITHUB_EXAMPLES = new URL("../../../test/fixtures/github/deployment_status/", import.meta.url);

/** One of GitHub's example `deployment_status` deliveries (test/fixtures/github says where each is from). */
export function githubExample(
  file: "payload.json" | "gh-pages.payload.json" | "ghes-35.payload.json",
): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(file, GITHUB_EXAMPLES), "utf8")) as Record<string, unknown>;
}
