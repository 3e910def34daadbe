import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { sendCreated } from '../../lib/replies.js'
import {
  CreateProgressLogBody,
  MetricList,
  ProgressLog,
  ProgressLogPage,
  ProgressLogParams,
  ProgressLogQuery,
  UpdateProgressLogBody
} from './progress.schemas.js'
import { ProgressService } from './progress.service.js'

const tags = ['progress']
const conflict = { $ref: 'Problem#' }

const progressRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = new ProgressService(app.database.db)

  app.post('/progress-logs', {
    config: { sync: { type: 'progress_log' } },
    schema: {
      operationId: 'createProgressLog',
      tags,
      summary: 'Log a body metric (measuredAt defaults to now)',
      body: CreateProgressLogBody,
      response: { 200: ProgressLog, 201: ProgressLog, 409: conflict }
    }
  }, async (request, reply) => {
    const outcome = await service.create(request.auth.userId, request.body)
    return await sendCreated(reply, outcome, `/api/v1/progress-logs/${outcome.body.id}`)
  })

  app.get('/progress-logs', {
    schema: {
      operationId: 'listProgressLogs',
      tags,
      summary: 'List progress logs, newest first; filter by metric and time range (inclusive)',
      querystring: ProgressLogQuery,
      response: { 200: ProgressLogPage }
    }
  }, async (request) => await service.list(request.auth.userId, request.query))

  app.get('/progress-logs/metrics', {
    schema: {
      operationId: 'listProgressMetrics',
      tags,
      summary: 'The built-in metrics, then the caller\'s custom ones, with their units',
      response: { 200: MetricList }
    }
  }, async (request) => await service.metrics(request.auth.userId))

  app.get('/progress-logs/:id', {
    config: { sync: { type: 'progress_log', param: 'id' } },
    schema: {
      operationId: 'getProgressLog',
      tags,
      summary: 'One progress log',
      params: ProgressLogParams,
      response: { 200: ProgressLog }
    }
  }, async (request) => await service.get(request.auth.userId, request.params.id))

  app.patch('/progress-logs/:id', {
    config: { sync: { type: 'progress_log', param: 'id' } },
    schema: {
      operationId: 'updateProgressLog',
      tags,
      summary: 'Change a log\'s value, time or note (its unit stays)',
      params: ProgressLogParams,
      body: UpdateProgressLogBody,
      response: { 200: ProgressLog }
    }
  }, async (request) => await service.update(request.auth.userId, request.params.id, request.body))

  app.delete('/progress-logs/:id', {
    config: { sync: { type: 'progress_log', param: 'id' } },
    schema: {
      operationId: 'deleteProgressLog',
      tags,
      summary: 'Delete a progress log (achieved goals stay achieved)',
      params: ProgressLogParams,
      response: { 204: Type.Null() }
    }
  }, async (request, reply) => {
    await service.delete(request.auth.userId, request.params.id)
    return await reply.code(204).send(null)
  })
}

export default progressRoutes
