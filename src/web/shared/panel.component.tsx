// A titled box with the look of antd's small Card, for the screens whose first load is counted (issue 13):
// antd's Card imports Tabs (for its tab list) and Skeleton, ~15 kB compressed that a box with a title does not
// use. The look comes from the theme's CSS variables (app.css, `.panel`), so it follows the theme as Card does.
import type { ReactNode } from 'react';

export function Panel({ title, extra, className, children, 'data-testid': testId }: { readonly title?: ReactNode; readonly extra?: ReactNode; readonly className?: string; readonly children: ReactNode; readonly 'data-testid'?: string }) {
  return (
    <section className={className ? `panel ${className}` : 'panel'} data-testid={testId}>
      {(title !== undefined || extra !== undefined) && (
        <header className="panel-head">
          <div className="panel-title">{title}</div>
          {extra !== undefined && <div className="panel-extra">{extra}</div>}
        </header>
      )}
      <div className="panel-body">{children}</div>
    </section>
  );
}
