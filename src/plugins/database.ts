import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { createDatabase, type AppDatabase } from '../db/database.js'
import { explainMissingDatabase } from '../db/errors.js'
import { migrateToLatest } from '../db/migrate.js'
import { createLocalBus, createPostgresBus, type EventBus } from '../lib/event-bus.js'

declare module 'fastify' {
  interface FastifyInstance {
    database: AppDatabase
    bus: EventBus
  }
}

/** Opens the database, migrates it, and closes it (and the bus) after the server has drained. */
export default fp(async function database (app: FastifyInstance, opts: { config: Config, database?: AppDatabase }) {
  const database = opts.database ?? createDatabase(opts.config.database)
  const { applied } = await migrateToLatest(database.db).catch(async (error: unknown) => {
    if (opts.config.database.dialect !== 'postgres') throw error
    await database.close()
    throw explainMissingDatabase(error, opts.config.database.url)
  })
  if (applied.length > 0) app.log.info({ applied }, 'database migrated')
  const bus = opts.config.database.dialect === 'postgres'
    ? createPostgresBus(opts.config.database.url, app.log)
    : createLocalBus()
  app.decorate('database', database)
  app.decorate('bus', bus)
  app.addHook('onClose', async () => {
    await bus.close()
    await database.close()
  })
}, { name: 'database' })
