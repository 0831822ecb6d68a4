import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { Activity } from "../../shared/activity.js";
import { uiGate } from "./ui-gate.js";

describe("uiGate", () => {
  it("builds `limit` pages at a time, queues the rest in order, and refuses beyond the queue", async () => {
    const app = new Hono();
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const release: Array<() => void> = [];
    app.use("/page/*", uiGate(2, 3));
    app.get("/page/:n", async (c) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => release.push(resolve));
      order.push(Number(c.req.param("n")));
      running -= 1;
      return c.text("ok");
    });
    const answers = [1, 2, 3, 4, 5, 6].map((n) => app.request(`/page/${n}`));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refused = await answers[5];
    expect([refused?.status, refused?.headers.get("retry-after")]).toEqual([503, "1"]);
    while (order.length < 5) {
      release.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const statuses = await Promise.all(answers.slice(0, 5).map(async (answer) => (await answer).status));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(most).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it("lets in `limit` pages a turn of the event loop, however quickly they are answered", async () => {
    const app = new Hono();
    app.use("/page", uiGate(2, 10));
    app.get("/page", (c) => {
      events.push("page");
      return c.text("ok");
    });
    // Marks each turn of the event loop, as an alert's next read would be handled on it.
    const events: string[] = [];
    let done = false;
    const tick = () => {
      events.push("turn");
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const answers = await Promise.all(Array.from({ length: 6 }, () => app.request("/page")));
    done = true;
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const runs = events
      .join(" ")
      .split("turn")
      .map((between) => between.trim().split(" ").filter(Boolean).length);
    expect(Math.max(...runs)).toBe(2);
  });

  it("builds a page once the alerts under way are answered, or after 25 ms at most", async () => {
    const intake = new Activity();
    const app = new Hono();
    app.use("/page", uiGate(2, 3, intake));
    app.get("/page", (c) => c.text("ok"));

    const idle = performance.now();
    expect((await app.request("/page")).status).toBe(200);
    expect(performance.now() - idle).toBeLessThan(20);

    const alert = intake.begin();
    let built = false;
    const page = Promise.resolve(app.request("/page")).then((answer) => {
      built = true;
      return answer;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(built).toBe(false);
    alert();
    expect((await page).status).toBe(200);

    intake.begin(); // an alert that never ends: the page waits its 25 ms, no longer
    const started = performance.now();
    expect((await app.request("/page")).status).toBe(200);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(20);
    expect(waited).toBeLessThan(500);
  });
});
