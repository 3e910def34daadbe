import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Config } from '../../config.js'
import { ServiceUnavailableError } from '../../lib/errors.js'
import { checkDatabase } from './health.checks.js'
import { Health, Readiness, ReadinessProblem } from './health.schemas.js'

// Spelled out with their media type: only /api routes get problem responses documented for them
// (src/plugins/openapi.ts), and a bare $ref would document these as application/json.
const ShuttingDown = {
  description: 'The server is shutting down; retry after Retry-After',
  content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } }
}
const Unavailable = {
  description: 'Not ready: `checks` says which dependency is down (or the server is shutting down); see Retry-After',
  content: { 'application/problem+json': { schema: ReadinessProblem } }
}

const healthRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  app.get('/health', {
    config: { public: true },
    schema: {
      operationId: 'getHealth',
      tags: ['system'],
      summary: 'Liveness: the process answers',
      response: { 200: Health, 503: ShuttingDown }
    }
  }, async () => ({ status: 'ok' as const }))

  app.get('/ready', {
    config: { public: true },
    schema: {
      operationId: 'getReadiness',
      tags: ['system'],
      summary: 'Readiness: the database can serve reads and writes',
      response: { 200: Readiness, 503: Unavailable }
    }
  }, async (request) => {
    const database = await checkDatabase(app.database, config.database)
    if (database !== 'ok') {
      request.log.warn({ database }, 'readiness check failed')
      const reason = database.slice('down: '.length)
      const extensions = { checks: { database } }
      throw new ServiceUnavailableError(`The database is not ready (${reason})`, { extensions })
    }
    return { status: 'ok' as const, checks: { database } }
  })
}

export default healthRoutes
