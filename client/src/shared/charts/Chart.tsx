import { useEffect, useMemo, useRef, useState } from 'react';
import type { EChartsType } from 'echarts/core';
import { chartTable, type ChartSpec } from './chart-data.ts';
import { chartHeight, chartOption } from './chart-options.ts';

/** Loaded with the first chart on a page, then shared: no page pays for ECharts before it draws one. */
const loadEcharts = () => import('./echarts-runtime.ts');

/**
 * A chart with its text alternative: the picture is hidden from screen readers, which read a table of the
 * same figures instead (built from the same data, so they agree). `spec` should be memoised by the caller:
 * the chart is drawn again whenever it changes. Captions and names come from the caller in the page's language.
 */
export function Chart({
  caption,
  spec,
  testId,
  className,
}: {
  caption: string;
  spec: ChartSpec;
  testId?: string;
  className?: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [chart, setChart] = useState<EChartsType | null>(null);
  const table = useMemo(() => chartTable(spec.data), [spec]);

  useEffect(() => {
    const node = element.current;
    if (!node) return;
    let instance: EChartsType | null = null;
    let disposed = false;
    const observer = new ResizeObserver(() => setWidth(node.clientWidth));
    observer.observe(node);
    setWidth(node.clientWidth);
    void loadEcharts().then(({ init }) => {
      if (disposed) return;
      instance = init(node, null, { renderer: 'canvas' });
      setChart(instance);
    });
    return () => {
      disposed = true;
      observer.disconnect();
      instance?.dispose();
    };
  }, []);

  const height = width > 0 ? chartHeight(spec, width) : undefined;
  useEffect(() => {
    if (!chart || width === 0) return;
    chart.resize();
    chart.setOption(chartOption(spec, width), { notMerge: true });
  }, [chart, spec, width, height]);

  return (
    <figure className={className ? `chart ${className}` : 'chart'} data-testid={testId}>
      <figcaption>{caption}</figcaption>
      <div ref={element} className="chart-canvas" aria-hidden="true" style={{ height: height ?? 120 }} />
      <div className="chart-data-table">
        <table>
          <thead>
            <tr>
              {table.columns.map((column, i) => (
                <th key={i} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) =>
                  j === 0 ? (
                    <th key={j} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={j}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
          {table.note && (
            <tfoot>
              <tr>
                <td colSpan={table.columns.length}>{table.note}</td>
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </figure>
  );
}
