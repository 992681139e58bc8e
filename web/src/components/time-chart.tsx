/**
 * Time-series chart on uPlot (canvas, ~50 kB): one or two series over time, sized to its container,
 * colours from the theme's CSS variables. `data-points` carries the number of points for tests.
 */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: number[];
  color: string;
  /** Draw on the right-hand axis (e.g. bytes next to events). */
  right?: boolean;
  /** Bars instead of a line (default: the chart's `bars`). */
  bars?: boolean;
  format?: (v: number) => string;
}

interface Props {
  times: number[]; // epoch seconds
  series: ChartSeries[];
  height?: number;
  testid?: string;
  bars?: boolean;
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** The current `data-theme`, updated when the user toggles it (the canvas takes its colours once). */
function useThemeName(): string {
  const [theme, setTheme] = useState(() => document.documentElement.dataset.theme ?? 'dark');
  useEffect(() => {
    const obs = new MutationObserver(() => setTheme(document.documentElement.dataset.theme ?? 'dark'));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => obs.disconnect();
  }, []);
  return theme;
}

export function TimeChart({ times, series, height = 220, testid, bars }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useThemeName();
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const axisColor = cssVar('--muted', '#8b949e');
    const gridColor = cssVar('--border', '#30363d');
    const axis = (scale: string, side: 0 | 1 | 2 | 3, fmt?: (v: number) => string): uPlot.Axis => ({
      scale,
      side,
      stroke: axisColor,
      grid: { show: side === 3, stroke: gridColor, width: 1 },
      ticks: { stroke: gridColor, width: 1 },
      font: '11px ui-monospace, SFMono-Regular, Menlo, monospace',
      size: 60,
      ...(fmt ? { values: (_u: uPlot, vals: number[]) => vals.map((v) => (v == null ? '' : fmt(v))) } : {}),
    });
    const hasRight = series.some((s) => s.right);
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height,
      legend: { show: true },
      cursor: { drag: { x: true, y: false } },
      scales: {
        x: { time: true },
        y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
        y2: { range: (_u, _min, max) => [0, Math.max(1, max)] },
      },
      axes: [
        {
          stroke: axisColor,
          grid: { stroke: gridColor, width: 1 },
          ticks: { stroke: gridColor, width: 1 },
          font: '11px ui-monospace, monospace',
        },
        axis('y', 3, series.find((s) => !s.right)?.format),
        ...(hasRight ? [axis('y2', 1, series.find((s) => s.right)?.format)] : []),
      ],
      series: [
        {},
        ...series.map((s): uPlot.Series => {
          const asBars = s.bars ?? bars ?? false;
          return {
            label: s.label,
            stroke: s.color,
            width: asBars ? 1 : 1.5,
            fill: asBars ? `${s.color}55` : undefined,
            scale: s.right ? 'y2' : 'y',
            points: { show: !asBars && times.length < 60 },
            ...(asBars ? { paths: uPlot.paths.bars!({ size: [0.7, 40] }) } : {}),
            ...(s.format ? { value: (_u: uPlot, v: number | null) => (v == null ? '—' : s.format!(v)) } : {}),
          };
        }),
      ],
    };
    const plot = new uPlot(opts, [times, ...series.map((s) => s.values)], el);
    const ro = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [times, series, height, bars, theme]);
  const nonZero = series.reduce((n, s) => n + s.values.filter((v) => v > 0).length, 0);
  return (
    <div
      className="chart"
      ref={host}
      data-testid={testid}
      data-points={times.length}
      data-nonzero={nonZero}
    />
  );
}
