import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder } from 'kysely'

/**
 * The few SQL expressions that differ between SQLite and PostgreSQL, behind one interface, so
 * queries stay single-path. Instants are ISO 8601 UTC text in both.
 */
export interface SqlDialectFns {
  /** Seconds since the Unix epoch of an ISO instant column. */
  epochSeconds: (instant: Expression<unknown>) => RawBuilder<number>
  /** Rows of a JSON-array text column, as a table source aliased `(value)`. */
  jsonArrayElements: (column: Expression<unknown>, alias: string) => RawBuilder<unknown>
}

const sqlite: SqlDialectFns = {
  epochSeconds: (instant) => sql<number>`unixepoch(${instant}, 'subsec')`,
  jsonArrayElements: (column, alias) => sql`json_each(${column}) as ${sql.raw(alias)}`
}

const postgres: SqlDialectFns = {
  epochSeconds: (instant) => sql<number>`extract(epoch from (${instant})::timestamptz)::double precision`,
  jsonArrayElements: (column, alias) => sql`jsonb_array_elements_text((${column})::jsonb) as ${sql.raw(alias)}(value)`
}

export const isPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter

export const sqlFns = (db: Kysely<any>): SqlDialectFns => isPostgres(db) ? postgres : sqlite

/** ISO week index (weeks since Monday 1969-12-29, UTC) of an epoch-seconds expression. */
export const isoWeekIndexSql = (epochSeconds: RawBuilder<number>): RawBuilder<number> =>
  sql<number>`cast(floor((${epochSeconds} / 86400.0 + 3) / 7.0) as integer)`

/** The Monday (YYYY-MM-DD) that starts ISO week `index`. */
export const mondayOfWeekIndex = (index: number): string =>
  new Date((index * 7 - 3) * 86_400_000).toISOString().slice(0, 10)

/** ISO week index of a JS time. */
export const isoWeekIndex = (ms: number): number => Math.floor((ms / 86_400_000 + 3) / 7)
