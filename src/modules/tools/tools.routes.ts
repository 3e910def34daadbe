import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { BadRequestError } from '../../lib/errors.js'
import { estimateOneRepMax } from './e1rm.js'
import { loadPlates, parsePlates } from './plates.js'
import { E1rmQuery, E1rmSchema, PlateLoadSchema, PlatesQuery, WarmupQuery, WarmupSchema } from './tools.schemas.js'
import { warmupSets } from './warmup.js'

const tags = ['tools']

/** The arithmetic of the gym (shared/API.md, Training tools): pure answers, nothing stored. */
const toolsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/tools/plates', {
    schema: {
      operationId: 'loadPlates',
      tags,
      summary: 'The plates to load for a weight: heaviest symmetric load not above it, fewest plates',
      querystring: PlatesQuery,
      response: { 200: PlateLoadSchema }
    }
  }, async (request) => {
    const { weightKg, barKg, plates } = request.query
    const parsed = parsePlates(plates)
    if ('error' in parsed) throw new BadRequestError(parsed.error, [{ path: '/plates', message: parsed.error }])
    if (weightKg < barKg) {
      const message = `${weightKg} kg is below the ${barKg} kg bar: no load reaches it`
      throw new BadRequestError(message, [{ path: '/weightKg', message: 'is below barKg' }])
    }
    return loadPlates(weightKg, barKg, parsed.stock)
  })

  app.get('/tools/warmup', {
    schema: {
      operationId: 'planWarmup',
      tags,
      summary: 'Warm-up sets for a working weight: the empty bar, then a ramp with falling reps',
      querystring: WarmupQuery,
      response: { 200: WarmupSchema }
    }
  }, async (request) => ({ sets: warmupSets(request.query) }))

  app.get('/tools/e1rm', {
    schema: {
      operationId: 'estimateOneRepMax',
      tags,
      summary: 'Estimated one-rep max: Epley, Brzycki and the RTS RPE chart',
      querystring: E1rmQuery,
      response: { 200: E1rmSchema }
    }
  }, async (request) => {
    const { weightKg, reps, rpe } = request.query
    return estimateOneRepMax(weightKg, reps, rpe)
  })
}

export default toolsRoutes
