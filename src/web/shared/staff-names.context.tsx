// Display names of staff and broker ids, learnt from every answer that carries them (the board's names,
// StaffRefs, the session's broker names), so a reason that says "wang" reads 王磊. Unknown ids show as themselves.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface StaffNames {
  readonly nameOf: (id: string | null | undefined) => string;
  readonly learn: (names: Readonly<Record<string, string | null>>) => void;
  readonly known: Readonly<Record<string, string>>;
}

const StaffNamesContext = createContext<StaffNames | null>(null);

export function StaffNamesProvider({ children }: { readonly children: ReactNode }) {
  const [known, setKnown] = useState<Readonly<Record<string, string>>>({});
  const learn = useCallback((names: Readonly<Record<string, string | null>>) => {
    setKnown((prev) => {
      const fresh = Object.entries(names).filter((e): e is [string, string] => typeof e[1] === 'string' && prev[e[0]] !== e[1]);
      return fresh.length === 0 ? prev : { ...prev, ...Object.fromEntries(fresh) };
    });
  }, []);
  const value = useMemo<StaffNames>(() => ({ known, learn, nameOf: (id) => (id ? (known[id] ?? id) : '') }), [known, learn]);
  return <StaffNamesContext.Provider value={value}>{children}</StaffNamesContext.Provider>;
}

export function useStaffNames(): StaffNames {
  const names = useContext(StaffNamesContext);
  if (!names) throw new Error('useStaffNames outside StaffNamesProvider');
  return names;
}
