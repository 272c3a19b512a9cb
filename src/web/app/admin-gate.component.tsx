// The admin workspace's route: installation administrators only (the server checks again on every call).
import type { ComponentType } from 'react';
import { useSignedIn } from '../session/session.context.tsx';
import { NotFound } from './not-found.component.tsx';

export function AdminGate({ page: Page }: { readonly page: ComponentType }) {
  const session = useSignedIn();
  if (!session.user.admin) return <NotFound forbidden />;
  return <Page />;
}
