/**
 * The one rounding rule for derived numbers (docs/statistics.md): every number Spotter computes
 * rather than stores as given (volumes, estimated 1RMs, totals, averages, rates, slopes,
 * progress) is rounded half away from zero to DERIVED_DECIMALS places, once, where it is made.
 * Sums of doubles then never show binary noise (0.1 + 0.2), and values that are equal in
 * arithmetic compare equal (100 × (1 + 3/30) and 110), which the "earliest of equal records"
 * rule depends on.
 */
export const DERIVED_DECIMALS = 6
const SCALE = 10 ** DERIVED_DECIMALS

export function roundDerived (value: number): number {
  if (!Number.isFinite(value)) return value
  const rounded = Math.sign(value) * Math.round(Math.abs(value) * SCALE) / SCALE
  return rounded === 0 ? 0 : rounded // never -0
}

export const roundDerivedOrNull = (value: number | null): number | null =>
  value === null ? null : roundDerived(Number(value))
