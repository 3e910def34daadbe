import { ConflictError } from './errors.js'

/**
 * Client-supplied ids on creates (docs/CONVENTIONS.md): the same user repeating a create gets the
 * stored row back (the caller answers 200 and writes nothing), another user's id is a 409.
 * Used by progress logs, goals and manual goal updates; the nested creates (workouts, plans)
 * check their many ids in bulk in their own services.
 */
export async function findReplay<Row extends { user_id: string }> (id: string | undefined, userId: string, find: (id: string) => Promise<Row | undefined>): Promise<Row | undefined> {
  if (id === undefined) return undefined
  const row = await find(id)
  if (row !== undefined && row.user_id !== userId) throw new ConflictError('This id is already used by another resource')
  return row
}

/** Thrown inside a create transaction when a concurrent create took the id first (the insert did nothing). */
export class IdTaken extends Error {}

/** Runs a create once more if a concurrent request took its client id first: the retry finds it and replays (or 409s). */
export async function retryIfIdTaken<T> (attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt()
  } catch (error) {
    if (error instanceof IdTaken) return await attempt()
    throw error
  }
}
