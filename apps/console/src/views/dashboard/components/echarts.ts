import { BarChart, GaugeChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboard draws, so the chart chunk stays small.
use([CanvasRenderer, BarChart, GaugeChart, GridComponent, TooltipComponent, AriaComponent]);
