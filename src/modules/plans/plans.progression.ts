import type { FieldError } from '../../lib/errors.js'
import type { Tracking } from '../exercises/exercises.vocabulary.js'
import type { ProgressionDto, ProgressionInputDto } from './plans.schemas.js'
import type { Targets } from './plans.targets.js'

/** A plan item's progression rule as stored and answered: every default filled in. */
export type Rule = ProgressionDto

export const DEFAULT_FAILURES_BEFORE_DELOAD = 3
export const DEFAULT_DELOAD_PERCENT = 10

/** The rule a request asks for, with the contract's defaults; null for none. */
export function ruleOf (input: ProgressionInputDto | null | undefined): Rule | null {
  if (input === null || input === undefined) return null
  if (input.type === 'double') return { type: 'double', incrementKg: input.incrementKg }
  return {
    type: 'linear',
    incrementKg: input.incrementKg,
    failuresBeforeDeload: input.failuresBeforeDeload ?? DEFAULT_FAILURES_BEFORE_DELOAD,
    deloadPercent: input.deloadPercent ?? DEFAULT_DELOAD_PERCENT
  }
}

export const ruleText = (rule: Rule | null): string | null => rule === null ? null : JSON.stringify(rule)
export const parseRule = (text: string | null): Rule | null => text === null ? null : JSON.parse(text) as Rule

/**
 * A rule must fit its item: rules move weight and reps, so only weight_reps and reps exercises take one;
 * double progression works inside a rep range; warm-ups ramp up to a working weight.
 */
export function ruleErrors (
  tracking: Tracking,
  targets: Targets,
  rule: Rule | null,
  warmupSets: boolean,
  path: string
): FieldError[] {
  const errors: FieldError[] = []
  const lifts = tracking === 'weight_reps' || tracking === 'reps'
  if (rule !== null && !lifts) {
    const message = `does not fit a ${tracking} exercise (a rule moves weight and reps)`
    errors.push({ path: `${path}/progression`, message })
  } else if (rule?.type === 'double' && (targets.repsMin === null || targets.repsMax === null)) {
    errors.push({ path: `${path}/progression`, message: 'double progression needs repsMin and repsMax' })
  }
  if (warmupSets && tracking !== 'weight_reps') {
    errors.push({ path: `${path}/warmupSets`, message: `needs a weight_reps exercise, not ${tracking}` })
  }
  return errors
}
