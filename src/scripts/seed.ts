import { ConfigError, loadConfig } from '../config.js'
import { createDatabase } from '../db/database.js'
import { migrateToLatest } from '../db/migrate.js'
import { loadExerciseLibrary } from '../modules/exercises/exercises.library.js'

/** `npm run seed`: migrates, then loads the predefined exercise library and prints what it did. */
async function main (): Promise<void> {
  const config = loadConfig(process.env)
  const database = createDatabase(config.database)
  try {
    const { applied } = await migrateToLatest(database.db)
    if (applied.length > 0) console.log(`seed: applied migrations ${applied.join(', ')}`)
    const report = await loadExerciseLibrary(database.db)
    console.log(
      `seed: exercise library: ${report.total} entries, ${report.inserted} inserted, ${report.updated} updated, ` +
      `${report.unchanged} unchanged, ${report.skipped.length} skipped`
    )
    for (const entry of report.skipped) console.log(`seed: skipped ${entry.id} "${entry.name}": ${entry.reason}`)
  } finally {
    await database.close()
  }
}

main().catch((error: unknown) => {
  console.error(
    `seed: failed: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}`
  )
  process.exit(1)
})
