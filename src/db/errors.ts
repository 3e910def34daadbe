// The database cannot serve right now (gone, restarting, overloaded, out of disk): a 503 the
// client retries, not a 500. PostgreSQL SQLSTATE classes 08 (connection), 53 (insufficient
// resources: disk full, out of memory, too many connections), 57P01-57P03 (shutdown, cannot
// connect now) and 25006 (read-only: a standby after failover); SQLite's result codes.
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'
])
const UNAVAILABLE_STATE = /^(08[0-9A-Z]{3}|53[0-9A-Z]{3}|57P0[123]|25006)$/
const UNAVAILABLE_SQLITE = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN)/
// pg and pg-pool say so in words only; Kysely and better-sqlite3 once the database is closed.
const UNAVAILABLE_MESSAGE = new RegExp('^(Connection terminated|timeout exceeded when trying to connect|' +
  'Client has encountered a connection error|Cannot use a pool after calling end|' +
  'driver has already been destroyed|The database connection is not open)')

/** True for errors that mean the database is unavailable; follows `cause` and AggregateError's errors. */
export function isDatabaseUnavailable (error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 4) return false
  const { code, message, cause, errors } = error as Record<string, unknown>
  if (typeof code === 'string' &&
    (NETWORK_CODES.has(code) || UNAVAILABLE_STATE.test(code) || UNAVAILABLE_SQLITE.test(code))) return true
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true
  return isDatabaseUnavailable(cause, depth + 1)
}

/** A failure at start that its message alone explains and says how to fix (printed without a stack). */
export class StartupError extends Error {
  override name = 'StartupError'
}

/**
 * PostgreSQL 3D000 (the database in DATABASE_URL does not exist on the server) as a StartupError
 * naming the database and the createdb command that makes it; any other error as it is.
 */
export function explainMissingDatabase (error: unknown, url: string): unknown {
  if ((error as { code?: unknown } | null)?.code !== '3D000') return error
  let target: URL
  try { target = new URL(url) } catch { return error }
  const name = decodeURIComponent(target.pathname.slice(1)) || decodeURIComponent(target.username)
  const flags = [
    target.hostname === '' ? '' : ` -h ${target.hostname}`,
    target.port === '' ? '' : ` -p ${target.port}`,
    target.username === '' ? '' : ` -U ${decodeURIComponent(target.username)}`
  ].join('')
  return new StartupError(
    `PostgreSQL database "${name}" does not exist on ${target.host || 'the server'}; create it first: ` +
    `createdb${flags} ${name}`,
    { cause: error }
  )
}
