import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { NotFoundError } from '../../lib/errors.js'
import { sendCreated } from '../../lib/replies.js'
import { PlanPartsService } from './plan-parts.service.js'
import {
  DayCreateBody, DayParams, DayPatchBody, ItemCreateBody, ItemParams, ItemPatchBody, NextTargetsSchema, PlanDay,
  PlanItem, PlanParams
} from './plans.schemas.js'
import type { PlansService } from './plans.service.js'

const tags = ['plans']
const conflict = { 409: { $ref: 'Problem#' } }
const noContent = { 204: Type.Null() }

/** A plan's days and their items; positions stay dense after every insert, move and delete. */
const planPartsRoutes: FastifyPluginAsyncTypebox<{ plans: PlansService }> = async (app, opts) => {
  const service = new PlanPartsService(app.database.db, opts.plans)
  const base = '/api/v1/plans'

  app.post('/plans/:id/days', {
    config: { sync: { type: 'plan', param: 'id' } },
    schema: {
      operationId: 'addPlanDay',
      tags,
      summary: 'Add a day (appended, or at position), optionally with items',
      params: PlanParams,
      body: DayCreateBody,
      response: { 200: PlanDay, 201: PlanDay, ...conflict }
    }
  }, async (request, reply) => {
    const outcome = await service.addDay(request.auth.userId, request.params.id, request.body)
    return await sendCreated(reply, outcome, `${base}/${request.params.id}/days/${outcome.body.id}`)
  })

  app.get('/plans/:id/days/:dayId', {
    config: { sync: { type: 'plan', param: 'id' } },
    schema: {
      operationId: 'getPlanDay',
      tags,
      summary: 'One day of a plan with its items',
      params: DayParams,
      response: { 200: PlanDay }
    }
  }, async (request) => {
    const day = await service.findDayDto(request.auth.userId, request.params.id, request.params.dayId)
    if (day === undefined) throw new NotFoundError('Plan day')
    return day
  })

  app.get('/plans/:id/days/:dayId/next', {
    schema: {
      operationId: 'getNextTargets',
      tags,
      summary: 'What the next start of a day would set, item by item, and why (progression)',
      params: DayParams,
      response: { 200: NextTargetsSchema }
    }
  }, async (request) => {
    const next = await service.nextForDay(request.auth.userId, request.params.id, request.params.dayId)
    if (next === undefined) throw new NotFoundError('Plan day')
    return next
  })

  app.patch('/plans/:id/days/:dayId', {
    config: { sync: { type: 'plan', param: 'id' } },
    schema: {
      operationId: 'updatePlanDay',
      tags,
      summary: 'Rename, reschedule or move a day',
      params: DayParams,
      body: DayPatchBody,
      response: { 200: PlanDay }
    }
  }, async (request) =>
    await service.updateDay(request.auth.userId, request.params.id, request.params.dayId, request.body))

  app.delete('/plans/:id/days/:dayId', {
    config: { sync: { type: 'plan', param: 'id' } },
    schema: {
      operationId: 'deletePlanDay',
      tags,
      summary: 'Delete a day with its items',
      params: DayParams,
      response: noContent
    }
  }, async (request, reply) => {
    await service.removeDay(request.auth.userId, request.params.id, request.params.dayId)
    return await reply.code(204).send(null)
  })

  app.post('/plans/:id/days/:dayId/items', {
    config: { sync: { type: 'plan', param: 'id' } },
    schema: {
      operationId: 'addPlanItem',
      tags,
      summary: 'Add an item (appended, or at position)',
      params: DayParams,
      body: ItemCreateBody,
      response: { 200: PlanItem, 201: PlanItem, ...conflict }
    }
  }, async (request, reply) => {
    const { id, dayId } = request.params
    const outcome = await service.addItem(request.auth.userId, id, dayId, request.body)
    return await sendCreated(reply, outcome, `${base}/${id}/days/${dayId}/items/${outcome.body.id}`)
  })

  app.get('/plans/:id/days/:dayId/items/:itemId', {
    config: { sync: { type: 'plan', param: 'id' } },
    schema: {
      operationId: 'getPlanItem',
      tags,
      summary: 'One item of a plan day',
      params: ItemParams,
      response: { 200: PlanItem }
    }
  }, async (request) => {
    const { id, dayId, itemId } = request.params
    const item = (await service.findDayDto(request.auth.userId, id, dayId))?.items.find((i) => i.id === itemId)
    if (item === undefined) throw new NotFoundError('Plan item')
    return item
  })

  app.patch('/plans/:id/days/:dayId/items/:itemId', {
    config: { sync: { type: 'plan', param: 'id' } },
    schema: {
      operationId: 'updatePlanItem',
      tags,
      summary: 'Change or move an item; its targets must still fit its exercise',
      params: ItemParams,
      body: ItemPatchBody,
      response: { 200: PlanItem }
    }
  }, async (request) => {
    const { id, dayId, itemId } = request.params
    return await service.updateItem(request.auth.userId, id, dayId, itemId, request.body)
  })

  app.delete('/plans/:id/days/:dayId/items/:itemId', {
    config: { sync: { type: 'plan', param: 'id' } },
    schema: { operationId: 'deletePlanItem', tags, summary: 'Delete an item', params: ItemParams, response: noContent }
  }, async (request, reply) => {
    const { id, dayId, itemId } = request.params
    await service.removeItem(request.auth.userId, id, dayId, itemId)
    return await reply.code(204).send(null)
  })
}

export default planPartsRoutes
