import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerEcharts, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

registerEcharts([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ItemSeries {
  name: string;
  items: Array<{ label: string; mean: number | null }>;
}

/** Mean points per item, one bar series per rater type (ECharts, loaded only with the console). */
export function ItemChart({ series }: { series: ItemSeries[] }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart: EChartsType = init(element.current, undefined, { renderer: 'canvas' });
    const labels = [...new Set(series.flatMap((s) => s.items.map((i) => i.label)))];
    chart.setOption({
      animation: false,
      color: ['#b71c1c', '#e57373', '#6d4c41'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 56 },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: series.map((s) => ({
        name: s.name,
        type: 'bar',
        data: labels.map((label) => s.items.find((i) => i.label === label)?.mean ?? null),
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [series]);
  return <div ref={element} className="item-chart" role="img" aria-label="scores by item" />;
}
