import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { NotFoundError } from '../../lib/errors.js'
import { sendCreated } from '../../lib/replies.js'
import { WorkoutExercisesService } from './workout-exercises.service.js'
import { AddWorkoutExerciseBody, PatchWorkoutExerciseBody } from './workouts.inputs.js'
import {
  WorkoutExerciseParams,
  WorkoutExerciseSchema,
  WorkoutExerciseWithRecords,
  WorkoutParams
} from './workouts.schemas.js'

const workoutExercisesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = new WorkoutExercisesService({
    db: app.database.db,
    bus: app.bus,
    dialect: app.database.dialect,
    log: app.log
  })

  app.post('/workouts/:id/exercises', {
    config: { sync: { type: 'workout', param: 'id' } },
    schema: {
      operationId: 'addWorkoutExercise',
      tags: ['workouts'],
      summary: 'Add an exercise (appended, or at position) with its sets',
      description: 'Replaying with the same id answers 200 with the stored workout exercise.',
      params: WorkoutParams,
      body: AddWorkoutExerciseBody,
      response: { 200: WorkoutExerciseWithRecords, 201: WorkoutExerciseWithRecords, 409: { $ref: 'Problem#' } }
    }
  }, async (request, reply) => {
    const { id } = request.params
    const outcome = await service.add(request.auth.userId, id, request.body)
    return await sendCreated(reply, outcome, `/api/v1/workouts/${id}/exercises/${outcome.body.id}`)
  })

  app.get('/workouts/:id/exercises/:workoutExerciseId', {
    config: { sync: { type: 'workout', param: 'id' } },
    schema: {
      operationId: 'getWorkoutExercise',
      tags: ['workouts'],
      summary: 'One exercise of a workout with its sets',
      params: WorkoutExerciseParams,
      response: { 200: WorkoutExerciseSchema }
    }
  }, async (request) => {
    const found = await service.get(request.auth.userId, request.params.id, request.params.workoutExerciseId)
    if (found === undefined) throw new NotFoundError('Workout exercise')
    return found
  })

  app.patch('/workouts/:id/exercises/:workoutExerciseId', {
    config: { sync: { type: 'workout', param: 'id' } },
    schema: {
      operationId: 'updateWorkoutExercise',
      tags: ['workouts'],
      summary: 'Change notes, rest, superset group, position, or swap the exercise',
      description: 'exerciseId may change to an exercise with the same tracking, or to any while no sets are logged.',
      params: WorkoutExerciseParams,
      body: PatchWorkoutExerciseBody,
      response: { 200: WorkoutExerciseSchema }
    }
  }, async (request) => {
    const { id, workoutExerciseId } = request.params
    return await service.patch(request.auth.userId, id, workoutExerciseId, request.body)
  })

  app.delete('/workouts/:id/exercises/:workoutExerciseId', {
    config: { sync: { type: 'workout', param: 'id' } },
    schema: {
      operationId: 'deleteWorkoutExercise',
      tags: ['workouts'],
      summary: 'Remove an exercise and its sets',
      params: WorkoutExerciseParams,
      response: { 204: Type.Null() }
    }
  }, async (request, reply) => {
    await service.delete(request.auth.userId, request.params.id, request.params.workoutExerciseId)
    return await reply.code(204).send(null)
  })
}

export default workoutExercisesRoutes
