import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { sendCreated } from '../../lib/replies.js'
import {
  AlternativesQuery,
  CreateExerciseBody,
  Exercise,
  ExerciseItems,
  ExerciseParams,
  ExercisePage,
  ListExercisesQuery,
  UpdateExerciseBody,
  Vocabulary
} from './exercises.schemas.js'
import { listExercises } from './exercises.search.js'
import { ExercisesService } from './exercises.service.js'
import { CATEGORIES, EQUIPMENT, FORCES, LEVELS, MECHANICS, MUSCLES, TRACKING } from './exercises.vocabulary.js'

const problem = { $ref: 'Problem#' }
const tags = ['exercises']
const VOCABULARY = {
  categories: [...CATEGORIES],
  muscles: [...MUSCLES],
  equipment: [...EQUIPMENT],
  levels: [...LEVELS],
  mechanics: [...MECHANICS],
  forces: [...FORCES],
  tracking: [...TRACKING]
}

const exercisesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db
  const service = new ExercisesService(db)

  app.get('/exercises', {
    schema: {
      operationId: 'listExercises',
      tags,
      summary: 'List the predefined library and your custom exercises, sorted by name',
      querystring: ListExercisesQuery,
      response: { 200: ExercisePage }
    }
  }, async (request) => await listExercises(db, request.auth.userId, request.query))

  // Registered before /exercises/:id so "vocabulary" is never read as an id.
  app.get('/exercises/vocabulary', {
    schema: {
      operationId: 'getExerciseVocabulary',
      tags,
      summary: 'Every allowed category, muscle, equipment, level, mechanic, force and tracking value',
      response: { 200: Vocabulary }
    }
  }, async () => VOCABULARY)

  app.get('/exercises/:id', {
    config: { sync: { type: 'exercise', param: 'id' } },
    schema: {
      operationId: 'getExercise',
      tags,
      summary: 'One exercise (deleted custom ones stay readable, with archived: true)',
      params: ExerciseParams,
      response: { 200: Exercise }
    }
  }, async (request) => await service.get(request.auth.userId, request.params.id))

  app.get('/exercises/:id/alternatives', {
    schema: {
      operationId: 'listExerciseAlternatives',
      tags,
      summary: 'Exercises to swap in: same tracking, at least one shared primary muscle, best matches first',
      params: ExerciseParams,
      querystring: AlternativesQuery,
      response: { 200: ExerciseItems }
    }
  }, async (request) => ({
    items: await service.alternatives(
      request.auth.userId,
      request.params.id,
      request.query.equipment,
      request.query.limit ?? 10
    )
  }))

  app.post('/exercises', {
    config: { sync: { type: 'exercise' } },
    schema: {
      operationId: 'createExercise',
      tags,
      summary: 'Create a custom exercise, private to you',
      body: CreateExerciseBody,
      response: { 200: Exercise, 201: Exercise, 409: problem }
    }
  }, async (request, reply) => {
    const outcome = await service.create(request.auth.userId, request.body)
    return await sendCreated(reply, outcome, `/api/v1/exercises/${outcome.body.id}`)
  })

  app.patch('/exercises/:id', {
    config: { sync: { type: 'exercise', param: 'id' } },
    schema: {
      operationId: 'updateExercise',
      tags,
      summary: 'Change your custom exercise (predefined ones: 403)',
      params: ExerciseParams,
      body: UpdateExerciseBody,
      response: { 200: Exercise, 403: problem, 409: problem }
    }
  }, async (request) => await service.update(request.auth.userId, request.params.id, request.body))

  app.delete('/exercises/:id', {
    config: { sync: { type: 'exercise', param: 'id' } },
    schema: {
      operationId: 'deleteExercise',
      tags,
      summary: 'Delete (archive) your custom exercise; history keeps its name (predefined ones: 403)',
      params: ExerciseParams,
      response: { 204: Type.Null(), 403: problem }
    }
  }, async (request, reply) => {
    await service.remove(request.auth.userId, request.params.id)
    return await reply.code(204).send(null)
  })
}

export default exercisesRoutes
