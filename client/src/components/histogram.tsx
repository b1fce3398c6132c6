/** A small SVG histogram of class values; the numbers are also given as text for screen readers. */
export function Histogram({ title, values, bins = 6 }: { title: string; values: number[]; bins?: number }) {
  const w = 240;
  const h = 120;
  const pad = 18;
  if (values.length === 0) {
    return (
      <figure class="chart-card">
        <figcaption>{title}</figcaption>
        <p class="muted">–</p>
      </figure>
    );
  }
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor(((v - min) / span) * bins))]! += 1;
  const top = Math.max(...counts);
  const bw = (w - pad) / bins;
  const label = (i: number) => (min + (span * i) / bins).toFixed(span < 10 ? 1 : 0);
  return (
    <figure class="chart-card">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${title}: ${values.map((v) => v.toFixed(1)).join(', ')}`} class="histogram">
        {counts.map((c, i) => {
          const bh = ((h - pad * 2) * c) / top;
          return (
            <g key={i}>
              <rect x={pad + i * bw + 1} y={h - pad - bh} width={bw - 2} height={bh} class="bar" />
              {c > 0 && (
                <text x={pad + i * bw + bw / 2} y={h - pad - bh - 3} text-anchor="middle" class="bar-label">
                  {c}
                </text>
              )}
            </g>
          );
        })}
        <line x1={pad} x2={w} y1={h - pad} y2={h - pad} class="axis" />
        <text x={pad} y={h - 4} class="axis-label">
          {label(0)}
        </text>
        <text x={w} y={h - 4} text-anchor="end" class="axis-label">
          {max.toFixed(span < 10 ? 1 : 0)}
        </text>
      </svg>
    </figure>
  );
}

/** Progress over time: one line of values 0–100 by date. */
export function ProgressChart({ title, points }: { title: string; points: { label: string; value: number }[] }) {
  const w = 480;
  const h = 160;
  const pad = 24;
  const x = (i: number) => pad + (points.length <= 1 ? (w - pad * 2) / 2 : ((w - pad * 2) * i) / (points.length - 1));
  const y = (v: number) => h - pad - ((h - pad * 2) * Math.max(0, Math.min(100, v))) / 100;
  return (
    <figure class="chart-card chart-wide">
      <figcaption>{title}</figcaption>
      {points.length === 0 ? (
        <p class="muted">–</p>
      ) : (
        <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${title}: ${points.map((p) => `${p.label} ${Math.round(p.value)}`).join(', ')}`} class="progress-chart">
          <line x1={pad} x2={w - pad} y1={h - pad} y2={h - pad} class="axis" />
          <line x1={pad} x2={pad} y1={pad} y2={h - pad} class="axis" />
          <text x={pad - 4} y={pad + 4} text-anchor="end" class="axis-label">
            100
          </text>
          <polyline class="series" fill="none" points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')} />
          {points.map((p, i) => (
            <circle key={p.label} cx={x(i)} cy={y(p.value)} r={3.5} class="dot" />
          ))}
          <text x={pad} y={h - 6} class="axis-label">
            {points[0]!.label}
          </text>
          {points.length > 1 && (
            <text x={w - pad} y={h - 6} text-anchor="end" class="axis-label">
              {points[points.length - 1]!.label}
            </text>
          )}
        </svg>
      )}
    </figure>
  );
}
