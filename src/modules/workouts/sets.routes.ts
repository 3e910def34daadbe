import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { sendCreated } from '../../lib/replies.js'
import { SetsService } from './sets.service.js'
import { AddSetBody, PatchSetBody } from './workouts.inputs.js'
import { SetParams, SetSchema, SetWithRecords, WorkoutExerciseParams } from './workouts.schemas.js'

const setsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = new SetsService({ db: app.database.db, bus: app.bus, dialect: app.database.dialect, log: app.log })

  app.post('/workouts/:id/exercises/:workoutExerciseId/sets', {
    config: { sync: { type: 'workout', param: 'id' } },
    schema: {
      operationId: 'logSet',
      tags: ['workouts'],
      summary: 'Log a set (appended, or at position); reports beaten records',
      description: '`completed` defaults to true. Replaying with the same id answers 200 with the stored set.',
      params: WorkoutExerciseParams,
      body: AddSetBody,
      response: { 200: SetWithRecords, 201: SetWithRecords, 409: { $ref: 'Problem#' } }
    }
  }, async (request, reply) => {
    const { id, workoutExerciseId } = request.params
    const outcome = await service.add(request.auth.userId, id, workoutExerciseId, request.body)
    return await sendCreated(
      reply,
      outcome,
      `/api/v1/workouts/${id}/exercises/${workoutExerciseId}/sets/${outcome.body.id}`
    )
  })

  app.get('/workouts/:id/exercises/:workoutExerciseId/sets/:setId', {
    config: { sync: { type: 'workout', param: 'id' } },
    schema: {
      operationId: 'getSet',
      tags: ['workouts'],
      summary: 'One set',
      params: SetParams,
      response: { 200: SetSchema }
    }
  }, async (request) => {
    const { id, workoutExerciseId, setId } = request.params
    return await service.get(request.auth.userId, id, workoutExerciseId, setId)
  })

  app.patch('/workouts/:id/exercises/:workoutExerciseId/sets/:setId', {
    config: { sync: { type: 'workout', param: 'id' } },
    schema: {
      operationId: 'updateSet',
      tags: ['workouts'],
      summary: 'Edit, complete or un-complete, or move a set; reports beaten records',
      params: SetParams,
      body: PatchSetBody,
      response: { 200: SetWithRecords }
    }
  }, async (request) => {
    const { id, workoutExerciseId, setId } = request.params
    return await service.patch(request.auth.userId, id, workoutExerciseId, setId, request.body)
  })

  app.delete('/workouts/:id/exercises/:workoutExerciseId/sets/:setId', {
    config: { sync: { type: 'workout', param: 'id' } },
    schema: {
      operationId: 'deleteSet',
      tags: ['workouts'],
      summary: 'Delete a set',
      params: SetParams,
      response: { 204: Type.Null() }
    }
  }, async (request, reply) => {
    const { id, workoutExerciseId, setId } = request.params
    await service.delete(request.auth.userId, id, workoutExerciseId, setId)
    return await reply.code(204).send(null)
  })
}

export default setsRoutes
