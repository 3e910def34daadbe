import { sql, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely'
import type { Database, Db } from '../../db/schema.js'
import { BadRequestError } from '../../lib/errors.js'
import { afterCursor, decodeCursor, toPage } from '../../lib/pagination.js'
import type { ExerciseDto, ListExercisesInput } from './exercises.schemas.js'
import { toExercise, type ExerciseRow } from './exercises.repository.js'
import { escapeLike, foldName, jsonArrayPattern } from './exercises.text.js'

type Eb = ExpressionBuilder<Database, 'exercises'>
type Query = SelectQueryBuilder<Database, 'exercises', ExerciseRow>
type ArrayColumn = 'primary_muscles' | 'secondary_muscles' | 'equipment'

// ESCAPE is spelled out: PostgreSQL defaults to backslash but SQLite has no default escape.
const like = (column: 'search_name' | ArrayColumn, pattern: string) =>
  sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`
const holdsAny = (eb: Eb, columns: ArrayColumn[], values: string[]) =>
  eb.or(values.flatMap((v) => columns.map((c) => like(c, jsonArrayPattern(v)))))

/** Predefined exercises and the user's own live custom ones: what lists and suggestions offer. */
function listable (db: Db, userId: string): Query {
  return db.selectFrom('exercises').selectAll()
    .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', userId)]))
    .where('archived_at', 'is', null)
}

/**
 * GET /exercises: filters combine (AND); several values of one filter match any of them. Sorted
 * by the folded name (case and accents ignored), ties by id, which is also the keyset cursor.
 */
export async function listExercises (
  db: Db,
  userId: string,
  query: ListExercisesInput
): Promise<{ items: ExerciseDto[], nextCursor: string | null }> {
  const limit = query.limit ?? 20
  let q = listable(db, userId)
  const text = foldName(query.q ?? '').trim()
  if (text !== '') q = q.where(like('search_name', `%${escapeLike(text)}%`))
  if (query.category !== undefined) q = q.where('category', 'in', query.category)
  if (query.level !== undefined) q = q.where('level', 'in', query.level)
  if (query.tracking !== undefined) q = q.where('tracking', 'in', query.tracking)
  const { muscle, equipment } = query
  if (muscle !== undefined) q = q.where((eb) => holdsAny(eb, ['primary_muscles', 'secondary_muscles'], muscle))
  if (equipment !== undefined) q = q.where((eb) => holdsAny(eb, ['equipment'], equipment))
  if (query.custom !== undefined) q = q.where('owner_id', query.custom ? 'is not' : 'is', null)
  const after = decodeCursor(query.cursor, 2)
  if (after !== undefined) {
    const [name, id] = after
    if (typeof name !== 'string' || typeof id !== 'string') {
      throw BadRequestError.field('/cursor', 'is not a valid cursor')
    }
    q = q.where(afterCursor(['search_name', 'id'], after, 'asc'))
  }
  const rows = await q.orderBy('search_name').orderBy('id').limit(limit + 1).execute()
  return toPage(rows, limit, toExercise, (r) => [r.search_name, r.id])
}

/** Exercises offered in place of `base`: same tracking, at least one shared primary muscle. */
export async function findAlternativeCandidates (db: Db, userId: string, base: ExerciseRow): Promise<ExerciseRow[]> {
  const primary = JSON.parse(base.primary_muscles) as string[]
  return await listable(db, userId)
    .where('id', '!=', base.id)
    .where('tracking', '=', base.tracking)
    .where((eb) => holdsAny(eb, ['primary_muscles'], primary))
    .execute()
}
