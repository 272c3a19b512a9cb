// 改判's shares as the manager types them (percent per person) and as the command sends them (fractions).
/** Percent shares → the command's fractions, leaving out nobody's 0. */
export function creditOfPercents(shares: Readonly<Record<string, number | null>>): Record<string, number> {
  return Object.fromEntries(Object.entries(shares).flatMap(([who, p]) => (p ? [[who, p / 100]] : [])));
}

export function sumOfPercents(shares: Readonly<Record<string, number | null | undefined>>): number {
  return Math.round(Object.values(shares).reduce<number>((t, p) => t + (p ?? 0), 0) * 10) / 10;
}
