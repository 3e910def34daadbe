import { BadRequestError, ConflictError } from './errors.js'

/**
 * Client-supplied ids on creates (shared/API.md, Conventions; offline sync), decided in one
 * place: an id nobody holds is new; the same user repeating a create under the same parent is
 * a replay (the caller answers 200 with the stored resource and writes nothing); anyone
 * else's id, the library's, or the caller's own under another parent is a 409.
 */
export const ID_IN_USE = 'This id is already used by another resource'

/** Who holds an id: its owner (null for the predefined library) and, for child resources, its parent. */
export interface IdHolder { userId: string | null, parentId?: string }

export function claimId (holder: IdHolder | undefined, userId: string, parentId?: string): 'new' | 'replay' {
  if (holder === undefined) return 'new'
  if (holder.userId === userId && holder.parentId === parentId) return 'replay'
  throw new ConflictError(ID_IN_USE)
}

/** The stored row a create with `id` replays, or undefined when the id is new (409 when taken). */
export async function findReplay<Row> (
  id: string | undefined,
  userId: string,
  find: (id: string) => Promise<Row | undefined>,
  holderOf: (row: Row) => IdHolder,
  parentId?: string
): Promise<Row | undefined> {
  if (id === undefined) return undefined
  const row = await find(id)
  return row !== undefined && claimId(holderOf(row), userId, parentId) === 'replay' ? row : undefined
}

/** Client ids must be unique within one request too. */
export function checkDistinct (ids: Array<{ id: string | undefined, path: string }>): void {
  const seen = new Set<string>()
  for (const { id, path } of ids) {
    if (id === undefined) continue
    if (seen.has(id)) throw BadRequestError.field(`${path}/id`, 'is used twice in this request')
    seen.add(id)
  }
}

/** Thrown inside a create transaction when a concurrent create took the id first (the insert did nothing). */
export class IdTaken extends Error {}

/** SQLite and PostgreSQL unique-key violations: a concurrent create with the same client id. */
export function isUniqueViolation (error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

/**
 * Runs a create once more if a concurrent request took its client id first (IdTaken, or the
 * database's unique key): the second run finds the stored row and replays it, or 409s.
 */
export async function retryIfIdTaken<T> (attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt()
  } catch (error) {
    if (error instanceof IdTaken || isUniqueViolation(error)) return await attempt()
    throw error
  }
}

/** PostgreSQL chose this transaction as a deadlock victim, or could not serialize it: running it again is safe. */
export function isTransientConflict (error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '40P01' || code === '40001'
}

/** Runs a transaction again (up to 3 times in all) after a lost client-id race or a transient conflict. */
export async function retryTransient<T> (attempt: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt()
    } catch (error) {
      if (i >= tries || !(isUniqueViolation(error) || isTransientConflict(error))) throw error
    }
  }
}
