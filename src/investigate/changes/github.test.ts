import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { changeFromGithub, githubSignature, githubSignatureValid } from "./github.js";
import { githubDeploymentStatus } from "./testing.js";

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
        service: "payments-api",
        kind: "deploy",
        description: "Deployed 9f2c1e4 (main) to production: Release v2.3.1",
        link: "https://github.com/acme/payments-api/actions/runs/9876543210",
        author: "alice",
        happenedAt: "2026-06-30T11:35:00.000Z",
        externalId: "github-deployment:1452631057:success",
      },
    });
  });

  it("takes the service from deployment.payload.service when the deployer names one, object or JSON text", () => {
    for (const payload of [{ service: "ledger" }, JSON.stringify({ service: "ledger" })]) {
      const delivery = changeFromGithub("deployment_status", githubDeploymentStatus({ payload }));
      expect(delivery.kind === "change" && delivery.input.service).toBe("ledger");
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
