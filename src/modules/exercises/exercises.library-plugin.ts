import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadExerciseLibrary } from './exercises.library.js'

/** Loads the predefined exercise library at start (after migrations), and says what changed. */
export default fp(async function exerciseLibrary (app: FastifyInstance) {
  const { skipped, ...counts } = await loadExerciseLibrary(app.database.db)
  app.log.info(counts, 'exercise library loaded')
  for (const entry of skipped) app.log.warn(entry, 'exercise library entry skipped')
}, { name: 'exercise-library', dependencies: ['database'] })
