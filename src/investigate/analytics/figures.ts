import { type IncidentTimes, secondsToResolve } from "./incidents.js";
import { humanDuration, type TimeToResolve, timeToResolve } from "./statistics.js";

/**
 * Time to resolve over some incidents, with how many it rests on: `resolved` incidents give the figures, `open`
 * ones (created in the same window, not resolved yet) do not. Seconds, and the same in words ("4h 12m").
 */
export interface MttrFigures extends TimeToResolve {
  resolved: number;
  open: number;
  mean: string | null;
  median: string | null;
  p95: string | null;
}

/** Collects incidents' times, then gives their figures. */
export class MttrAccumulator {
  private readonly seconds: number[] = [];
  private open = 0;

  add(times: IncidentTimes): void {
    const seconds = secondsToResolve(times);
    if (seconds === null) this.open++;
    else this.seconds.push(seconds);
  }

  get size(): number {
    return this.seconds.length + this.open;
  }

  figures(): MttrFigures {
    const stats = timeToResolve(this.seconds);
    return {
      resolved: this.seconds.length,
      open: this.open,
      ...stats,
      mean: humanDuration(stats.meanSeconds),
      median: humanDuration(stats.medianSeconds),
      p95: humanDuration(stats.p95Seconds),
    };
  }
}
