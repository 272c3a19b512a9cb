// The project's clock for a component: instants formatted in the zone of the project the workspace is in.
import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { clock, dateTime, DEFAULT_ZONE } from './format-time.ts';

export interface ProjectTime {
  readonly zone: string;
  readonly dateTime: (at: number) => string;
  readonly clock: (at: number) => string;
}

export function useProjectTime(): ProjectTime {
  const { locale } = useI18n();
  const zone = useProject().zone ?? DEFAULT_ZONE;
  return useMemo(() => ({ zone, dateTime: (at: number) => dateTime(at, zone), clock: (at: number) => clock(at, locale, zone) }), [zone, locale]);
}
