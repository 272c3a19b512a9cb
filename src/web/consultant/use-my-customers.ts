// The consultant's customers (protection running out first), re-read when the floor reports new facts.
import { useCallback, useEffect, useState } from 'react';
import { getMyCustomers } from '../api/api-client.ts';
import type { OwnedCustomer } from '../../contracts/index.ts';

export type MyCustomersState = { readonly status: 'loading' } | { readonly status: 'done'; readonly customers: readonly OwnedCustomer[] } | { readonly status: 'failed'; readonly error: unknown };

export function useMyCustomers(project: string) {
  const [state, setState] = useState<MyCustomersState>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    getMyCustomers(project).then(
      (customers) => live && setState({ status: 'done', customers }),
      (error: unknown) => live && setState((prev) => (prev.status === 'done' ? prev : { status: 'failed', error })),
    );
    return () => {
      live = false;
    };
  }, [project, version]);

  return { state, reload };
}
