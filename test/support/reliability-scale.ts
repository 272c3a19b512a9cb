// How hard the reliability suite pushes. `npm test` runs the light figures; RELIABILITY=heavy (the weekly
// CI run) turns every trial count up at once to the scale issue 14 was tried at.
export const HEAVY = process.env.RELIABILITY === 'heavy';

/** `light` in the default run, `heavy` under RELIABILITY=heavy; an explicit `override` variable wins. */
export function scale(light: number, heavy: number, override?: string): number {
  const given = override === undefined ? undefined : Number(process.env[override]);
  if (given !== undefined && Number.isInteger(given) && given > 0) return given;
  return HEAVY ? heavy : light;
}

/** Heavy tests get time in proportion to their work. */
export const HEAVY_TIMEOUT = HEAVY ? 1_800_000 : 120_000;
