import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase, type SqliteStatement } from 'kysely'
import pg from 'pg'
import type { DatabaseConfig, SqliteSynchronous } from '../config.js'
import { SAFETY_NET_PAGES, startCheckpointer } from './checkpointer.js'
import type { Database } from './schema.js'

export type Dialect = 'sqlite' | 'postgres'

export interface AppDatabase {
  db: Kysely<Database>
  dialect: Dialect
  /** Checks that the database answers (for /ready). */
  ping: () => Promise<void>
  /** Statements run so far (each a round trip on PostgreSQL), BEGIN and COMMIT included. */
  statements: () => number
  close: () => Promise<void>
}

/** pg returns int8 (count, sum of integers) and numeric as strings; the API wants numbers. */
const pgTypes = {
  getTypeParser (oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value)
    return pg.types.getTypeParser(oid, format)
  }
}

/**
 * Switching a fresh file to WAL can answer SQLITE_BUSY without waiting through busy_timeout (SQLite
 * does not call the busy handler where waiting could deadlock), so it is retried for a while:
 * instances starting at once on one new file would otherwise fail at open.
 */
function enableWal (connection: SQLite.Database): void {
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      connection.pragma('journal_mode = WAL')
      return
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20)
    }
  }
}

function openSqlite (file: string, synchronous: SqliteSynchronous): SQLite.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const connection = new SQLite(file)
  // First: switching a fresh file to WAL needs a lock that another instance starting at the same time may hold.
  connection.pragma('busy_timeout = 5000')
  enableWal(connection)
  // FULL syncs the log on every commit; NORMAL only at checkpoints (see SqliteSynchronous, README).
  connection.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`)
  connection.pragma('foreign_keys = ON')
  connection.pragma('cache_size = -20000')
  // After a checkpoint resets the log, its file is cut back to this size (16 MiB).
  connection.pragma('journal_size_limit = 16777216')
  return connection
}

const STATEMENT_CACHE_SIZE = 500

/**
 * better-sqlite3 compiles a statement on every prepare(), which Kysely calls for each query:
 * about a fifth of the CPU of a small write. Queries repeat word for word (values are bound
 * parameters), so compiled statements are kept by SQL text. Safe because Kysely's SQLite
 * driver runs one query at a time on its single connection, and better-sqlite3 is synchronous.
 */
/**
 * better-sqlite3 builds each result row by setting properties one by one, about 5 µs for a
 * row of a wide table. Reading rows as arrays and turning them into objects with a literal
 * compiled once per statement gives the same objects (same keys, later duplicates win) in
 * about half the time. Column names come from our own SQL.
 */
function withFastRows (statement: SQLite.Statement): SqliteStatement {
  if (!statement.reader) return statement as unknown as SqliteStatement
  const columns = statement.columns().map((c) => c.name)
  // eslint-disable-next-line no-new-func
  const toObject = new Function(
    'r',
    `return {${columns.map((c, i) => `${JSON.stringify(c)}: r[${i}]`).join(', ')}}`
  ) as (row: unknown[]) => unknown
  statement.raw(true)
  return {
    reader: true,
    all: (parameters) => (statement.all(parameters) as unknown[][]).map(toObject),
    run: (parameters) => statement.run(parameters),
    * iterate (parameters) { for (const row of statement.iterate(parameters)) yield toObject(row as unknown[]) }
  }
}

const NO_OP: SqliteStatement = {
  reader: false,
  all: () => [],
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
  * iterate () {}
}

function withStatementCache (connection: SQLite.Database, counter: Counter): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>()
  return {
    close: () => { cache.clear(); connection.close() },
    // Kysely's SQLite driver prepares every statement it runs, BEGIN and COMMIT included.
    prepare (text: string): SqliteStatement {
      counter.n++
      // SQLite ends a transaction itself on SQLITE_FULL, IOERR, BUSY or NOMEM; Kysely's ROLLBACK
      // would then fail with "no transaction is active" and hide the error that explains it.
      if (text === 'rollback' && !connection.inTransaction) return NO_OP
      let statement = cache.get(text)
      if (statement === undefined) {
        statement = withFastRows(connection.prepare(text))
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string)
        cache.set(text, statement)
      }
      return statement
    }
  }
}

const PREPARED_PER_CONNECTION = 1000
const NAMED = Symbol('spotter.prepared')
const statementNames = new Map<string, string>()
const nameOf = (text: string): string => {
  let name = statementNames.get(text)
  if (name === undefined) {
    name = `s${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`
    if (statementNames.size < 10 * PREPARED_PER_CONNECTION) statementNames.set(text, name)
  }
  return name
}

/**
 * PostgreSQL parses and plans every statement sent unnamed, and the app sends the same few
 * dozen texts over and over (values are bound parameters): as the SQLite statement cache
 * does, each connection prepares a text once under a name derived from it and then only binds
 * and executes it, which saves the server that work on every request. Statements without
 * parameters (BEGIN, COMMIT) stay unnamed, and a connection stops naming after a thousand.
 */
function withPreparedStatements (pool: pg.Pool, counter: Counter): {
  connect: () => Promise<pg.PoolClient>
  end: () => Promise<void>
} {
  return {
    connect: async () => {
      const client = await pool.connect() as pg.PoolClient & { [NAMED]?: Set<string> }
      if (client[NAMED] === undefined) {
        // pg-pool listens for errors only while a client is idle: a server that goes away while
        // the client is checked out between two queries would crash the process. Its next query
        // fails instead (a 503), and the pool then drops it.
        client.on('error', () => {})
        const names = new Set<string>()
        client[NAMED] = names
        const query = client.query.bind(client) as (config: unknown, values?: unknown[]) => Promise<unknown>
        const named = async (text: unknown, values?: unknown[]): Promise<unknown> => {
          counter.n++
          if (typeof text !== 'string' || values === undefined || values.length === 0) return await query(text, values)
          const name = nameOf(text)
          if (!names.has(name) && names.size >= PREPARED_PER_CONNECTION) return await query(text, values)
          names.add(name)
          return await query({ name, text, values })
        }
        client.query = named as typeof client.query
      }
      return client
    },
    end: async () => { await pool.end() }
  }
}

/**
 * Statements run, counted where each one reaches the driver (how round trips are measured): a
 * plain counter, as Kysely's log hook would add a timer and awaits to every query.
 */
interface Counter { n: number }

export function createDatabase (config: DatabaseConfig): AppDatabase {
  if (config.dialect === 'sqlite') {
    const connection = openSqlite(config.file, config.synchronous ?? 'full')
    const onDisk = config.file !== ':memory:'
    if (onDisk) connection.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`)
    const checkpointer = onDisk ? startCheckpointer(config.file) : undefined
    const counter: Counter = { n: 0 }
    const database = withStatementCache(connection, counter)
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) })
    return {
      db,
      dialect: 'sqlite',
      statements: () => counter.n,
      ping: async () => { await sql`select 1`.execute(db) },
      close: async () => { await checkpointer?.stop(); await db.destroy() }
    }
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 10, types: pgTypes, connectionTimeoutMillis: 5000 })
  // An idle client that loses its server emits 'error' on the pool; log-and-drop rather than crash.
  pool.on('error', () => {})
  const counter: Counter = { n: 0 }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool, counter) }) })
  return {
    db,
    dialect: 'postgres',
    statements: () => counter.n,
    ping: async () => { await sql`select 1`.execute(db) },
    close: async () => { await db.destroy() }
  }
}
