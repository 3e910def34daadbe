import { BadRequestError } from '../../lib/errors.js'

/**
 * The contract's body metrics (shared/API.md, Progress logs): each has a fixed unit and bounds
 * that make physical sense, so a body weight of -3 or 5000 kg is rejected. Custom metrics
 * (`custom:<name>`) take their unit from their first log and accept any finite number within ±1e9.
 */
interface MetricRule { unit: string, min: number, max: number, minExclusive?: boolean }

const CM: MetricRule = { unit: 'cm', min: 1, max: 300 }
const MASS: MetricRule = { unit: 'kg', min: 0, max: 700, minExclusive: true }

export const BUILT_IN_METRICS: Record<string, MetricRule> = {
  body_weight: { unit: 'kg', min: 1, max: 700 },
  body_fat: { unit: '%', min: 1, max: 75 },
  muscle_mass: MASS,
  lean_mass: MASS,
  waist: CM,
  abdomen: CM,
  chest: CM,
  hips: CM,
  neck: CM,
  shoulders: CM,
  arm_left: CM,
  arm_right: CM,
  forearm_left: CM,
  forearm_right: CM,
  thigh_left: CM,
  thigh_right: CM,
  calf_left: CM,
  calf_right: CM,
  resting_heart_rate: { unit: 'bpm', min: 20, max: 250 }
}

const CUSTOM_RULE: MetricRule = { unit: '', min: -1e9, max: 1e9 }
const CUSTOM = /^custom:[a-z0-9_]{1,50}$/

export const isCustomMetric = (metric: string): boolean => metric.startsWith('custom:')

/** Throws a 400 at `path` unless `metric` is a built-in metric or a well-formed custom one. */
export function checkMetric (metric: string, path = '/metric'): void {
  if (Object.hasOwn(BUILT_IN_METRICS, metric) || CUSTOM.test(metric)) return
  throw BadRequestError.field(path, 'must be a built-in metric or custom:<name> (name: 1–50 of a–z, 0–9, _)')
}

/** Throws a 400 at `path` unless `value` lies within the metric's bounds. */
export function checkMetricValue (metric: string, value: number, path = '/value'): void {
  const rule = BUILT_IN_METRICS[metric] ?? CUSTOM_RULE
  const tooLow = rule.minExclusive === true ? value <= rule.min : value < rule.min
  if (!Number.isFinite(value) || tooLow || value > rule.max) {
    const low = rule.minExclusive === true ? `above ${rule.min}` : `at least ${rule.min}`
    throw BadRequestError.field(
      path,
      `must be ${low} and at most ${rule.max} for ${isCustomMetric(metric) ? 'a custom metric' : metric}`
    )
  }
}

/** The fixed unit of a built-in metric; undefined for a custom one. */
export const builtInUnit = (metric: string): string | undefined => BUILT_IN_METRICS[metric]?.unit
