import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { ManualClock } from "../shared/clock.js";
import type { Snapshot } from "./model.js";
import { call, testSnapshot, tokenFor } from "./testing.js";

/** 2024-05-01T00:00:00Z, a whole second, so reset times are easy to state. */
const START = Date.UTC(2024, 4, 1);
let t: TestEmulator;
let clock: ManualClock;
let snapshot: Snapshot;
let viewer: string;

beforeEach(async () => {
  clock = new ManualClock(START);
  snapshot = testSnapshot(START);
  t = await startTestEmulator({
    ephemeral: true,
    snapshot,
    clock,
    rateLimit: { capacity: 3, refillPerSecond: 1 },
  });
  viewer = tokenFor(snapshot, "Viewer");
});

afterEach(() => t.close());

const severities = (token = viewer) => call(t.emulator, "GET", "/v1/severities", { token });

describe("per-key rate limit", () => {
  it("counts down X-RateLimit-Remaining and answers the 4th call with the documented 429", async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ok = await severities();
      expect(ok.status).toBe(200);
      expect(ok.headers.get("X-RateLimit-Limit")).toBe("3, 3;window=3");
      remaining.push(`${ok.headers.get("X-RateLimit-Remaining")}/${ok.headers.get("X-RateLimit-Used")}`);
    }
    expect(remaining).toEqual(["2/1", "1/2", "0/3"]);

    const limited = await severities();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("1");
    expect(limited.headers.get("X-RateLimit-Remaining")).toBe("0");
    expect(limited.headers.get("X-RateLimit-Limit")).toBe("3, 3;window=3");
    // Empty now, full again after 3 tokens at 1/s.
    expect(limited.headers.get("X-RateLimit-Reset")).toBe(String(START / 1000 + 3));
    expect(limited.body).toMatchObject({
      type: "too_many_requests",
      status: 429,
      rate_limit: { name: "Viewer", limit: 3, remaining: 0, retry_after: "2024-05-01T00:00:01Z" },
      errors: [
        {
          code: "too_many_requests",
          message:
            "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.",
        },
      ],
    });
    expect(limited.body.request_id).toEqual(expect.any(String));
  });

  it("keeps a bucket per API key", async () => {
    for (let i = 0; i < 3; i++) await severities();
    expect((await severities()).status).toBe(429);
    const other = await severities(tokenFor(snapshot, "Bot"));
    expect(other.status).toBe(200);
    expect(other.headers.get("X-RateLimit-Remaining")).toBe("2");
  });

  it("refills continuously as the clock advances, up to the capacity", async () => {
    for (let i = 0; i < 3; i++) await severities();
    expect((await severities()).status).toBe(429);
    clock.advance(999);
    expect((await severities()).status).toBe(429);
    clock.advance(1);
    const refilled = await severities();
    expect(refilled.status).toBe(200);
    expect(refilled.headers.get("X-RateLimit-Remaining")).toBe("0");
    expect((await severities()).status).toBe(429);
    clock.advance(60_000);
    const full = await severities();
    expect(full.headers.get("X-RateLimit-Remaining")).toBe("2");
  });

  it("says how long to wait when the bucket is partly refilled", async () => {
    const slow = await startTestEmulator({
      ephemeral: true,
      snapshot: testSnapshot(START),
      clock,
      rateLimit: { capacity: 2, refillPerSecond: 0.25 },
    });
    try {
      const token = slow.emulator.apiKeys().find((k) => k.name === "Viewer")?.token;
      for (let i = 0; i < 2; i++) await call(slow.emulator, "GET", "/v1/severities", { token });
      clock.advance(1_500);
      const limited = await call(slow.emulator, "GET", "/v1/severities", { token });
      expect(limited.status).toBe(429);
      // 0.375 tokens in the bucket; the next whole one comes 2.5 s later.
      expect(limited.headers.get("Retry-After")).toBe("3");
      expect(limited.body.rate_limit.retry_after).toBe("2024-05-01T00:00:04Z");
    } finally {
      await slow.close();
    }
  });

  it("does not charge requests that fail authentication, nor the control routes", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await call(t.emulator, "GET", "/v1/severities", { token: "inc_wrong" })).status).toBe(401);
    }
    for (let i = 0; i < 5; i++) {
      expect((await call(t.emulator, "GET", "/_emulator/faults", { token: t.adminKey })).status).toBe(200);
    }
    expect((await severities(t.adminKey)).headers.get("X-RateLimit-Remaining")).toBe("2");
    expect((await severities()).headers.get("X-RateLimit-Remaining")).toBe("2");
  });

  it("charges calls that end in an error the same as successes", async () => {
    expect((await call(t.emulator, "GET", "/v1/severities/01NOSUCH", { token: viewer })).status).toBe(404);
    expect((await call(t.emulator, "POST", "/v1/severities", { token: viewer, body: {} })).status).toBe(403);
    expect((await severities()).headers.get("X-RateLimit-Remaining")).toBe("0");
  });
});
