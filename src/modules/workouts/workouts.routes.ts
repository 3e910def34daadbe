import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { sendJsonText, serializerOf } from '../../lib/json-text.js'
import { etagOf } from '../../lib/conditional.js'
import { sendCreated } from '../../lib/replies.js'
import { CreateWorkoutBody, ListWorkoutsQuery, PatchWorkoutBody } from './workouts.inputs.js'
import { listWorkouts } from './workouts.read.js'
import { WorkoutParams, WorkoutSchema, WorkoutSummaryPage, WorkoutWithRecords } from './workouts.schemas.js'
import { WorkoutsService } from './workouts.service.js'
import workoutExercisesRoutes from './workout-exercises.routes.js'
import setsRoutes from './sets.routes.js'

const CONFLICT = { 409: { $ref: 'Problem#' } }
const LIST_DESCRIPTION =
  'Counts and volume are maintained on write. Filters: from/to (instants or dates, inclusive), exerciseId, status.'

/** /workouts and, below it, the per-exercise and per-set routes. */
const workoutsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = new WorkoutsService({
    db: app.database.db,
    bus: app.bus,
    dialect: app.database.dialect,
    log: app.log
  })

  app.get('/workouts', {
    schema: {
      operationId: 'listWorkouts',
      tags: ['workouts'],
      summary: 'List workout summaries, newest start first',
      description: LIST_DESCRIPTION,
      querystring: ListWorkoutsQuery,
      response: { 200: WorkoutSummaryPage }
    }
  }, async (request) => await listWorkouts(app.database.db, request.auth.userId, request.query))

  app.post('/workouts', {
    config: { sync: { type: 'workout' } },
    schema: {
      operationId: 'createWorkout',
      tags: ['workouts'],
      summary: 'Log a whole session (exercises and sets) in one transaction',
      description: 'Replaying with the same id answers 200 with the stored workout and creates nothing.',
      body: CreateWorkoutBody,
      response: { 200: WorkoutWithRecords, 201: WorkoutWithRecords, ...CONFLICT }
    }
  }, async (request, reply) => {
    const outcome = await service.create(request.auth.userId, request.body)
    return await sendCreated(reply, outcome, `/api/v1/workouts/${outcome.body.id}`)
  })

  app.get('/workouts/:id', {
    config: { sync: { type: 'workout', param: 'id', selfTagged: true } },
    schema: {
      operationId: 'getWorkout',
      tags: ['workouts'],
      summary: 'A workout with its exercises and sets',
      params: WorkoutParams,
      response: { 200: WorkoutSchema }
    }
  }, async (request, reply) => {
    const warn = (err: unknown): void => { request.log.warn({ err }, 'workout document not stored') }
    const { body, seq } = await service.document(request.auth.userId, request.params.id, serializerOf(reply), warn)
    if (seq !== null) reply.header('etag', etagOf(seq))
    return await sendJsonText(reply, body)
  })

  app.patch('/workouts/:id', {
    config: { sync: { type: 'workout', param: 'id' } },
    schema: {
      operationId: 'updateWorkout',
      tags: ['workouts'],
      summary: 'Rename, annotate, move in time, complete (endedAt) or reopen (endedAt: null)',
      params: WorkoutParams,
      body: PatchWorkoutBody,
      response: { 200: WorkoutSchema }
    }
  }, async (request) => await service.patch(request.auth.userId, request.params.id, request.body))

  app.delete('/workouts/:id', {
    config: { sync: { type: 'workout', param: 'id' } },
    schema: {
      operationId: 'deleteWorkout',
      tags: ['workouts'],
      summary: 'Delete a workout with its exercises and sets',
      params: WorkoutParams,
      response: { 204: Type.Null() }
    }
  }, async (request, reply) => {
    await service.delete(request.auth.userId, request.params.id)
    return await reply.code(204).send(null)
  })

  await app.register(workoutExercisesRoutes)
  await app.register(setsRoutes)
}

export default workoutsRoutes
