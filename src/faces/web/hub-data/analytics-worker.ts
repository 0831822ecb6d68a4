import { Worker } from "node:worker_threads";
import type { AnalyticsPageModel } from "../investigation-model.js";
import type { AnalyticsData, AnalyticsInput } from "./analytics-page.js";
import type { AnalyticsThreadAnswer, AnalyticsThreadMessage } from "./analytics-thread-messages.js";

interface Pending {
  resolve(model: AnalyticsPageModel): void;
  reject(error: Error): void;
}

/** One started thread: the queries it has not answered yet, and the snapshot whose data it holds. */
interface Running {
  worker: Worker;
  pending: Map<number, Pending>;
  given: object | undefined;
}

/**
 * The thread, running the entry beside this module: compiled JavaScript, or (when this module runs from its
 * TypeScript source, as in tests) the TypeScript entry through tsx's loader, registered in the thread first.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./analytics-thread.js", import.meta.url));
  const entry = new URL("./analytics-thread.ts", import.meta.url).href;
  const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true });
}

/**
 * Analytics worked out on a worker thread, not on the event loop that accepts alerts: over 20,000 incidents a
 * report costs a quarter of a second of CPU, and people (or an attacker) asking for many windows at once would
 * otherwise hold up every alert's acknowledgement. The thread is given each snapshot's data once (`source` says
 * which snapshot a query is on: a new object is a new snapshot) and answers queries in order. It starts at the
 * first query; if it fails, the queries waiting on it fail (the caller works them out itself) and the next
 * query starts a new one.
 */
export class AnalyticsThread {
  private running: Running | undefined;
  private nextId = 1;

  compute(input: AnalyticsInput, source: object, data: () => AnalyticsData): Promise<AnalyticsPageModel> {
    const running = this.start();
    if (running.given !== source) {
      post(running, { kind: "data", data: data() });
      running.given = source;
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      running.pending.set(id, { resolve, reject });
      post(running, { kind: "query", id, input });
    });
  }

  /** Stops the thread; queries waiting on it fail. */
  async close(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.stopped(running, new Error("the analytics thread was stopped"));
    await running.worker.terminate();
  }

  private start(): Running {
    if (this.running) return this.running;
    const running: Running = { worker: startWorker(), pending: new Map(), given: undefined };
    // Never what keeps the hub's process alive.
    running.worker.unref();
    running.worker.on("message", (answer: AnalyticsThreadAnswer) => {
      const waiting = running.pending.get(answer.id);
      if (!waiting) return;
      running.pending.delete(answer.id);
      if ("model" in answer) waiting.resolve(answer.model);
      else waiting.reject(new Error(answer.error));
    });
    running.worker.on("error", (error) => this.stopped(running, error));
    running.worker.on("exit", (code) =>
      this.stopped(running, new Error(`the analytics thread exited (code ${code})`)),
    );
    this.running = running;
    return running;
  }

  private stopped(running: Running, error: Error): void {
    if (this.running === running) this.running = undefined;
    for (const waiting of running.pending.values()) waiting.reject(error);
    running.pending.clear();
  }
}

function post(running: Running, message: AnalyticsThreadMessage): void {
  running.worker.postMessage(message);
}
