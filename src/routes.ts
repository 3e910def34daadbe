import type { FastifyInstance } from 'fastify'
import type { Config } from './config.js'
import authRoutes from './modules/auth/auth.routes.js'
import meRoutes from './modules/auth/me.routes.js'
import goalsRoutes from './modules/goals/goals.routes.js'
import guideRoutes from './modules/guide/guide.routes.js'
import importsRoutes from './modules/imports/imports.routes.js'
import { streamSettings } from './modules/guide/guide.streams.js'
import plansRoutes from './modules/plans/plans.routes.js'
import progressRoutes from './modules/progress/progress.routes.js'
import exercisesRoutes from './modules/exercises/exercises.routes.js'
import exportRoutes from './modules/exports/exports.routes.js'
import statsRoutes from './modules/stats/stats.routes.js'
import syncRoutes from './modules/sync/sync.routes.js'
import toolsRoutes from './modules/tools/tools.routes.js'
import workoutsRoutes from './modules/workouts/workouts.routes.js'

/** Every feature's routes under /api/v1, in one list. */
export async function apiRoutes (api: FastifyInstance, config: Config): Promise<void> {
  await api.register(authRoutes, { rateLimitPerMin: config.authRateLimitPerMin })
  await api.register(meRoutes)
  await api.register(exercisesRoutes)
  await api.register(workoutsRoutes)
  await api.register(statsRoutes, { cache: config.statsCache })
  await api.register(progressRoutes)
  await api.register(goalsRoutes)
  await api.register(plansRoutes)
  await api.register(guideRoutes, { streams: streamSettings(config) })
  await api.register(exportRoutes)
  await api.register(importsRoutes)
  await api.register(toolsRoutes)
  await api.register(syncRoutes)
}
