// The project's staff (GET /staff), on today's board or not: the manager's pickers offer every consultant
// still employed, and every name the roster carries is learnt for display.
import { useEffect, useMemo } from 'react';
import { getStaff } from '../api/api-client.ts';
import type { RosterMember } from '../../contracts/index.ts';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad, type Loaded } from '../shared/use-load.ts';

export interface Roster extends Loaded<readonly RosterMember[]> {
  /** Consultants still employed (who may be given customers). */
  readonly consultants: readonly string[];
  /** Every consultant who ever worked here (the pool is filed under former owners too). */
  readonly everyConsultant: readonly string[];
}

export function useRoster(project: string): Roster {
  const { learn } = useStaffNames();
  const loaded = useLoad(() => getStaff(project), [project]);
  const { data } = loaded;
  useEffect(() => {
    if (data) learn(Object.fromEntries(data.map((m) => [m.id, m.name])));
  }, [data, learn]);
  const consultants = useMemo(() => (data ?? []).filter((m) => m.role === 'consultant' && m.departedAt === null).map((m) => m.id), [data]);
  const everyConsultant = useMemo(() => (data ?? []).filter((m) => m.role === 'consultant').map((m) => m.id), [data]);
  return { ...loaded, consultants, everyConsultant };
}
