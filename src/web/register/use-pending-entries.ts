// The entries waiting (REG-5 late entries, REG-7 entries without a phone) as the caller may see them, with the
// staff names they mention learnt for display; reloads when `refreshKey` changes (the floor moved).
import type { PendingEntries } from '../../contracts/index.ts';
import { getPendingEntries } from '../api/register-hygiene-client.ts';
import { useProject } from '../session/project.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad, type Loaded } from '../shared/use-load.ts';

export function usePendingEntries(refreshKey?: unknown): Loaded<PendingEntries> {
  const { project } = useProject();
  const { learn } = useStaffNames();
  return useLoad(async () => {
    const answer = await getPendingEntries(project);
    learn(answer.names);
    return answer;
  }, [project, refreshKey]);
}
