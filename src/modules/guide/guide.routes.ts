import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { sendCreated } from '../../lib/replies.js'
import { WorkoutParams, WorkoutSchema } from '../workouts/workouts.schemas.js'
import guideEventsRoutes from './guide.events.routes.js'
import { DayParams } from '../plans/plans.schemas.js'
import { CompleteBody, GuideSchema, GuideWithRecords, SkipBody, StartBody } from './guide.schemas.js'
import { GuideService } from './guide.service.js'
import { startPlanDay } from './guide.start.js'
import type { StreamSettings } from './guide.streams.js'

const tags = ['guide']
const conflict = { 409: { $ref: 'Problem#' } }
// These bodies are all optional: no body at all means {} (complete as planned, skip the set).
// No body at all means {}; a JSON null is a body, and the schema refuses it like any non-object.
const optionalBody = async (request: FastifyRequest): Promise<void> => {
  if (request.body === undefined) request.body = {}
}
const START_SUMMARY =
  'Start a plan day now: an in-progress workout with the day\'s sets planned (completed: false, targets filled in)'
const COMPLETE_DESCRIPTION =
  'The targets stay as planned beside the values. Values must fit the exercise\'s tracking; null records no value. ' +
  'Completing during a rest ends it early. 409 when the workout is completed or no step is left.'

/** Guided workout mode: start a plan day, then follow the workout step by step. */
const guideRoutes: FastifyPluginAsyncTypebox<{ streams: StreamSettings }> = async (app, opts) => {
  const deps = { db: app.database.db, bus: app.bus, dialect: app.database.dialect, log: app.log }
  const guide = new GuideService(deps)

  app.post('/plans/:id/days/:dayId/start', {
    preValidation: optionalBody,
    schema: {
      operationId: 'startPlanDay',
      tags,
      summary: START_SUMMARY,
      description: 'Replaying with the same id answers 200 with the stored workout and creates nothing.',
      params: DayParams,
      body: StartBody,
      response: { 200: WorkoutSchema, 201: WorkoutSchema, ...conflict }
    }
  }, async (request, reply) => {
    const { id, dayId } = request.params
    const outcome = await startPlanDay(deps, request.auth.userId, id, dayId, request.body)
    return await sendCreated(reply, outcome, `/api/v1/workouts/${outcome.body.id}`)
  })

  app.get('/workouts/:id/guide', {
    schema: {
      operationId: 'getGuide',
      tags,
      summary: 'The guide: status, current and next step, rest timer, progress',
      description: 'Any workout can be guided, also one logged with POST /workouts and no endedAt.',
      params: WorkoutParams,
      response: { 200: GuideSchema }
    }
  }, async (request) => await guide.get(request.auth.userId, request.params.id))

  app.post('/workouts/:id/guide/complete', {
    preValidation: optionalBody,
    schema: {
      operationId: 'completeGuideStep',
      tags,
      summary: 'Complete the current set (missing values take its targets) and start the rest that follows',
      description: COMPLETE_DESCRIPTION,
      params: WorkoutParams,
      body: CompleteBody,
      response: { 200: GuideWithRecords, ...conflict }
    }
  }, async (request) => await guide.complete(request.auth.userId, request.params.id, request.body))

  app.post('/workouts/:id/guide/skip', {
    preValidation: optionalBody,
    schema: {
      operationId: 'skipGuideStep',
      tags,
      summary:
        'Skip the current set, or every remaining set of its exercise (they stay completed: false); ends any rest',
      params: WorkoutParams,
      body: SkipBody,
      response: { 200: GuideSchema, ...conflict }
    }
  }, async (request) => await guide.skip(request.auth.userId, request.params.id, request.body))

  app.post('/workouts/:id/guide/finish', {
    schema: {
      operationId: 'finishGuide',
      tags,
      summary: 'End the workout now (completed); unfinished sets stay completed: false',
      description: 'Finishing a completed workout changes nothing and answers it as it is.',
      params: WorkoutParams,
      response: { 200: WorkoutSchema }
    }
  }, async (request) => await guide.finish(request.auth.userId, request.params.id))

  await app.register(guideEventsRoutes, { guide, streams: opts.streams })
}

export default guideRoutes
