import { describe, expect, it } from "vitest";
import { ProductionEnvironments } from "./environments.js";
import { parseChangeBody } from "./input.js";

const NOW = Date.parse("2026-06-30T12:00:00Z");

describe("parseChangeBody", () => {
  it("takes a full change, trimming text and normalising the time to UTC", () => {
    const result = parseChangeBody(
      {
        service: "  payments-api ",
        kind: "deploy",
        description: "v2.3.1",
        link: "https://github.com/acme/payments-api/actions/runs/1",
        author: "alice",
        happened_at: "2026-06-30T13:30:00+02:00",
        external_id: "deploy-42",
      },
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      input: {
        service: "payments-api",
        kind: "deploy",
        description: "v2.3.1",
        link: "https://github.com/acme/payments-api/actions/runs/1",
        author: "alice",
        happenedAt: "2026-06-30T11:30:00.000Z",
        externalId: "deploy-42",
      },
    });
  });

  it("names every missing or wrong field", () => {
    const result = parseChangeBody({ kind: "rollout", link: "ftp://x", happened_at: "yesterday" }, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byField = Object.fromEntries(result.errors.map((error) => [error.field, error.message]));
    expect(Object.keys(byField).sort()).toEqual(["description", "happened_at", "kind", "link", "service"]);
    expect(byField.service).toMatch(/required/);
    expect(byField.kind).toMatch(/deploy/);
    expect(byField.link).toMatch(/http/);
    expect(byField.happened_at).toMatch(/ISO 8601/);
  });

  it("refuses blank text and bodies that are not objects", () => {
    const blank = parseChangeBody({ service: "  ", kind: "config", description: "x" }, NOW);
    expect(blank).toEqual({ ok: false, errors: [{ field: "service", message: "must not be blank" }] });
    expect(parseChangeBody([], NOW)).toEqual({
      ok: false,
      errors: [{ field: "body", message: "expected a JSON object" }],
    });
  });

  it("refuses a change dated well after now, but allows a few minutes of clock drift", () => {
    const body = { service: "ledger", kind: "config", description: "pool 20 -> 50" };
    const drift = parseChangeBody({ ...body, happened_at: "2026-06-30T12:04:00Z" }, NOW);
    expect(drift.ok).toBe(true);
    const future = parseChangeBody({ ...body, happened_at: "2026-06-30T13:00:00Z" }, NOW);
    expect(future).toEqual({
      ok: false,
      errors: [{ field: "happened_at", message: "is in the future: give the time the change took effect" }],
    });
  });

  it("treats null optional fields as absent", () => {
    const result = parseChangeBody(
      { service: "ledger", kind: "other", description: "x", link: null, author: null, external_id: null },
      NOW,
    );
    expect(result).toEqual({ ok: true, input: { service: "ledger", kind: "other", description: "x" } });
  });

  it("takes a repository beside or instead of the service, and refuses a change naming neither", () => {
    const body = { kind: "deploy", description: "v2.3.1" };
    expect(parseChangeBody({ ...body, repository: " backstage/backstage " }, NOW)).toEqual({
      ok: true,
      input: { repository: "backstage/backstage", kind: "deploy", description: "v2.3.1" },
    });
    const neither = parseChangeBody({ ...body, service: null }, NOW);
    expect(neither.ok === false && neither.errors).toEqual([
      {
        field: "service",
        message:
          "is required: give the service changed, or the repository it was deployed from as repository (owner/repository)",
      },
    ]);
    const malformed = parseChangeBody({ ...body, repository: "https://github.com/backstage/backstage" }, NOW);
    expect(malformed.ok === false && malformed.errors).toEqual([
      { field: "repository", message: "expected the repository as owner/repository, e.g. acme/payments-api" },
    ]);
  });

  it("judges an environment by the names given unless the sender says, and wants one with production", () => {
    const body = { service: "ledger", kind: "deploy", description: "v2" };
    const environments = new ProductionEnvironments(["live"]);
    const judged = (extra: Record<string, unknown>) => {
      const result = parseChangeBody({ ...body, ...extra }, NOW, environments);
      return result.ok ? [result.input.environment, result.input.production] : result.errors;
    };
    expect(judged({ environment: "Live" })).toEqual(["Live", true]);
    expect(judged({ environment: "production" })).toEqual(["production", false]);
    expect(judged({ environment: "staging", production: true })).toEqual(["staging", true]);
    expect(judged({})).toEqual([undefined, undefined]);
    expect(judged({ production: false })).toEqual([
      { field: "production", message: "goes with environment: name the environment deployed to" },
    ]);
  });
});
