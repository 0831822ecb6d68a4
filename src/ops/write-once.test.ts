/**
 * Whether a create made its record or found it, told over real HTTP on the real clock: incident.io answers a
 * repeated idempotency key exactly as the first create, so the second of two quick creates must not read as new.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { IncidentIo } from "../api/index.js";
import { testSnapshot, tokenFor } from "../emulator/testing.js";
import { type Clock, ManualClock } from "../shared/clock.js";
import { declareIncident } from "./incidents.js";
import { page, pageWho } from "./paging.js";
import { type OpsSession, openSession } from "./session.js";
import { refusal } from "./testing.js";
import { postUpdate } from "./updates.js";
import { declaredText, pagedWords, postedText } from "./write-outcome.js";

const snapshot = testSnapshot();
let t: TestEmulator;
let s: OpsSession;
/** `METHOD /path` of every request answered, in order. */
const answered: string[] = [];

const sessionOn = (token: string, clock?: Clock) =>
  openSession(
    new IncidentIo({ apiKey: token, baseUrl: t.url, fetch: t.fetch as typeof fetch, maxRetries: 0 }),
    {
      alias: "quick",
      ...(clock ? { clock } : {}),
    },
  );
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  t = await startTestEmulator({
    ephemeral: true,
    snapshot,
    listen: true,
    onResponse: (e) => answered.push(`${e.method.toUpperCase()} ${new URL(e.path, "http://x").pathname}`),
  });
  s = sessionOn(t.adminKey);
});
afterAll(async () => {
  await t?.close();
});

describe("the same create twice within 100 ms", () => {
  it("declares, then finds the incident it declared", async () => {
    const input = { name: "Checkout double-declared", severity: "Minor" };
    const first = await declareIncident(s, input);
    await pause(50);
    const again = await declareIncident(s, input);
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.incident.id).toBe(first.incident.id);
    expect(declaredText(again)).toMatch(/^Already declared: INC-\d+ .*nothing new was declared$/);
  });

  it("posts an update, then finds the update it posted", async () => {
    const { incident } = await declareIncident(s, { name: "Updates twice", severity: "Minor" });
    const first = await postUpdate(s, incident.id, { message: "Rolling back" });
    await pause(50);
    const again = await postUpdate(s, incident.id, { message: "Rolling back" });
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.update.id).toBe(first.update.id);
    expect(postedText(again)).toMatch(/^Already posted at .*nothing new was posted/);
  });

  it("pages, then finds the page by its key and sends nothing again", async () => {
    const input = { who: pageWho({ user: "Ada Lovelace" }), title: "Queue stuck" };
    const first = await page(s, input);
    await pause(50);
    const before = answered.length;
    const again = await page(s, input);
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.escalation.id).toBe(first.escalation.id);
    expect(answered.slice(before)).not.toContain("POST /v2/escalations");
    expect(pagedWords(again.created)).toBe("Already paged (nothing sent again)");
  });
});

describe("whatever this machine's clock says", () => {
  it("tells a declare made from one found, a minute ahead of incident.io's clock or behind it", async () => {
    for (const [skew, name] of [
      [60_000, "Clock ahead"],
      [-60_000, "Clock behind"],
    ] as const) {
      const skewed = sessionOn(t.adminKey, new ManualClock(Date.now() + skew));
      const first = await declareIncident(skewed, { name, severity: "Minor" });
      const again = await declareIncident(skewed, { name, severity: "Minor" });
      expect([name, first.created, again.created]).toEqual([name, true, false]);
    }
  });
});

describe("what a create cannot have made", () => {
  it("refuses a key given moments ago for another incident rather than reading it as new", async () => {
    await declareIncident(s, { name: "First use", severity: "Minor", idempotencyKey: "quick-key-1" });
    const error = await refusal(
      declareIncident(s, { name: "Second use", severity: "Major", idempotencyKey: "quick-key-1" }),
    );
    expect(error.code).toBe("idempotency_conflict");
  });

  it("lets one of two same declares at once in this process declare, and the other find it", async () => {
    const input = { name: "Declared from two places", severity: "Minor" };
    const both = await Promise.all([declareIncident(s, input), declareIncident(s, input)]);
    expect(both.map((d) => d.created)).toEqual([true, false]);
    expect(both[1].incident.id).toBe(both[0].incident.id);
  });
});

describe("a key that may not list what was there before", () => {
  it("says the declare is unknown, made now or moments before, rather than guessing", async () => {
    const creator = sessionOn(tokenFor(snapshot, "Creator"));
    const input = { name: "Declared by a creator key", severity: "Minor" };
    const first = await declareIncident(creator, input);
    const again = await declareIncident(creator, input);
    expect([first.created, again.created]).toEqual(["unknown", "unknown"]);
    expect(again.incident.id).toBe(first.incident.id);
    expect(declaredText(again)).toBe(
      `Declared: ${first.incident.reference} (investigating), by this call or by the same input moments before (incident.io does not say which, and what was there before could not be read)`,
    );
  });

  it("skips the read for a caller that does not ask, and says unknown", async () => {
    const input = { name: "Opened for an alert", severity: "Minor" };
    await declareIncident(s, input);
    const before = answered.length;
    const unasked = await declareIncident(s, input, { tellCreated: false });
    expect(unasked.created).toBe("unknown");
    expect(answered.slice(before)).toEqual(["POST /v2/incidents"]);
  });

  it("tells a private declare apart only for a key that may see private incidents", async () => {
    const input = { name: "Leaked token", severity: "Minor", visibility: "private" as const };
    const bot = sessionOn(tokenFor(snapshot, "Bot"));
    const byBot = await declareIncident(bot, input);
    expect(byBot.created).toBe("unknown");
    const admin = await declareIncident(s, { ...input, name: "Leaked key" });
    const again = await declareIncident(s, { ...input, name: "Leaked key" });
    expect([admin.created, again.created]).toEqual([true, false]);
  });
});
