// Amounts as the office reads them: yuan with thousands separators (¥2,968,000); no amount reads "—".
export function yuan(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  return `¥${Math.round(amount).toLocaleString('en-US')}`;
}
