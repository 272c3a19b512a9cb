// The project a workspace works in and the caller's membership there (role, the staff id they act as).
import { createContext, useContext, type ReactNode } from 'react';
import type { Membership } from '../../contracts/index.ts';

const ProjectContext = createContext<Membership | null>(null);

export function ProjectProvider({ membership, children }: { readonly membership: Membership; readonly children: ReactNode }) {
  return <ProjectContext.Provider value={membership}>{children}</ProjectContext.Provider>;
}

export function useProject(): Membership {
  const membership = useContext(ProjectContext);
  if (!membership) throw new Error('useProject outside a workspace');
  return membership;
}
