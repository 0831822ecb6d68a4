import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { githubSignature } from "../../investigate/changes/github.js";
import {
  type ChangesWorld,
  githubDeploymentStatus,
  githubExample,
  startChangesWorld,
} from "../../investigate/changes/testing.js";
import { changeRoutes } from "./changes.js";

const TOKEN = "changes-token-0123456789";
const ADMIN = "admin-token-9876543210";
const SECRET = "gh-secret-abcdef";

let world: ChangesWorld;
let app: ReturnType<typeof changeRoutes>;
beforeEach(async () => {
  world = await startChangesWorld();
  app = changeRoutes({
    store: world.store,
    directory: world.directory,
    token: TOKEN,
    adminToken: ADMIN,
    githubSecret: SECRET,
    clock: world.clock,
  });
});
afterEach(async () => {
  await world.close();
});

const deploy = { service: "Payments API", kind: "deploy", description: "v2.3.1", author: "alice" };

function post(body: unknown, token?: string, headers: Record<string, string> = {}) {
  return app.request("/", {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: {
      "content-type": "application/json",
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
  });
}

function list(query: string, token = TOKEN) {
  return app.request(`/?${query}`, { headers: { authorization: `Bearer ${token}` } });
}

function github(body: string, headers: Record<string, string>) {
  return app.request("/github", {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });
}

describe("POST /changes", () => {
  it("records a change with the changes token or the admin token (201), under the entity's ref", async () => {
    const response = await post(deploy, TOKEN);
    expect(response.status).toBe(201);
    const { change } = (await response.json()) as { change: Record<string, unknown> };
    expect(change).toMatchObject({
      service: "component:default/payments-api",
      kind: "deploy",
      author: "alice",
      source: "api",
      happened_at: "2026-06-30T12:00:00.000Z",
    });
    expect((await post(deploy, ADMIN, { "x-incidentkit-client": "cli" })).status).toBe(201);
    const sources = ((await (await list("")).json()) as { changes: Array<{ source: string }> }).changes;
    expect(sources.map((c) => c.source).sort()).toEqual(["api", "cli"]);
  });

  it("refuses a missing or wrong token (401) and records nothing", async () => {
    for (const token of [undefined, "wrong", `${TOKEN}x`]) {
      const response = await post(deploy, token);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/Bearer/);
      expect(await response.text()).not.toContain(TOKEN);
    }
    expect(((await (await list("")).json()) as { changes: unknown[] }).changes).toEqual([]);
  });

  it("answers 400 naming each field at fault", async () => {
    const response = await post({ service: "ledger", kind: "rollout" }, TOKEN);
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as { errors: Array<{ field: string }> };
    expect(errors.map((error) => error.field).sort()).toEqual(["description", "kind"]);
    const notJson = await post("{nope", TOKEN);
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ errors: [{ field: "body", message: "is not valid JSON" }] });
  });

  it("answers 200 with the first change when its external_id was already recorded", async () => {
    const first = await post({ ...deploy, external_id: "deploy-42" }, TOKEN);
    const again = await post({ ...deploy, description: "retried", external_id: "deploy-42" }, TOKEN);
    expect(again.status).toBe(200);
    const body = (await again.json()) as { change: { id: string; description: string }; duplicate: boolean };
    expect(body.duplicate).toBe(true);
    expect(body.change.id).toBe(((await first.json()) as { change: { id: string } }).change.id);
    expect(body.change.description).toBe("v2.3.1");
  });

  it("takes the repository instead of the service, and the environment, judged by the configured names", async () => {
    const configured = changeRoutes({
      store: world.store,
      directory: world.directory,
      token: TOKEN,
      clock: world.clock,
      productionEnvironments: ["prod-*"],
    });
    const send = (body: unknown) =>
      configured.request("/", {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      });
    const change = async (body: unknown) => {
      const response = await send(body);
      expect(response.status).toBe(201);
      return ((await response.json()) as { change: Record<string, unknown> }).change;
    };
    const base = { kind: "deploy", description: "v2.3.2", repository: "acme/payments-api" };
    expect(await change({ ...base, environment: "prod-eu" })).toMatchObject({
      service: "component:default/payments-api",
      environment: "prod-eu",
      production: true,
    });
    expect(await change({ ...base, environment: "production" })).toMatchObject({ production: false });
    expect(await change({ ...base, environment: "canary", production: true })).toMatchObject({
      production: true,
    });
    expect(await change({ ...base, service: "ledger" })).toMatchObject({
      service: "component:default/ledger",
      environment: null,
      production: null,
    });
    const bad = await send({
      kind: "deploy",
      description: "x",
      repository: "payments-api",
      production: true,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual([
      "repository",
    ]);
  });

  it("refuses everyone, saying what to configure, when the hub has no token for changes", async () => {
    const closed = changeRoutes({ store: world.store, clock: world.clock });
    const response = await closed.request("/", { method: "POST", body: JSON.stringify(deploy) });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toMatch(/changes\.token_env/);
  });
});

