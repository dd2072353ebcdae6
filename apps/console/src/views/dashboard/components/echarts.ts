import { BarChart, GaugeChart, HeatmapChart, PieChart } from 'echarts/charts';
import { AriaComponent, DataZoomComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboard draws, so the chart chunk stays small.
use([
  CanvasRenderer,
  BarChart,
  GaugeChart,
  PieChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  AriaComponent,
  LegendComponent,
  VisualMapComponent,
  DataZoomComponent,
]);
