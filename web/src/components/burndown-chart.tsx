import type { Burndown } from "../api/types.js";
import { chartGeometry } from "../lib/burndown-chart.js";

/** Fixed colours per state so the same state looks the same everywhere; other keys cycle. */
const STATE_CLASS: Record<string, string> = {
  open: "s-open",
  assigned: "s-assigned",
  "removal-scheduled": "s-scheduled",
  "verified-absent": "s-verified",
  closed: "s-closed",
  waived: "s-waived",
};

export function BurndownChart({ data }: { data: Burndown }) {
  if (data.days.length === 0) return <p>No work items yet: the burn-down starts with the first finding.</p>;
  const g = chartGeometry(data);
  const summary = `Active items went from ${data.open[0] ?? 0} on ${data.from} to ${g.active.last} on ${data.to}.`;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${g.width} ${g.height}`}
        role="img"
        aria-label={`Burn-down: ${summary}`}
        data-testid="burndown"
      >
        <title>{`Burn-down: ${summary}`}</title>
        {g.yTicks.map((t) => (
          <g key={t.value} className="tick">
            <line x1={g.plot.left} x2={g.plot.right} y1={t.y} y2={t.y} />
            <text x={g.plot.left - 6} y={t.y + 4} textAnchor="end">
              {t.value}
            </text>
          </g>
        ))}
        {g.xLabels.map((l) => (
          <text key={l.text} className="xlabel" x={l.x} y={g.height - 8} textAnchor={l.anchor}>
            {l.text}
          </text>
        ))}
        {g.series.map((s, i) => (
          <path key={s.key} d={s.d} className={`series ${STATE_CLASS[s.key] ?? `c${i % 6}`}`} />
        ))}
        <path d={g.active.d} className="series active" />
      </svg>
      <figcaption>
        <span className="key active">active (open, assigned, removal scheduled): {g.active.last}</span>
        {g.series.map((s, i) => (
          <span key={s.key} className={`key ${STATE_CLASS[s.key] ?? `c${i % 6}`}`}>
            {s.key}: {s.last}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
