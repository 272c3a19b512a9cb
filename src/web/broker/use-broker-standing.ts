// The signed-in broker's standing (CH-2): their application as the channel manager last decided it, and
// what the report form needs from the project (the CH-8 number style, the CH-5 lead time).
import { useMemo } from 'react';
import { getMyApplication } from '../api/channel-client.ts';
import type { MyApplication, BrokerStatus } from '../../contracts/index.ts';
import { useLoad, type Loaded } from '../shared/use-load.ts';
import type { ReportNumber } from './masked-phone.ts';

export interface BrokerStanding {
  readonly application: MyApplication;
  readonly status: BrokerStatus;
  readonly companyLead: boolean;
  readonly reportNumber: ReportNumber;
  readonly leadMinutes: number;
}

export function useBrokerStanding(project: string): Omit<Loaded<BrokerStanding>, 'data'> & { readonly data: BrokerStanding | null } {
  const loaded = useLoad(() => getMyApplication(project), [project]);
  const data = useMemo<BrokerStanding | null>(() => {
    const a = loaded.data;
    if (!a) return null;
    return {
      application: a,
      status: a.status,
      companyLead: a.broker.companyLead,
      // The office's policy decides both (the server answers them): the form never guesses.
      reportNumber: a.reportNumber,
      leadMinutes: a.leadMinutes,
    };
  }, [loaded.data]);
  return { ...loaded, data };
}
