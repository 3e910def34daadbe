import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ServiceUnavailableError } from '../../lib/errors.js'

const Status = Type.Object({ status: Type.Literal('ok') })
// Spelled out with its media type: only /api routes get problem responses documented for them
// (src/plugins/openapi.ts), and a bare $ref would document this one as application/json.
const Unavailable = {
  description: 'The database is not reachable',
  content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } }
}

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    config: { public: true },
    schema: { tags: ['system'], summary: 'Liveness: the process answers', response: { 200: Status } }
  }, async () => ({ status: 'ok' as const }))

  app.get('/ready', {
    config: { public: true },
    schema: {
      tags: ['system'],
      summary: 'Readiness: the database answers',
      response: { 200: Status, 503: Unavailable }
    }
  }, async (request) => {
    try {
      await app.database.ping()
    } catch (err) {
      request.log.warn({ err }, 'readiness check failed')
      throw new ServiceUnavailableError('Database is not reachable')
    }
    return { status: 'ok' as const }
  })
}

export default healthRoutes
