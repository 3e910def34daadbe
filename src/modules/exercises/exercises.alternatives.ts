import type { ExerciseRow } from './exercises.repository.js'

interface Profile { primary: Set<string>, trained: Set<string>, equipment: Set<string> }

const profile = (row: ExerciseRow): Profile => {
  const primary = JSON.parse(row.primary_muscles) as string[]
  const secondary = JSON.parse(row.secondary_muscles) as string[]
  return {
    primary: new Set(primary),
    trained: new Set([...primary, ...secondary]),
    equipment: new Set(JSON.parse(row.equipment) as string[])
  }
}

const overlap = (a: Set<string>, b: Set<string>): number => [...a].filter((x) => b.has(x)).length

/**
 * How well `candidate` stands in for `base`. A muscle both train as primary counts 3; one trained
 * by both in any other role (primary in one, secondary in the other, or secondary in both)
 * counts 1, so primary overlap always outweighs secondary. Shared equipment breaks ties.
 */
export function similarity (base: Profile, candidate: Profile): { muscles: number, equipment: number } {
  const primary = overlap(base.primary, candidate.primary)
  const anyRole = overlap(base.trained, candidate.trained)
  return { muscles: 3 * primary + (anyRole - primary), equipment: overlap(base.equipment, candidate.equipment) }
}

/**
 * Orders candidates for a mid-workout swap: most shared muscles, then most shared equipment,
 * then name (case and accents ignored) and id. With `equipmentAtHand`, only candidates that need
 * nothing outside it are kept ("only dumbbells and a bench").
 */
export function rankAlternatives (
  base: ExerciseRow,
  candidates: ExerciseRow[],
  equipmentAtHand: string[] | undefined,
  limit: number
): ExerciseRow[] {
  const target = profile(base)
  const atHand = equipmentAtHand === undefined ? undefined : new Set(equipmentAtHand)
  return candidates
    .map((row) => ({ row, p: profile(row) }))
    .filter(({ p }) => atHand === undefined || [...p.equipment].every((e) => atHand.has(e)))
    .map(({ row, p }) => ({ row, score: similarity(target, p) }))
    .sort((a, b) => b.score.muscles - a.score.muscles || b.score.equipment - a.score.equipment ||
      compare(a.row.search_name, b.row.search_name) || compare(a.row.id, b.row.id))
    .slice(0, limit)
    .map(({ row }) => row)
}

const compare = (a: string, b: string): number => a < b ? -1 : a > b ? 1 : 0
