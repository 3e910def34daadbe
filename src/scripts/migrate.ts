import { ConfigError, loadConfig } from '../config.js'
import { createDatabase } from '../db/database.js'
import { explainMissingDatabase } from '../db/errors.js'
import { migrateToLatest } from '../db/migrate.js'

/** `npm run migrate`: brings the DATABASE_URL database's schema up to date, then exits. */
async function main (): Promise<void> {
  const config = loadConfig(process.env)
  const database = createDatabase(config.database)
  try {
    const { applied } = await migrateToLatest(database.db).catch((error: unknown) => {
      throw config.database.dialect === 'postgres' ? explainMissingDatabase(error, config.database.url) : error
    })
    console.log(applied.length === 0 ? 'migrate: schema already up to date' : `migrate: applied ${applied.join(', ')}`)
  } finally {
    await database.close()
  }
}

main().catch((error: unknown) => {
  console.error(
    `migrate: failed: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}`
  )
  process.exit(1)
})
