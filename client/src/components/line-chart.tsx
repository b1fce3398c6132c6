import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  stroke: string;
  /** Dashed reference lines (thresholds) are drawn without points. */
  dash?: number[];
}

interface Props {
  /** Accessible summary of what the chart shows; the chart itself is an image to screen readers. */
  label: string;
  x: number[];
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  yRange?: [number, number];
  height?: number;
  testId?: string;
  /** Tick labels for x (e.g. dates), defaults to the numbers themselves. */
  xTicks?: (v: number) => string;
  showLegend?: boolean;
}

/** A small responsive uPlot line chart (canvas, no inline scripts or styles needed). */
export function LineChart({ label, x, xLabel, yLabel, series, yRange, height = 240, testId, xTicks, showLegend = false }: Props) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const width = Math.max(260, el.clientWidth || 600);
    const opts: uPlot.Options = {
      width,
      height,
      legend: { show: showLegend },
      cursor: { drag: { x: false, y: false } },
      scales: {
        // Whole-number x (turns, sessions) with half a step of air on either side.
        x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] },
        y: yRange ? { range: yRange } : {},
      },
      axes: [
        {
          label: xLabel,
          stroke: '#3d4451',
          grid: { stroke: '#eef0f3' },
          incrs: [1, 2, 5, 10, 20, 50, 100],
          values: (_u, vals) => vals.map((v) => (Number.isInteger(v) && v > 0 ? (xTicks ? xTicks(v) : String(v)) : '')),
        },
        { label: yLabel, stroke: '#3d4451', grid: { stroke: '#eef0f3' } },
      ],
      series: [
        { label: xLabel },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.stroke,
          width: s.dash ? 1.5 : 2.5,
          dash: s.dash,
          points: { show: !s.dash, size: 7, fill: '#fff' },
          spanGaps: true,
        })),
      ],
    };
    const data = [x, ...series.map((s) => s.values)] as uPlot.AlignedData;
    const plot = new uPlot(opts, data, el);
    const ro = new ResizeObserver(() => {
      const w = Math.max(260, el.clientWidth);
      if (Math.abs(w - plot.width) > 2) plot.setSize({ width: w, height });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [JSON.stringify({ x, series, yRange, xLabel, yLabel, height, showLegend })]);

  return (
    <figure class="chart-figure">
      <div class="chart" ref={host} role="img" aria-label={label} data-testid={testId} />
      {!showLegend && (
        <figcaption class="chart-key">
          {series.map((s) => (
            <span key={s.label} class="chart-key-item">
              <span class={`chart-swatch ${s.dash ? 'dashed' : ''}`} style={{ borderColor: s.stroke }} aria-hidden="true" />
              {s.label}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
