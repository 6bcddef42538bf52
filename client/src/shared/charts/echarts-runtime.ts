// The parts of ECharts the charts use, registered once (tree-shaken: 540 kB, 150 kB brotli; the whole is 1.1 MB).
// Imported only through Chart.tsx's dynamic import, so no page pays for it before it shows a chart.
import { BarChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerEcharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

registerEcharts([
  BarChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { init };
