import type { Db } from '../../db/schema.js'
import { exercisesRepository, toExercise } from '../exercises/exercises.repository.js'
import type { ExerciseDto } from '../exercises/exercises.schemas.js'
import { goalProgressRepository, toGoalProgress, type GoalProgressDto } from '../goals/goal-progress.repository.js'
import { toGoals } from '../goals/goals.read.js'
import { goalsRepository } from '../goals/goals.repository.js'
import { plansRepository } from '../plans/plans.repository.js'
import type { PlanDto } from '../plans/plans.schemas.js'
import { progressRepository } from '../progress/progress.repository.js'
import type { ProgressLogDto } from '../progress/progress.schemas.js'
import { loadWorkouts } from '../workouts/workouts.read.js'
import { workoutsRepository } from '../workouts/workouts.repository.js'
import type { WorkoutDto } from '../workouts/workouts.schemas.js'
import type { ExportedGoalDto } from './export.schemas.js'
import type { ReadPage } from './export.stream.js'

/**
 * A user's whole history, a keyset page at a time, each page read by `read` (in the export's
 * snapshot) through the owning module's own readers and mappers, so every item is the shape its
 * GET answers. Pages are small enough to keep memory flat (a page of workouts is their rows,
 * exercises and sets: three queries).
 */
const PAGE = { workouts: 200, logs: 500, goals: 100, plans: 50, exercises: 500 }

interface Page<T, K> { items: T[], next: K | undefined }

async function * pages<T, K> (read: ReadPage, fetch: (db: Db, after: K | undefined) => Promise<Page<T, K>>):
AsyncGenerator<T[]> {
  let after: K | undefined
  do {
    const page = await read(async (db) => await fetch(db, after))
    if (page.items.length > 0) yield page.items
    after = page.next
  } while (after !== undefined)
}

/** The cursor after a full page (undefined after the last one). */
const nextOf = <R, K>(rows: R[], limit: number, key: (row: R) => K): K | undefined =>
  rows.length < limit ? undefined : key(rows[rows.length - 1])

export const customExercisePages = (read: ReadPage, userId: string): AsyncGenerator<ExerciseDto[]> =>
  pages<ExerciseDto, [string, string]>(read, async (db, after) => {
    const rows = await exercisesRepository.customPage(db, userId, PAGE.exercises, after)
    return { items: rows.map(toExercise), next: nextOf(rows, PAGE.exercises, (r) => [r.search_name, r.id]) }
  })

/** `asc`: oldest start first (the CSV, as Strong writes it); `desc`: as GET /workouts lists them. */
export const workoutPages = (read: ReadPage, userId: string, order: 'asc' | 'desc'): AsyncGenerator<WorkoutDto[]> =>
  pages<WorkoutDto, [string, string]>(read, async (db, after) => {
    const rows = await workoutsRepository.page(db, userId, { limit: PAGE.workouts, order, after })
    return {
      items: await loadWorkouts(db, userId, rows),
      next: nextOf(rows, PAGE.workouts, (r) => [r.started_at, r.id])
    }
  })

export const progressLogPages = (read: ReadPage, userId: string): AsyncGenerator<ProgressLogDto[]> =>
  pages<ProgressLogDto, string>(read, async (db, cursor) => {
    const page = await progressRepository.list(db, userId, { limit: PAGE.logs, cursor }, { from: null, to: null })
    return { items: page.items, next: page.nextCursor ?? undefined }
  })

export const goalPages = (read: ReadPage, userId: string): AsyncGenerator<ExportedGoalDto[]> =>
  pages<ExportedGoalDto, string>(read, async (db, cursor) => {
    const page = await goalsRepository.list(db, userId, { limit: PAGE.goals, cursor })
    const updates = new Map<string, GoalProgressDto[]>()
    for (const row of await goalProgressRepository.forGoals(db, userId, page.items.map((g) => g.id))) {
      const list = updates.get(row.goal_id) ?? []
      updates.set(row.goal_id, list)
      list.push(toGoalProgress(row))
    }
    const goals = await toGoals(db, page.items)
    return {
      items: goals.map((goal) => ({ ...goal, progressUpdates: updates.get(goal.id) ?? [] })),
      next: page.nextCursor ?? undefined
    }
  })

export const planPages = (read: ReadPage, userId: string): AsyncGenerator<PlanDto[]> =>
  pages<PlanDto, [string, string]>(read, async (db, after) => {
    const rows = await plansRepository.list(db, userId, { limit: PAGE.plans, after, active: undefined })
    const page = rows.slice(0, PAGE.plans)
    return {
      items: await plansRepository.hydrate(db, page),
      next: rows.length > PAGE.plans ? [page[page.length - 1].created_at, page[page.length - 1].id] : undefined
    }
  })
