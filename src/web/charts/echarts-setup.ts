// The only ECharts entry point: the parts the app draws with (bars on a grid, tooltips, legends) and the
// canvas renderer. Importing `echarts` whole would ship ~1 MB; this keeps the chart chunk small.
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';