describe("GET /changes", () => {
  it("lists changes newest first, by any spelling of the service and since a duration or a time", async () => {
    await post({ ...deploy, happened_at: "2026-06-30T09:00:00Z", description: "old" }, TOKEN);
    await post(
      { ...deploy, service: "payments-api", happened_at: "2026-06-30T11:00:00Z", description: "new" },
      TOKEN,
    );
    await post({ service: "ledger", kind: "config", description: "pool" }, TOKEN);
    const descriptions = async (query: string) =>
      ((await (await list(query)).json()) as { changes: Array<{ description: string }> }).changes.map(
        (c) => c.description,
      );
    expect(await descriptions("service=PAYMENTS-API")).toEqual(["new", "old"]);
    expect(await descriptions("service=component:default/payments-api&since=2h")).toEqual(["new"]);
    expect(await descriptions("since=2026-06-30T10:00:00Z")).toEqual(["pool", "new"]);
    expect(await descriptions("limit=1")).toEqual(["pool"]);
  });

  it("answers 401 without a token and 400 for a since or limit it cannot read", async () => {
    expect((await app.request("/")).status).toBe(401);
    const bad = await list("since=yesterday&limit=0");
    expect(bad.status).toBe(400);
    const { errors } = (await bad.json()) as { errors: Array<{ field: string }> };
    expect(errors.map((error) => error.field)).toEqual(["since", "limit"]);
  });
});

describe("POST /changes/github", () => {
  const body = JSON.stringify(githubDeploymentStatus());
  const signed = (text: string, secret = SECRET) => ({
    "x-github-event": "deployment_status",
    "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
    "x-hub-signature-256": githubSignature(text, secret),
  });

  it("records a signed successful deployment once, however often GitHub redelivers it", async () => {
    const first = await github(body, signed(body));
    expect(first.status).toBe(201);
    expect(((await first.json()) as { change: unknown }).change).toMatchObject({
      service: "component:default/payments-api",
      kind: "deploy",
      source: "github",
      author: "alice",
      external_id: "github-deployment:1452631057:success",
    });
    const redelivered = await github(body, signed(body));
    expect(redelivered.status).toBe(200);
    expect(((await (await list("")).json()) as { changes: unknown[] }).changes).toHaveLength(1);
  });

  it("records a deploy to a preview environment as not production, by GitHub's flag or the hub's names", async () => {
    const preview = githubExample("payload.json");
    Object.assign(preview.deployment as Record<string, unknown>, {
      environment: "pr-481",
      transient_environment: true,
    });
    (preview.deployment_status as Record<string, unknown>).environment = "pr-481";
    const text = JSON.stringify(preview);
    const response = await github(text, signed(text));
    expect(response.status).toBe(201);
    expect(((await response.json()) as { change: unknown }).change).toMatchObject({
      service: "Hello-World",
      description: "Deployed f95f852 (master) to pr-481",
      environment: "pr-481",
      production: false,
    });
    // The deployer's flag left false, "production" is a name like any other to a hub that lists only "live".
    const unlisted = JSON.stringify(githubDeploymentStatus({ deploymentId: 7 })).replace(
      '"production_environment":true',
      '"production_environment":false',
    );
    const configured = changeRoutes({
      store: world.store,
      directory: world.directory,
      githubSecret: SECRET,
      clock: world.clock,
      productionEnvironments: ["live"],
    });
    const other = await configured.request("/github", {
      method: "POST",
      body: unlisted,
      headers: { "content-type": "application/json", ...signed(unlisted) },
    });
    expect(other.status).toBe(201);
    expect(((await other.json()) as { change: unknown }).change).toMatchObject({
      environment: "production",
      production: false,
    });
  });

  it("refuses forged and unsigned deliveries (401), recording nothing", async () => {
    expect((await github(body, signed(body, "not-the-secret"))).status).toBe(401);
    const tampered = body.replace("alice", "mallory");
    expect((await github(tampered, signed(body))).status).toBe(401);
    expect((await github(body, { "x-github-event": "deployment_status" })).status).toBe(401);
    expect(((await (await list("")).json()) as { changes: unknown[] }).changes).toEqual([]);
  });

  it("answers GitHub's ping, and 202 with the reason for deliveries that are not changes", async () => {
    const ping = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
    expect((await github(ping, { ...signed(ping), "x-github-event": "ping" })).status).toBe(200);
    const failed = JSON.stringify(githubDeploymentStatus({ state: "failure" }));
    const response = await github(failed, signed(failed));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      ignored: "the deployment's state is failure: only successful deployments are changes",
    });
  });

  it("answers 404, saying what to configure, when the hub has no GitHub secret", async () => {
    const closed = changeRoutes({ store: world.store, token: TOKEN, clock: world.clock });
    const response = await closed.request("/github", { method: "POST", body, headers: signed(body) });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/github_secret_env/);
  });
});
