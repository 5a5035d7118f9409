import type { Burndown } from "../api/types.js";

export interface ChartLine {
  key: string;
  /** SVG path data in the chart's coordinates. */
  d: string;
  last: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** The plot area inside the margins. */
  plot: { left: number; top: number; right: number; bottom: number };
  yMax: number;
  yTicks: { value: number; y: number }[];
  xLabels: { text: string; x: number; anchor: "start" | "middle" | "end" }[];
  /** Active items (open, assigned, removal-scheduled) per day: the line that should reach zero. */
  active: ChartLine;
  series: ChartLine[];
}

/** A round upper bound for the y axis (1, 2, 5 × 10^n) so ticks land on whole numbers. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * p >= value) return m * p;
  return 10 * p;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The burn-down as path data: one line for active items and one per series key (states, or
 * products/sites/owners). A single day is drawn as a short flat line so it still shows.
 */
export function chartGeometry(b: Burndown, width = 640, height = 220): ChartGeometry {
  const plot = { left: 40, top: 10, right: width - 10, bottom: height - 28 };
  const n = b.days.length;
  const values = [...b.open, ...b.series.flatMap((s) => s.counts)];
  const yMax = niceMax(Math.max(0, ...values));
  const x = (i: number) =>
    n <= 1 ? plot.left : plot.left + ((plot.right - plot.left) * i) / Math.max(1, n - 1);
  const y = (v: number) => plot.bottom - ((plot.bottom - plot.top) * v) / yMax;
  const line = (key: string, counts: readonly number[]): ChartLine => {
    const pts = counts.map((v, i) => `${round(x(i))},${round(y(v))}`);
    if (counts.length === 1) pts.push(`${round(plot.right)},${round(y(counts[0] ?? 0))}`);
    return { key, d: pts.length ? `M${pts.join("L")}` : "", last: counts[counts.length - 1] ?? 0 };
  };
  const step = yMax <= 5 ? 1 : yMax / 5;
  const yTicks: ChartGeometry["yTicks"] = [];
  for (let v = 0; v <= yMax + 1e-9; v += step) yTicks.push({ value: Math.round(v), y: round(y(v)) });
  const xLabels: ChartGeometry["xLabels"] = [];
  if (n > 0) xLabels.push({ text: b.days[0]!, x: plot.left, anchor: "start" });
  if (n > 2)
    xLabels.push({
      text: b.days[Math.floor((n - 1) / 2)]!,
      x: round(x(Math.floor((n - 1) / 2))),
      anchor: "middle",
    });
  if (n > 1) xLabels.push({ text: b.days[n - 1]!, x: plot.right, anchor: "end" });
  return {
    width,
    height,
    plot,
    yMax,
    yTicks,
    xLabels,
    active: line("active", b.open),
    series: b.series.map((s) => line(s.key, s.counts)),
  };
}
