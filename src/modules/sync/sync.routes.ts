import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sendJsonText } from '../../lib/json-text.js'
import { ChangePage, ChangesQuery } from './sync.schemas.js'
import { changesPage } from './sync.service.js'

/** The change feed (shared/API.md, Sync): every change to the user's resources, in commit order. */
const syncRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/sync/changes', {
    schema: {
      operationId: 'listChanges',
      tags: ['sync'],
      summary: 'Changes since a cursor, in commit order: upserts in their full shape, deletes as tombstones',
      querystring: ChangesQuery,
      response: { 200: ChangePage, 410: { $ref: 'Problem#' } }
    }
  }, async (request, reply) => {
    const { since, limit } = request.query
    return await sendJsonText(reply, await changesPage(app.database.db, request.auth.userId, since, limit))
  })
}

export default syncRoutes
