import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { NotFoundError, UnauthorizedError } from '../../lib/errors.js'
import { WorkoutParams } from '../workouts/workouts.schemas.js'
import { EventsQuery, TicketSchema } from './guide.schemas.js'
import type { GuideService } from './guide.service.js'
import { GuideStreams, type StreamSettings } from './guide.streams.js'
import { issueTicket, useTicket } from './guide.tickets.js'

const tags = ['guide']
const problem = { $ref: 'Problem#' }

const EVENTS =
  'Server-Sent Events. `guide` (id: the state\'s event id, data: the Guide) at connect and after every change; ' +
  '`rest_over` (data: { workoutId, restEndsAt }) when a rest runs out; a `: heartbeat` comment every 15 s. ' +
  'A Last-Event-ID header (or lastEventId query) equal to the current id skips the snapshot at connect. ' +
  'Authenticate with Authorization: Bearer, or, where no header can be sent (EventSource), ' +
  'with ?ticket= from POST …/guide/ticket.'

/** The live event stream of a guided workout, and the tickets that open it from a browser. */
const guideEventsRoutes: FastifyPluginAsyncTypebox<{
  guide: GuideService
  streams: StreamSettings
}> = async (app, opts) => {
  const { guide } = opts
  const db = app.database.db
  const read = async (userId: string, workoutId: string) => {
    try {
      return await guide.snapshot(userId, workoutId)
    } catch (error) {
      if (error instanceof NotFoundError) return undefined
      throw error
    }
  }
  const streams = new GuideStreams(opts.streams, app.bus, read, app.log)
  // Hijacked responses are invisible to Fastify's graceful close: end them before it waits for connections.
  app.addHook('preClose', async () => { streams.closeAll() })

  /** A Bearer header if one is sent (a bad one is a 401, never a fallback), else a stream ticket for this workout. */
  async function streamUser (
    request: FastifyRequest,
    workoutId: string,
    ticket: string | undefined
  ): Promise<{ userId: string, sessionId: string }> {
    if (request.headers.authorization !== undefined) {
      await app.authenticate(request)
      return request.auth
    }
    if (ticket === undefined) {
      throw new UnauthorizedError(
        'Send Authorization: Bearer <accessToken>, or ?ticket= from POST /workouts/{id}/guide/ticket'
      )
    }
    const owner = await useTicket(db, ticket, workoutId)
    if (owner === undefined) {
      throw new UnauthorizedError('The stream ticket is unknown, expired, already used, or for another workout')
    }
    return owner
  }

  app.post('/workouts/:id/guide/ticket', {
    schema: {
      operationId: 'createGuideTicket',
      tags,
      summary: 'A single-use ticket (60 s) to open this workout\'s event stream without an Authorization header',
      description: 'For EventSource: GET /workouts/{id}/guide/events?ticket=… Never put an access token in a URL.',
      params: WorkoutParams,
      response: { 201: TicketSchema, 429: problem }
    }
  }, async (request, reply) => {
    const ticket = await issueTicket(db, request.auth, request.params.id)
    return await reply.code(201).header('cache-control', 'no-store').send(ticket)
  })

  app.get('/workouts/:id/guide/events', {
    // Authenticated inside: EventSource cannot send a header, so a ticket is accepted too.
    config: { public: true },
    schema: {
      operationId: 'streamGuideEvents',
      tags,
      summary: 'The guide as a live event stream (text/event-stream)',
      description: EVENTS,
      params: WorkoutParams,
      querystring: EventsQuery,
      security: [{ bearerAuth: [] }],
      response: {
        200: { description: 'An event stream', content: { 'text/event-stream': { schema: Type.String() } } },
        401: problem,
        429: problem
      }
    }
  }, async (request, reply) => {
    const { id } = request.params
    const { userId, sessionId } = await streamUser(request, id, request.query.ticket)
    await guide.snapshot(userId, id)
    const header = request.headers['last-event-id']
    streams.open(
      request,
      reply,
      { userId, sessionId },
      id,
      typeof header === 'string' ? header : request.query.lastEventId
    )
    return reply
  })
}

export default guideEventsRoutes
