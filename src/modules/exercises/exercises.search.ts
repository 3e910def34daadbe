import { sql, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely'
import type { Database, Db } from '../../db/schema.js'
import { BadRequestError } from '../../lib/errors.js'
import { afterCursor, decodeCursor, toPage } from '../../lib/pagination.js'
import type { ExerciseDto, ListExercisesInput } from './exercises.schemas.js'
import { toExercise, type ExerciseRow } from './exercises.repository.js'
import { matchRank, wordPatterns, words } from '../../lib/search-text.js'
import { jsonArrayPattern } from './exercises.text.js'

type Eb = ExpressionBuilder<Database, 'exercises'>
type Query = SelectQueryBuilder<Database, 'exercises', ExerciseRow>
type ArrayColumn = 'primary_muscles' | 'secondary_muscles' | 'equipment'

// ESCAPE is spelled out: PostgreSQL defaults to backslash but SQLite has no default escape.
const like = (column: 'search_words' | ArrayColumn, pattern: string) =>
  sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`
const holdsAny = (eb: Eb, columns: ArrayColumn[], values: string[]) =>
  eb.or(values.flatMap((v) => columns.map((c) => like(c, jsonArrayPattern(v)))))

/** Predefined exercises and the user's own live custom ones: what lists and suggestions offer. */
function listable (db: Db, userId: string): Query {
  return db.selectFrom('exercises').selectAll()
    .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', userId)]))
    .where('archived_at', 'is', null)
}

type Page = { items: ExerciseDto[], nextCursor: string | null }

/** The list's filters other than `q`: combined with AND; several values of one filter match any. */
function filtered (db: Db, userId: string, query: ListExercisesInput): Query {
  let q = listable(db, userId)
  if (query.category !== undefined) q = q.where('category', 'in', query.category)
  if (query.level !== undefined) q = q.where('level', 'in', query.level)
  if (query.tracking !== undefined) q = q.where('tracking', 'in', query.tracking)
  const { muscle, equipment } = query
  if (muscle !== undefined) q = q.where((eb) => holdsAny(eb, ['primary_muscles', 'secondary_muscles'], muscle))
  if (equipment !== undefined) q = q.where((eb) => holdsAny(eb, ['equipment'], equipment))
  if (query.custom !== undefined) q = q.where('owner_id', query.custom ? 'is not' : 'is', null)
  return q
}

const invalidCursor = () => BadRequestError.field('/cursor', 'is not a valid cursor')

/**
 * GET /exercises. Without `q`: sorted by the folded name (case and accents ignored), ties by id,
 * which is also the keyset cursor. With `q`: best match first (searchExercises).
 */
export async function listExercises (db: Db, userId: string, query: ListExercisesInput): Promise<Page> {
  const limit = query.limit ?? 20
  if (query.q !== undefined && query.q.trim() !== '') return await searchExercises(db, userId, query, limit)
  let q = filtered(db, userId, query)
  const after = decodeCursor(query.cursor, 2)
  if (after !== undefined) {
    const [name, id] = after
    if (typeof name !== 'string' || typeof id !== 'string') throw invalidCursor()
    q = q.where(afterCursor(['search_name', 'id'], after, 'asc'))
  }
  const rows = await q.orderBy('search_name').orderBy('id').limit(limit + 1).execute()
  return toPage(rows, limit, toExercise, (r) => [r.search_name, r.id])
}

interface Ranked { row: ExerciseRow, rank: number }
const compare = (a: string, b: string): number => a < b ? -1 : a > b ? 1 : 0
const byRank = (a: Ranked, b: Ranked): number =>
  a.rank - b.rank || compare(a.row.search_name, b.row.search_name) || compare(a.row.id, b.row.id)

/**
 * Word search: SQL keeps the rows where every query word starts a stored word (name or alias),
 * which is exact, and the few matches are ranked here (matchRank), ties by folded name and id.
 * The cursor is the last item's [rank, search name, id], so pages follow the ranked order. A
 * query with no letters or digits matches nothing.
 */
async function searchExercises (db: Db, userId: string, query: ListExercisesInput, limit: number): Promise<Page> {
  const after = decodeCursor(query.cursor, 3)
  if (after !== undefined && (typeof after[0] !== 'number' || typeof after[1] !== 'string' ||
    typeof after[2] !== 'string')) throw invalidCursor()
  const wanted = words(query.q ?? '')
  if (wanted.length === 0) return { items: [], nextCursor: null }
  let q = filtered(db, userId, query)
  for (const pattern of wordPatterns(wanted)) q = q.where(like('search_words', pattern))
  let ranked = (await q.execute()).map((row) => ({ row, rank: matchRank(wanted, row.name) })).sort(byRank)
  if (after !== undefined) {
    const last: Ranked = { rank: after[0] as number, row: { search_name: after[1], id: after[2] } as ExerciseRow }
    ranked = ranked.filter((r) => byRank(r, last) > 0)
  }
  const keyOf = (r: Ranked) => [r.rank, r.row.search_name, r.row.id]
  return toPage(ranked.slice(0, limit + 1), limit, (r) => toExercise(r.row), keyOf)
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
