import type { Db } from '../../db/schema.js'
import { exercisesRepository, toExercise } from '../exercises/exercises.repository.js'
import { warmupSets, type WarmupSet } from '../tools/warmup.js'
import { sessionsOf } from './plans.history.js'
import { nextTargets, type NextTargets } from './plans.next.js'
import type { PlanDayDto, PlanItemDto } from './plans.schemas.js'

/** What the next start of one item sets: its working targets, why, and the warm-ups before them. */
export interface UpcomingItem extends NextTargets { itemId: string, warmups: WarmupSet[] }

// Warm-ups start from the empty bar on barbell lifts; dumbbells and machines start from nothing.
const BARBELL_KG = 20
const WARMUP_ROUND_KG = 2.5
const DEFAULT_WORKING_REPS = 5

function warmupsFor (item: PlanItemDto, next: NextTargets, equipment: string[]): WarmupSet[] {
  if (!item.warmupSets || next.targetWeightKg === null) return []
  return warmupSets({
    workingWeightKg: next.targetWeightKg,
    workingReps: next.targetReps ?? DEFAULT_WORKING_REPS,
    barKg: equipment.includes('barbell') ? BARBELL_KG : 0,
    roundKg: WARMUP_ROUND_KG
  })
}

/**
 * The targets the next start of a day gives each of its items (GET …/next, and the start itself, so the two
 * always agree), from the completed workouts started from the same items.
 */
export async function upcomingTargets (db: Db, userId: string, day: PlanDayDto): Promise<UpcomingItem[]> {
  const ruled = day.items.filter((i) => i.progression !== null)
  const sessions = await sessionsOf(db, userId, ruled.map((i) => i.id))
  const warm = day.items.filter((i) => i.warmupSets)
  const exercises = await exercisesRepository.findVisibleMany(db, userId, warm.map((i) => i.exerciseId))
  return day.items.map((item) => {
    const next = nextTargets(item, sessions.get(item.id) ?? [])
    const row = exercises.get(item.exerciseId)
    const warmups = warmupsFor(item, next, row === undefined ? [] : toExercise(row).equipment)
    return { itemId: item.id, ...next, warmups }
  })
}
