import type { FastifyInstance } from 'fastify'
import type { Config } from './config.js'
import authRoutes from './modules/auth/auth.routes.js'
import meRoutes from './modules/auth/me.routes.js'
import exercisesRoutes from './modules/exercises/exercises.routes.js'

/** Every feature's routes under /api/v1, in one list. */
export async function apiRoutes (api: FastifyInstance, config: Config): Promise<void> {
  await api.register(authRoutes, { rateLimitPerMin: config.authRateLimitPerMin })
  await api.register(meRoutes)
  await api.register(exercisesRoutes)
}
