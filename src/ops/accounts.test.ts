import { describe, expect, it } from "vitest";
import { type Account, IncidentIoTransportError } from "../api/index.js";
import { verifyAccount } from "./accounts.js";
import { startOpsTest } from "./testing.js";

const account = (apiKey: string, baseUrl: string): Account => ({
  alias: "work",
  apiKey,
  baseUrl,
  source: "file",
});

describe("verifyAccount", () => {
  it("reports who a working key is, showing only its last four characters", async () => {
    const ops = await startOpsTest();
    try {
      const key = ops.t.adminKey;
      const check = await verifyAccount(account(key, ops.t.url), { clientOptions: { fetch: ops.t.fetch } });
      expect(check.ok).toBe(true);
      expect(check.alias).toBe("work");
      expect(check.baseUrl).toBe(ops.t.url);
      expect(check.key).toBe(`…${key.slice(-4)}`);
      expect(check.identity?.roles).toContain("global_access");
      expect(check.error).toBeUndefined();
    } finally {
      await ops.close();
    }
  });

  it("fails a key that cannot read incidents, naming the role to add", async () => {
    const ops = await startOpsTest();
    try {
      const creatorOnly = ops.t.emulator.createApiKey("Creator only", ["incident_creator"]);
      const check = await verifyAccount(account(creatorOnly.token, ops.t.url), {
        clientOptions: { fetch: ops.t.fetch },
      });
      expect(check.ok).toBe(false);
      expect(check.identity?.name).toBe("Creator only");
      expect(check.error?.code).toBe("missing_scope");
      expect(check.error?.message).toContain("viewer (read incidents, updates and settings)");
      expect(check.error?.hint).toContain("add viewer to the key");
    } finally {
      await ops.close();
    }
  });

  it("returns a revoked key's 401 instead of throwing, without the key in it", async () => {
    const ops = await startOpsTest();
    try {
      const key = `inc_${"ab".repeat(32)}`;
      const check = await verifyAccount(account(key, ops.t.url), { clientOptions: { fetch: ops.t.fetch } });
      expect(check.ok).toBe(false);
      expect(check.error?.code).toBe("unauthorized");
      expect(check.error?.hint).toContain("api-keys");
      expect(JSON.stringify({ ...check, error: check.error?.toJSON() })).not.toContain(key);
      expect(check.error?.message).not.toContain(key);
    } finally {
      await ops.close();
    }
  });

  it("returns a transport failure instead of throwing", async () => {
    const refused = () => Promise.reject(new TypeError("fetch failed: connection refused"));
    const check = await verifyAccount(account(`inc_${"cd".repeat(32)}`, "https://api.incident.io"), {
      clientOptions: { fetch: refused as typeof fetch, maxRetries: 0 },
    });
    expect(check.ok).toBe(false);
    expect(check.error).toBeInstanceOf(IncidentIoTransportError);
  });
});
