// Ant Design's Result (the not-found, no-workspace and crash pages), fetched when one is drawn: those pages
// are rare, and Result's icons would otherwise ride in every screen's first load (issue 13).
import type { ResultProps } from 'antd';
import { lazy, Suspense } from 'react';

const AntResult = lazy(() => import('antd/es/result'));

export function Result(props: ResultProps) {
  return (
    <Suspense fallback={null}>
      <AntResult {...props} />
    </Suspense>
  );
}
