import type { Db } from '../../db/schema.js'
import { BadRequestError } from '../../lib/errors.js'
import { exercisesRepository, type ExerciseRow } from './exercises.repository.js'

/**
 * The exercises these items use, each visible to the user (predefined or their own) and not
 * archived (unless `allowArchived`: a plan made before the deletion still runs). One query;
 * anything else is a 400 at `<path>/exerciseId`, as if it did not exist.
 */
export async function usableExercises (db: Db, userId: string, items: Array<{ exerciseId: string, path: string }>,
  options: { allowArchived?: boolean } = {}): Promise<Map<string, ExerciseRow>> {
  const found = await exercisesRepository.findVisibleMany(db, userId, items.map((i) => i.exerciseId))
  for (const item of items) {
    const row = found.get(item.exerciseId)
    if (row === undefined || (row.archived_at !== null && options.allowArchived !== true)) {
      throw BadRequestError.field(`${item.path}/exerciseId`, 'is not an exercise you can use')
    }
  }
  return found
}
