import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { sendCreated } from '../../lib/replies.js'
import { ListQuery } from '../../lib/schemas.js'
import { GenerateBody, PlanProposal } from './plan-generation.schemas.js'
import { generatePlan } from './plan-generation.js'
import planPartsRoutes from './plan-parts.routes.js'
import { plansRepository } from './plans.repository.js'
import { Plan, PlanCreateBody, PlanListQuery, PlanPage, PlanParams, PlanPatchBody } from './plans.schemas.js'
import { PlansService } from './plans.service.js'

const tags = ['plans']
const conflict = { 409: { $ref: 'Problem#' } }

const plansRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db
  const plans = new PlansService(db)

  app.post('/plans', {
    config: { sync: { type: 'plan' } },
    schema: {
      operationId: 'createPlan',
      tags,
      summary: 'Create a plan with its days and items (one transaction)',
      body: PlanCreateBody,
      response: { 200: Plan, 201: Plan, ...conflict }
    }
  }, async (request, reply) => {
    const outcome = await plans.create(request.auth.userId, request.body)
    return await sendCreated(reply, outcome, `/api/v1/plans/${outcome.body.id}`)
  })

  app.get('/plans', {
    schema: {
      operationId: 'listPlans',
      tags,
      summary: 'The caller\'s plans with their days and items, newest first',
      querystring: Type.Object({ ...ListQuery, ...PlanListQuery.properties }),
      response: { 200: PlanPage }
    }
  }, async (request) => await plans.list(request.auth.userId, request.query))

  app.post('/plans/generate', {
    schema: {
      operationId: 'generatePlan',
      tags,
      summary: 'Propose a personalized plan from the exercise library (not saved; POST it to /plans to keep it)',
      body: GenerateBody,
      response: { 200: PlanProposal }
    }
  }, async (request) => generatePlan(request.body, await plansRepository.library(db, request.auth.userId)))

  app.get('/plans/:id', {
    config: { sync: { type: 'plan', param: 'id' } },
    schema: {
      operationId: 'getPlan',
      tags,
      summary: 'One plan with its days and items',
      params: PlanParams,
      response: { 200: Plan }
    }
  }, async (request) => await plans.get(request.auth.userId, request.params.id))

  app.patch('/plans/:id', {
    config: { sync: { type: 'plan', param: 'id' } },
    schema: {
      operationId: 'updatePlan',
      tags,
      summary: 'Change a plan; isActive: true deactivates the caller\'s other plans',
      params: PlanParams,
      body: PlanPatchBody,
      response: { 200: Plan }
    }
  }, async (request) => await plans.update(request.auth.userId, request.params.id, request.body))

  app.delete('/plans/:id', {
    config: { sync: { type: 'plan', param: 'id' } },
    schema: {
      operationId: 'deletePlan',
      tags,
      summary: 'Delete a plan with its days and items',
      params: PlanParams,
      response: { 204: Type.Null() }
    }
  }, async (request, reply) => {
    await plans.remove(request.auth.userId, request.params.id)
    return await reply.code(204).send(null)
  })

  await app.register(planPartsRoutes, { plans })
}

export default plansRoutes
