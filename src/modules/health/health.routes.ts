import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { Config } from '../../config.js'
import { ServiceUnavailableError } from '../../lib/errors.js'
import { FieldErrorSchema } from '../../lib/schemas.js'
import { checkDatabase } from './health.checks.js'

const Status = Type.Object({ status: Type.Literal('ok') })
/** Each dependency's state: `ok`, or `down: <reason>` ("down: schema missing"). */
const Checks = Type.Object({ database: Type.String() })
// The problem document with the `checks` extension, which the bare Problem schema would drop.
const ReadyProblem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(FieldErrorSchema)),
  checks: Type.Optional(Checks)
})
// Spelled out with their media type: only /api routes get problem responses documented for them
// (src/plugins/openapi.ts), and a bare $ref would document these as application/json.
const ShuttingDown = {
  description: 'The server is shutting down; retry after Retry-After',
  content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } }
}
const Unavailable = {
  description: 'Not ready: `checks` says which dependency is down (or the server is shutting down); see Retry-After',
  content: { 'application/problem+json': { schema: ReadyProblem } }
}

const healthRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  app.get('/health', {
    config: { public: true },
    schema: {
      operationId: 'getHealth',
      tags: ['system'],
      summary: 'Liveness: the process answers',
      response: { 200: Status, 503: ShuttingDown }
    }
  }, async () => ({ status: 'ok' as const }))

  app.get('/ready', {
    config: { public: true },
    schema: {
      operationId: 'getReadiness',
      tags: ['system'],
      summary: 'Readiness: the database can serve reads and writes',
      response: { 200: Type.Object({ status: Type.Literal('ok'), checks: Checks }), 503: Unavailable }
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
