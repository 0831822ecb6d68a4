import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { createEmulator } from "./index.js";
import { call, named, testSnapshot } from "./testing.js";

let dataDir: string;
const open: TestEmulator[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "incidentkit-emulator-"));
});

afterEach(async () => {
  for (const t of open.splice(0)) await t.emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(options: Parameters<typeof startTestEmulator>[0]): Promise<TestEmulator> {
  const t = await startTestEmulator(options);
  open.push(t);
  return t;
}

async function stop(t: TestEmulator): Promise<void> {
  open.splice(open.indexOf(t), 1);
  await t.close();
}

async function declare(t: TestEmulator, name: string) {
  const severities = await call(t.emulator, "GET", "/v1/severities", { token: t.adminKey });
  const reply = await call(t.emulator, "POST", "/v2/incidents", {
    token: t.adminKey,
    body: {
      idempotency_key: name,
      visibility: "public",
      name,
      severity_id: severities.body.severities[0].id,
    },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.incident;
}

const severityNames = async (t: TestEmulator) =>
  (await call(t.emulator, "GET", "/v1/severities", { token: t.adminKey })).body.severities.map(
    (s: { name: string }) => s.name,
  );

describe("a data directory", () => {
  it("keeps settings, incidents and numbering across a restart, without seeding again", async () => {
    const first = await start({ dataDir, snapshot: testSnapshot() });
    const adminKey = first.adminKey;
    const created = await call(first.emulator, "POST", "/v1/severities", {
      token: adminKey,
      body: { name: "Catastrophic", description: "Everything is down" },
    });
    expect(created.status).toBe(201);
    const incident = await declare(first, "Checkout is down");
    expect(incident.reference).toBe("INC-1");
    await stop(first);

    const second = await start({ dataDir, snapshot: testSnapshot() });
    expect(second.adminKey).toBe(adminKey);
    expect(await severityNames(second)).toEqual(["Minor", "Major", "Critical", "Catastrophic"]);
    const shown = await call(second.emulator, "GET", `/v2/incidents/${incident.id}`, { token: adminKey });
    expect(shown.body.incident).toMatchObject({ name: "Checkout is down", reference: "INC-1" });
    expect((await declare(second, "Payments are slow")).reference).toBe("INC-2");
    expect(second.emulator.incidents()).toHaveLength(2);
  });

  it("keeps the store's own organisation when reopened with a different seed", async () => {
    const first = await start({ dataDir, seed: "empty" });
    const organisation = first.emulator.organisation;
    await stop(first);
    const other = testSnapshot();
    const second = await start({ dataDir, snapshot: other });
    expect(second.emulator.organisation).toEqual(organisation);
    const otherKey = named(other.api_keys, "Viewer").token;
    expect((await call(second.emulator, "GET", "/v1/identity", { token: otherKey })).status).toBe(401);
    expect(await severityNames(second)).not.toContain("Major");
  });

  it("keeps deletions, updates and minted keys", async () => {
    const snapshot = testSnapshot();
    const first = await start({ dataDir, snapshot });
    const minor = named(snapshot.severities, "Minor").id;
    const major = named(snapshot.severities, "Major").id;
    await call(first.emulator, "DELETE", `/v1/severities/${major}`, { token: first.adminKey });
    await call(first.emulator, "PUT", `/v1/severities/${minor}`, {
      token: first.adminKey,
      body: { name: "Low", description: "Small" },
    });
    const minted = first.emulator.createApiKey("Later", ["viewer"]);
    await stop(first);

    const second = await start({ dataDir });
    expect(await severityNames(second)).toEqual(["Low", "Critical"]);
    const gone = await call(second.emulator, "GET", `/v1/severities/${major}`, { token: second.adminKey });
    expect(gone.status).toBe(404);
    const identity = await call(second.emulator, "GET", "/v1/identity", { token: minted.token });
    expect(identity.body.identity.name).toBe("Later");
  });

  it("is created when missing, with its parents", async () => {
    const nested = join(dataDir, "a", "b");
    const t = await start({ dataDir: nested, seed: "empty" });
    await stop(t);
    expect(readdirSync(nested)).toContain("emulator.sqlite");
  });
});

describe("an ephemeral emulator", () => {
  it("writes nothing to disk, even when given a data directory, and forgets on close", async () => {
    const snapshot = testSnapshot();
    const first = await start({ ephemeral: true, dataDir, snapshot });
    await declare(first, "Forgotten");
    await call(first.emulator, "POST", "/v1/severities", {
      token: first.adminKey,
      body: { name: "Forgotten", description: "d" },
    });
    await stop(first);
    expect(readdirSync(dataDir)).toEqual([]);
    const second = await start({ ephemeral: true, snapshot });
    expect(second.emulator.incidents()).toHaveLength(0);
    expect(await severityNames(second)).not.toContain("Forgotten");
  });
});

describe("refusing to start", () => {
  it("needs a data directory or ephemeral: true", async () => {
    await expect(createEmulator({})).rejects.toThrow(/dataDir or ephemeral: true/);
  });

  it("explains a database file that is not a database", async () => {
    writeFileSync(join(dataDir, "emulator.sqlite"), "this is not a database, just some text ".repeat(200));
    const failure = createEmulator({ dataDir });
    await expect(failure).rejects.toThrow(
      /cannot open its database .*emulator\.sqlite: file is not a database/,
    );
    await expect(failure).rejects.toThrow(/another dataDir/);
  });
});
