// A named export loaded as its own chunk the first time it is drawn (React.lazy wants a default export).
// The workspaces' tab tables use it, so that a tab's code — and the Ant Design parts only it uses (tables,
// date pickers, charts) — reaches the browser when someone opens that tab, not with the first screen.
// `preload()` fetches it ahead, e.g. when a person starts typing the question whose answer it draws.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export type LazyPart<P extends object> = LazyExoticComponent<ComponentType<P>> & { readonly preload: () => void };

export function lazyPart<M, P extends object>(load: () => Promise<M>, pick: (m: M) => ComponentType<P>): LazyPart<P> {
  // The bundler's import() is cached: preloading and drawing share one fetch.
  return Object.assign(
    lazy(() => load().then((m) => ({ default: pick(m) }))),
    { preload: () => void load().catch(() => undefined) },
  );
}
