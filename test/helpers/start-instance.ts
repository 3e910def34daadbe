// A child process for test/concurrent-start.test.ts. It loads the app's modules, says "ready",
// waits for "go" on stdin (so all children start migrating within moments of each other), then
// either builds the whole app (migrations and library load; pino logs JSON lines to stdout) or
// only migrates (prints {"applied": [...]}), and exits 0, or 1 with the error on stderr.
import { once } from 'node:events'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createDatabase } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrate.js'

const config = loadConfig(process.env)
process.stdout.write('ready\n')
await once(process.stdin, 'data')
try {
  if (process.argv[2] === 'migrate') {
    const database = createDatabase(config.database)
    try {
      process.stdout.write(JSON.stringify(await migrateToLatest(database.db)) + '\n')
    } finally {
      await database.close()
    }
  } else {
    const app = await buildApp(config)
    await app.ready()
    await app.close()
  }
  process.exit(0)
} catch (error) {
  console.error(error instanceof Error ? error.stack : String(error))
  process.exit(1)
}
