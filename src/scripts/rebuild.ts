import { ConfigError, loadConfig } from '../config.js'
import { createDatabase } from '../db/database.js'
import { migrateToLatest } from '../db/migrate.js'
import { projections, type RebuildReport } from '../projections/index.js'

const USAGE = 'usage: npm run rebuild [-- --user <id>]'
const KINDS = ['workouts', 'workoutExercises', 'bests', 'weeks', 'breakdowns', 'goals'] as const

function parseArgs (argv: string[]): { userId?: string } {
  if (argv.length === 0) return {}
  if (argv.length === 2 && argv[0] === '--user' && argv[1] !== '') return { userId: argv[1] }
  throw new ConfigError(USAGE)
}

const describe = (r: RebuildReport): string =>
  r.changed ? KINDS.filter((k) => r[k] > 0).map((k) => `${k} ${r[k]}`).join(', ') : 'unchanged'

/**
 * `npm run rebuild`: recomputes every user's derived state (or one user's) from the base rows,
 * each user in a transaction of their own, and prints what differed. On a healthy database it
 * changes nothing and says so; run it after restoring a backup or to rule the derived state out.
 */
async function main (): Promise<void> {
  const { userId } = parseArgs(process.argv.slice(2))
  const config = loadConfig(process.env)
  const database = createDatabase(config.database)
  try {
    await migrateToLatest(database.db)
    let query = database.db.selectFrom('users').select('id').orderBy('id')
    if (userId !== undefined) query = query.where('id', '=', userId)
    const users = (await query.execute()).map((u) => u.id)
    if (userId !== undefined && users.length === 0) throw new ConfigError(`rebuild: no user ${userId}`)
    const started = Date.now()
    let changed = 0
    for (const [i, id] of users.entries()) {
      const report = await database.db.transaction().execute(async (trx) => await projections.rebuildUser(trx, id))
      if (report.changed) changed++
      console.log(`rebuild: [${i + 1}/${users.length}] user ${id}: ${describe(report)}`)
    }
    console.log(
      `rebuild: ${users.length} user(s) in ${((Date.now() - started) / 1000).toFixed(1)} s, ${changed} changed`
    )
  } finally {
    await database.close()
  }
}

main().catch((error: unknown) => {
  console.error(`rebuild: failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
