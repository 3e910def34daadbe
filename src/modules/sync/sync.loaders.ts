import type { Db } from '../../db/schema.js'
import { toUser, usersRepository } from '../auth/users.repository.js'
import { exercisesRepository, toExercise } from '../exercises/exercises.repository.js'
import { toGoals } from '../goals/goals.read.js'
import { plansRepository } from '../plans/plans.repository.js'
import { toProgressLog } from '../progress/progress.repository.js'
import { workoutDocuments } from '../workouts/workout-documents.js'
import type { CHANGE_TYPES } from './sync.schemas.js'

type ChangeType = typeof CHANGE_TYPES[number]
/** The resources of one type by id, each as the JSON text of its GET answer; missing ids are gone. */
type Loader = (db: Db, userId: string, ids: string[]) => Promise<Map<string, string>>

const json = <T extends { id: string }>(items: T[]): Map<string, string> =>
  new Map(items.map((item) => [item.id, JSON.stringify(item)]))

/**
 * Each type in its full API shape, read through the feature that owns it, many at a time: the
 * feed's page holds up to 1,000 changes. Workouts come from their stored documents where current.
 */
export const LOADERS: Record<ChangeType, Loader> = {
  workout: async (db, userId, ids) => await workoutDocuments.readMany(db, userId, ids),
  progress_log: async (db, userId, ids) => json((await db.selectFrom('progress_logs').selectAll()
    .where('user_id', '=', userId).where('id', 'in', ids).execute()).map(toProgressLog)),
  goal: async (db, userId, ids) => json(await toGoals(db, await db.selectFrom('goals').selectAll()
    .where('user_id', '=', userId).where('id', 'in', ids).execute())),
  plan: async (db, userId, ids) => json(await plansRepository.hydrate(db, await db.selectFrom('plans').selectAll()
    .where('user_id', '=', userId).where('id', 'in', ids).execute())),
  exercise: async (db, userId, ids) => {
    const rows = await exercisesRepository.findVisibleMany(db, userId, ids)
    return json([...rows.values()].filter((r) => r.owner_id === userId).map(toExercise))
  },
  user: async (db, userId) => {
    const row = await usersRepository.findById(db, userId)
    return row === undefined ? new Map() : json([toUser(row)])
  }
}
