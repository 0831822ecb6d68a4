import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSnapshot } from "../emulator/seed/index.js";
import { getEscalationPath } from "./escalation-paths.js";
import {
  acknowledgedBy,
  cancelEscalation,
  getEscalation,
  listEscalations,
  notifiedNames,
} from "./escalations.js";
import { whoIsOnCall } from "./oncall.js";
import { page, pageWho } from "./paging.js";
import { type OpsTest, refusal, startOpsTest } from "./testing.js";

const NOW = Date.UTC(2024, 4, 2, 9, 30);
const MINUTE = 60_000;

let o: OpsTest;
const snapshot = demoSnapshot({ now: NOW, seed: 4 });

beforeAll(async () => {
  o = await startOpsTest({ snapshot });
});
afterAll(() => o.close());

async function acknowledge(id: string): Promise<number> {
  const response = await o.t.fetch(`${o.t.url}/_emulator/escalations/${id}/actions/acknowledge`, {
    method: "POST",
    headers: { Authorization: `Bearer ${o.t.adminKey}`, "Content-Type": "application/json" },
    body: "{}",
  });
  return response.status;
}

describe("paging", () => {
  it("pages a service's on-call through its team's escalation path, once however often asked", async () => {
    const input = {
      who: pageWho({ service: "payments-api" }),
      title: "Payments API failing",
      incident: "INC-1",
    };
    const first = await page(o.s, input);
    expect(first.chain).toEqual(["payments-api", "team Payments", "escalation path Payments urgent"]);
    expect(first.created).toBe(true);
    expect(first.idempotencyKey).toMatch(/^incidentkit-page-[0-9a-f]{32}$/);
    expect(first.escalation).toMatchObject({ title: "Payments API failing", status: "triggered" });
    expect(first.escalation.related_incidents.map((i) => i.reference)).toEqual(["INC-1"]);
    // Whom the path pages first is whoever the service's on-call answer names.
    const onCall = await whoIsOnCall(o.s, { kind: "service", name: "payments-api" });
    expect(notifiedNames(first.escalation).sort()).toEqual(onCall.onCall.map((p) => p.name).sort());

    o.clock.advance(2 * MINUTE);
    const again = await page(o.s, input);
    expect([again.created, again.escalation.id, again.idempotencyKey]).toEqual([
      false,
      first.escalation.id,
      first.idempotencyKey,
    ]);
    expect(o.t.emulator.onCall().escalations).toHaveLength(1);
  });

  it("moves through the path's levels on the clock until acknowledged; then the same page pages anew", async () => {
    const input = { who: pageWho({ team: "Identity" }), title: "Logins failing" };
    const sent = await page(o.s, input);
    const path = await getEscalationPath(o.s, "Identity urgent");
    expect(path.steps.map((step) => step.text)).toEqual([
      "level 1: page schedule Identity on-call; 5m to acknowledge",
      "level 2: page Marcus Okafor; 10m to acknowledge",
      "repeat from on-call, 2 time(s)",
    ]);
    o.clock.advance(6 * MINUTE);
    const escalated = await getEscalation(o.s, sent.escalation.id);
    expect(notifiedNames(escalated)).toContain("Marcus Okafor");
    expect(await acknowledge(sent.escalation.id)).toBe(200);
    const acked = await getEscalation(o.s, sent.escalation.id);
    expect(acked.status).toBe("acked");
    expect(acknowledgedBy(acked)).toBe(notifiedNames(escalated)[0]);
    // Acknowledged and older than the retry window: the same page is a new one, under the key's next generation.
    o.clock.advance(11 * MINUTE);
    const anew = await page(o.s, input);
    expect(anew.created).toBe(true);
    expect(anew.escalation.id).not.toBe(sent.escalation.id);
    expect(anew.idempotencyKey).not.toBe(sent.idempotencyKey);
  });

  it("pages people by name or email, or a schedule's on-call, straight to them", async () => {
    const direct = await page(o.s, {
      who: pageWho({ user: ["Priya Raman", "sofia.lindqvist@acme.example"] }),
      title: "Need a second pair of eyes",
    });
    expect(direct.target).toBe("Priya Raman, Sofia Lindqvist");
    expect(notifiedNames(direct.escalation)).toEqual(["Priya Raman", "Sofia Lindqvist"]);
    const schedule = await page(o.s, {
      who: pageWho({ schedule: "data on-call" }),
      title: "Warehouse load stuck",
    });
    const onCall = await whoIsOnCall(o.s, { kind: "schedule", name: "Data on-call" });
    expect(notifiedNames(schedule.escalation).sort()).toEqual(onCall.onCall.map((p) => p.name).sort());
  });

  it("lists pages by status and path, and cancels one (again: no change)", async () => {
    const sent = await page(o.s, { who: pageWho({ path: "Storefront urgent" }), title: "Checkout slow" });
    const triggered = await listEscalations(o.s, { status: ["triggered"], path: "storefront urgent" });
    expect(triggered.escalations.map((e) => e.id)).toEqual([sent.escalation.id]);
    const cancelled = await cancelEscalation(o.s, sent.escalation.id);
    expect(cancelled.status).toBe("cancelled");
    expect((await cancelEscalation(o.s, sent.escalation.id)).status).toBe("cancelled");
    const listed = await listEscalations(o.s, { status: ["cancelled"] });
    expect(listed.escalations.map((e) => e.id)).toEqual([sent.escalation.id]);
    const bad = await refusal(listEscalations(o.s, { status: ["open"] }));
    expect(bad.hint).toContain("triggered, acked");
  });

  it("says whom to give when the target is missing or twofold, and refuses an empty title", async () => {
    expect(() => pageWho({})).toThrow(/say whom to page/);
    expect(() => pageWho({ service: "payments-api", user: "Priya Raman" })).toThrow(/not service and user/);
    const empty = await refusal(page(o.s, { who: pageWho({ team: "Data" }), title: " " }));
    expect(empty.message).toBe("a page needs a title");
    const unknown = await refusal(page(o.s, { who: pageWho({ path: "Nope" }), title: "x" }));
    expect(unknown.hint).toContain("Payments urgent");
  });
});
