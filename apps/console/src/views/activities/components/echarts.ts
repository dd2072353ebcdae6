import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the daily-work charts draw (bars and lines), so their chunk stays small.
use([CanvasRenderer, BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, MarkAreaComponent]);
