import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { quietLogger } from "../../test/support/quiet-logger.js";
import { rulesFrom } from "../alerts/rules/testing.js";
import { IncidentIo } from "../api/index.js";
import { testSnapshot } from "../emulator/testing.js";
import { CATALOG, CHECKOUT } from "../faces/web/testing/hub-world.js";
import { openSession } from "../ops/index.js";
import { levelHistory } from "../scorecards/levels-store.js";
import type { Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import { createHub, type Hub } from "./create-hub.js";
import { TEST_RULES, testHubConfig } from "./testing.js";

const SCORECARD = `
name: Reliability
filter: { kinds: [Component] }
levels:
  - name: Bronze
    rules:
      - { name: Owned, expression: owner is set }
  - name: Silver
    rules:
      - { name: Mapped, expression: has_mapping }
`;

let dir: string;
let t: TestEmulator;
let store: Store;
let hub: Hub | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "incidentkit-scorecard-runs-"));
  mkdirSync(join(dir, "catalog"));
  writeFileSync(join(dir, "catalog", "catalog-info.yaml"), CATALOG);
  writeFileSync(join(dir, "reliability.yaml"), SCORECARD);
  t = await startTestEmulator({ ephemeral: true, snapshot: testSnapshot() });
  store = await openTestStore();
});

afterEach(async () => {
  await hub?.close();
  hub = undefined;
  await store.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

function createTestHub(scorecards: string): Hub {
  const io = new IncidentIo({
    apiKey: t.adminKey,
    baseUrl: t.url,
    fetch: t.fetch,
    maxRetries: 0,
    rateLimit: false,
  });
  return createHub({
    logger: quietLogger(),
    config: {
      ...testHubConfig(),
      mirror: { enabled: false, reconcileEveryMs: 60_000 },
      catalog: { dir: join(dir, "catalog"), field: "Service" },
      scorecards,
    },
    store,
    rules: rulesFrom(TEST_RULES),
    session: openSession(io, { alias: "prod" }),
  });
}

describe("scheduled scorecard runs in the hub", () => {
  it("records every entity's level once the hub starts, and the service page says since when", async () => {
    hub = createTestHub(join(dir, "reliability.yaml"));
    await hub.start();
    await vi.waitFor(async () => expect(await levelHistory(store)).toHaveLength(3), { timeout: 5_000 });
    const [checkout] = await levelHistory(store, CHECKOUT);
    expect(checkout).toMatchObject({ scorecard: "Reliability", level: "Bronze", previous: null });

    const page = await hub.app.request(`/services/${encodeURIComponent(CHECKOUT)}`);
    const text = (await page.text()).replace(/<[^>]+>/g, "").replace(/\s+/g, " ");
    expect(text).toContain(`Bronze since ${checkout?.since.slice(0, 10)}`);
  });
});
