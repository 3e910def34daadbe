import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { sendCreated } from '../../lib/replies.js'
import {
  CreateGoalBody,
  CreateGoalProgressBody,
  Goal,
  GoalPage,
  GoalParams,
  GoalProgress,
  GoalProgressPage,
  GoalProgressParams,
  GoalProgressQuery,
  GoalQuery,
  UpdateGoalBody
} from './goals.schemas.js'
import { GoalsService } from './goals.service.js'

const tags = ['goals']
const conflict = { $ref: 'Problem#' }

const goalsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = new GoalsService(app.database.db)

  app.post('/goals', {
    config: { sync: { type: 'goal' } },
    schema: {
      operationId: 'createGoal',
      tags,
      summary: 'Set a goal (startValue defaults to the current value, direction to start → target)',
      body: CreateGoalBody,
      response: { 200: Goal, 201: Goal, 409: conflict }
    }
  }, async (request, reply) => {
    const outcome = await service.create(request.auth.userId, request.body)
    return await sendCreated(reply, outcome, `/api/v1/goals/${outcome.body.id}`)
  })

  app.get('/goals', {
    schema: {
      operationId: 'listGoals',
      tags,
      summary: 'List goals, newest first; filter by status',
      querystring: GoalQuery,
      response: { 200: GoalPage }
    }
  }, async (request) => await service.list(request.auth.userId, request.query))

  app.get('/goals/:id', {
    config: { sync: { type: 'goal', param: 'id' } },
    schema: {
      operationId: 'getGoal',
      tags,
      summary: 'One goal with its current value, progress and projection',
      params: GoalParams,
      response: { 200: Goal }
    }
  }, async (request) => await service.get(request.auth.userId, request.params.id))

  app.patch('/goals/:id', {
    config: { sync: { type: 'goal', param: 'id' } },
    schema: {
      operationId: 'updateGoal',
      tags,
      summary: 'Change title, target (re-evaluated), deadline, or status (abandon / reopen)',
      params: GoalParams,
      body: UpdateGoalBody,
      response: { 200: Goal }
    }
  }, async (request) => await service.update(request.auth.userId, request.params.id, request.body))

  app.delete('/goals/:id', {
    config: { sync: { type: 'goal', param: 'id' } },
    schema: {
      operationId: 'deleteGoal',
      tags,
      summary: 'Delete a goal and its manual updates',
      params: GoalParams,
      response: { 204: Type.Null() }
    }
  }, async (request, reply) => {
    await service.delete(request.auth.userId, request.params.id)
    return await reply.code(204).send(null)
  })

  app.post('/goals/:id/progress', {
    config: { sync: { type: 'goal', param: 'id' } },
    schema: {
      operationId: 'addGoalProgress',
      tags,
      summary: 'Record a manual progress update (data for any goal type)',
      params: GoalParams,
      body: CreateGoalProgressBody,
      response: { 200: GoalProgress, 201: GoalProgress, 409: conflict }
    }
  }, async (request, reply) => {
    const outcome = await service.addProgress(request.auth.userId, request.params.id, request.body)
    return await sendCreated(reply, outcome, `/api/v1/goals/${outcome.body.goalId}/progress/${outcome.body.id}`)
  })

  app.get('/goals/:id/progress', {
    schema: {
      operationId: 'listGoalProgress',
      tags,
      summary: 'List a goal\'s manual updates, newest first',
      params: GoalParams,
      querystring: GoalProgressQuery,
      response: { 200: GoalProgressPage }
    }
  }, async (request) => await service.listProgress(request.auth.userId, request.params.id, request.query))

  app.get('/goals/:id/progress/:progressId', {
    config: { sync: { type: 'goal', param: 'id' } },
    schema: {
      operationId: 'getGoalProgress',
      tags,
      summary: 'One manual update',
      params: GoalProgressParams,
      response: { 200: GoalProgress }
    }
  }, async (request) => await service.getProgress(request.auth.userId, request.params.id, request.params.progressId))
}

export default goalsRoutes
