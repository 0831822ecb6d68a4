import type { MonthlyIncidents } from "./model.js";
import { NO_SEVERITY, severityTone } from "./severity.js";

const WIDTH = 600;
const HEIGHT = 240;
const PLOT = { left: 40, right: 8, top: 16, bottom: 32 };

export interface ChartSegment {
  severity: string;
  count: number;
  y: number;
  height: number;
  tone: number;
}

export interface ChartBar {
  month: string;
  /** "Jun". */
  label: string;
  /** "June 2026". */
  longLabel: string;
  total: number;
  x: number;
  width: number;
  /** Most severe at the bottom. */
  segments: ChartSegment[];
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** The value at the top of the axis: a round number at least the tallest bar. */
  max: number;
  ticks: Array<{ value: number; y: number }>;
  baseline: number;
  bars: ChartBar[];
}

const round = (value: number): number => Math.round(value * 10) / 10;

const monthDate = (month: string): Date => new Date(`${month}-01T00:00:00Z`);
// Made once: `toLocaleString` with options builds a formatter at every call, a cost every page render paid.
const MONTH_NAMES = {
  short: new Intl.DateTimeFormat("en", { month: "short", timeZone: "UTC" }),
  long: new Intl.DateTimeFormat("en", { month: "long", timeZone: "UTC" }),
};
const monthName = (month: string, style: "short" | "long"): string =>
  MONTH_NAMES[style].format(monthDate(month));

/** 1, 2, 5, 10, 20, 50…: the smallest such number at least `value` (and at least 1). */
export function niceCeiling(value: number): number {
  let step = 1;
  for (;;) {
    for (const factor of [1, 2, 5]) if (step * factor >= value) return step * factor;
    step *= 10;
  }
}

/** Where every bar and tick goes: a pure function of the data, in the SVG's own units. */
export function chartGeometry(data: MonthlyIncidents): ChartGeometry {
  const stackOrder = [...data.severities].sort((a, b) => b.rank - a.rank).map((s) => s.name);
  const totals = data.months.map((m) => Object.values(m.counts).reduce((sum, n) => sum + n, 0));
  const max = niceCeiling(Math.max(0, ...totals));
  const baseline = HEIGHT - PLOT.bottom;
  const plotHeight = baseline - PLOT.top;
  const slot = (WIDTH - PLOT.left - PLOT.right) / Math.max(1, data.months.length);
  const width = slot * 0.6;
  const bars = data.months.map((month, index): ChartBar => {
    const names = [...stackOrder, ...Object.keys(month.counts).filter((name) => !stackOrder.includes(name))];
    let top = baseline;
    const segments: ChartSegment[] = [];
    for (const severity of names) {
      const count = month.counts[severity] ?? 0;
      if (count <= 0) continue;
      const height = (count / max) * plotHeight;
      top -= height;
      segments.push({
        severity,
        count,
        y: round(top),
        height: round(height),
        tone: severityTone(severity, data.severities),
      });
    }
    return {
      month: month.month,
      label: monthName(month.month, "short"),
      longLabel: `${monthName(month.month, "long")} ${monthDate(month.month).getUTCFullYear()}`,
      total: totals[index] ?? 0,
      x: round(PLOT.left + slot * index + (slot - width) / 2),
      width: round(width),
      segments,
    };
  });
  const tickValues = max % 2 === 0 ? [0, max / 2, max] : [0, max];
  const ticks = tickValues.map((value) => ({ value, y: round(baseline - (value / max) * plotHeight) }));
  return { width: WIDTH, height: HEIGHT, max, ticks, baseline, bars };
}

function describeBar(bar: ChartBar, style: "short" | "long"): string {
  const name = style === "short" ? bar.label : bar.longLabel;
  if (bar.total === 0) return `${name}: 0`;
  const parts = bar.segments.map((s) => `${s.count} ${s.severity}`).join(", ");
  return style === "short"
    ? `${name}: ${bar.total} (${parts})`
    : `${name}: ${bar.total} incident${bar.total === 1 ? "" : "s"} (${parts})`;
}

/** The chart in words, for screen readers: every month's total and its severities. */
export function chartSummary(geometry: ChartGeometry): string {
  const first = geometry.bars[0];
  const last = geometry.bars[geometry.bars.length - 1];
  if (!first || !last) return "Incidents per month: no months to show";
  const total = geometry.bars.reduce((sum, bar) => sum + bar.total, 0);
  const months = geometry.bars.map((bar) => describeBar(bar, "short")).join("; ");
  return `Incidents per month, ${first.longLabel} to ${last.longLabel}, ${total} in all. ${months}.`;
}

/** Incidents per month as stacked bars by severity, with axes, a hover title per bar and a legend. */
export function IncidentsChart(props: { data: MonthlyIncidents }) {
  const geometry = chartGeometry(props.data);
  const legend = [...props.data.severities].sort((a, b) => b.rank - a.rank).map((s) => s.name);
  if (geometry.bars.some((bar) => bar.segments.some((s) => s.severity === NO_SEVERITY)))
    legend.push(NO_SEVERITY);
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${geometry.width} ${geometry.height}`}
        role="img"
        aria-label={chartSummary(geometry)}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title>Incidents per month by severity</title>
        {geometry.ticks.map((tick) => (
          <g class="tick">
            <line x1={40} x2={geometry.width - 8} y1={tick.y} y2={tick.y} />
            <text x={34} y={tick.y + 4} text-anchor="end">
              {tick.value}
            </text>
          </g>
        ))}
        {geometry.bars.map((bar) => (
          <g class="bar" data-month={bar.month} data-total={bar.total}>
            <title>{describeBar(bar, "long")}</title>
            {bar.segments.map((segment) => (
              <rect
                class={`tone-${segment.tone}`}
                x={bar.x}
                y={segment.y}
                width={bar.width}
                height={segment.height}
                data-severity={segment.severity}
                data-count={segment.count}
              >
                <title>{`${bar.longLabel}: ${segment.count} ${segment.severity}`}</title>
              </rect>
            ))}
            {bar.total > 0 ? (
              <text
                class="total"
                x={bar.x + bar.width / 2}
                y={(bar.segments.at(-1)?.y ?? geometry.baseline) - 4}
                text-anchor="middle"
              >
                {bar.total}
              </text>
            ) : null}
            <text class="month" x={bar.x + bar.width / 2} y={geometry.baseline + 18} text-anchor="middle">
              {bar.label}
            </text>
          </g>
        ))}
        <line class="axis" x1={40} x2={geometry.width - 8} y1={geometry.baseline} y2={geometry.baseline} />
      </svg>
      <figcaption>
        <ul class="legend">
          {legend.map((name) => (
            <li>
              <span class={`swatch tone-${severityTone(name, props.data.severities)}`} aria-hidden="true" />
              {name}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
