// A chart in a div: initialised once, re-optioned when the option changes, resized with its box.
import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption } from './echarts-setup.ts';

export function Chart({ option, height = 280, label }: { readonly option: EChartsCoreOption; readonly height?: number; readonly label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
