import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ProductionEnvironments } from "./environments.js";
import { changeFromGithub, githubSignature, githubSignatureValid } from "./github.js";
import { githubDeploymentStatus, githubExample } from "./testing.js";

const SECRET = "gh-webhook-secret-7f3a9c";

describe("githubSignatureValid", () => {
  const body = JSON.stringify(githubDeploymentStatus());

  it("accepts the HMAC-SHA256 of the raw body with the secret, as GitHub sends it", () => {
    // Computed independently of githubSignature: GitHub's documented recipe.
    const header = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
    expect(githubSignature(body, SECRET)).toBe(header);
    expect(githubSignatureValid(body, header, SECRET)).toBe(true);
    expect(githubSignatureValid(body, header.toUpperCase().replace("SHA256=", "sha256="), SECRET)).toBe(true);
  });

  it("refuses a forged, altered, missing or malformed signature", () => {
    const signed = githubSignature(body, SECRET);
    expect(githubSignatureValid(body, githubSignature(body, "another-secret"), SECRET)).toBe(false);
    expect(githubSignatureValid(body.replace("success", "failure"), signed, SECRET)).toBe(false);
    expect(githubSignatureValid(body, undefined, SECRET)).toBe(false);
    expect(githubSignatureValid(body, signed.replace("sha256=", "sha1="), SECRET)).toBe(false);
    expect(githubSignatureValid(body, signed.slice(0, -2), SECRET)).toBe(false);
  });
});

describe("changeFromGithub", () => {
  it("makes a successful deployment a deploy of the repository, linked to its run", () => {
    expect(changeFromGithub("deployment_status", githubDeploymentStatus())).toEqual({
      kind: "change",
      input: {
        repository: "acme/payments-api",
        kind: "deploy",
        description: "Deployed 9f2c1e4 (main) to production: Release v2.3.1",
        link: "https://github.com/acme/payments-api/actions/runs/9876543210",
        author: "alice",
        happenedAt: "2026-06-30T11:35:00.000Z",
        externalId: "github-deployment:1452631057:success",
        environment: "production",
        production: true,
      },
    });
  });

  it("reads GitHub's own example deliveries, github.com's and GitHub Enterprise Server's", () => {
    expect(changeFromGithub("deployment_status", githubExample("payload.json"))).toEqual({
      kind: "change",
      input: {
        repository: "Codertocat/Hello-World",
        kind: "deploy",
        description: "Deployed f95f852 (master) to production",
        // The example's target_url is empty: the commit it deployed stands in.
        link: "https://github.com/Codertocat/Hello-World/commit/f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
        author: "Codertocat",
        happenedAt: "2019-05-15T15:20:55.000Z",
        externalId: "github-deployment:145988746:success",
        environment: "production",
        production: true,
      },
    });
    const enterprise = changeFromGithub("deployment_status", githubExample("ghes-35.payload.json"));
    expect(enterprise.kind === "change" && enterprise.input).toMatchObject({
      repository: "Codertocat/Hello-World",
      link: "https://octocoders.github.io/Codertocat/Hello-World/commit/78a96099c3f442d7f6e8d1a7d07090091993e65a",
      production: true,
    });
  });

  it("records a deploy to an environment not listed as production as such, whatever GitHub's flags omit", () => {
    // GitHub's Pages example, its in_progress status turned into the success that follows it.
    const pages = githubExample("gh-pages.payload.json");
    (pages.deployment_status as Record<string, unknown>).state = "success";
    const delivery = changeFromGithub("deployment_status", pages);
    expect(delivery.kind === "change" && delivery.input).toMatchObject({
      description: "Deployed f95f852 (master) to github-pages",
      environment: "github-pages",
      production: false,
    });
    // Listed, it is production: the hub's own list decides names.
    const listed = changeFromGithub("deployment_status", pages, new ProductionEnvironments(["github-pages"]));
    expect(listed.kind === "change" && listed.input.production).toBe(true);
  });

  it("never takes a transient (preview) environment for production, and honours production_environment", () => {
    const preview = (environment: string, flags: Record<string, boolean>) => {
      const body = githubExample("payload.json");
      const deployment = body.deployment as Record<string, unknown>;
      Object.assign(deployment, { environment, ...flags });
      (body.deployment_status as Record<string, unknown>).environment = environment;
      const delivery = changeFromGithub("deployment_status", body);
      return delivery.kind === "change" ? delivery.input.production : delivery.kind;
    };
    expect(preview("pr-123", { transient_environment: true })).toBe(false);
    expect(preview("production", { transient_environment: true, production_environment: true })).toBe(false);
    expect(preview("eu-west-1", { production_environment: true })).toBe(true);
    // A listed name stays production even when the deployer left the flag false.
    expect(preview("Production", { production_environment: false })).toBe(true);
    expect(preview("staging", { transient_environment: false, production_environment: false })).toBe(false);
  });

  it("takes the service from deployment.payload.service when the deployer names one, object or JSON text", () => {
    for (const payload of [{ service: "ledger" }, JSON.stringify({ service: "ledger" })]) {
      const delivery = changeFromGithub("deployment_status", githubDeploymentStatus({ payload }));
      expect(delivery.kind === "change" && delivery.input).toMatchObject({
        service: "ledger",
        repository: "acme/payments-api",
      });
    }
  });

  it("ignores unsuccessful states and other events, saying why", () => {
    expect(changeFromGithub("deployment_status", githubDeploymentStatus({ state: "failure" }))).toEqual({
      kind: "ignored",
      reason: "the deployment's state is failure: only successful deployments are changes",
    });
    const push = changeFromGithub("push", {});
    expect(push.kind === "ignored" && push.reason).toMatch(/"push" events are not changes/);
  });

  it("names the fields missing from a malformed delivery", () => {
    const body = githubDeploymentStatus();
    delete (body.deployment as Record<string, unknown>).sha;
    delete body.repository;
    const delivery = changeFromGithub("deployment_status", body);
    expect(delivery.kind).toBe("invalid");
    if (delivery.kind !== "invalid") return;
    expect(delivery.errors.map((error) => error.field).sort()).toEqual(["deployment.sha", "repository"]);
  });
});
