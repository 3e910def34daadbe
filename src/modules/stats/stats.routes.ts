import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import Type from 'typebox'
import { NotFoundError } from '../../lib/errors.js'
import { isoWeekIndex } from '../../db/sql.js'
import { Uuid } from '../../lib/schemas.js'
import { exercisesRepository } from '../exercises/exercises.repository.js'
import { checkMetric } from '../progress/progress.metrics.js'
import { exerciseHistory } from './history.repository.js'
import { hardSetsPerMuscle } from './muscles.repository.js'
import { emptyRecords, recordsFor } from './records.repository.js'
import { statsCache } from './stats-cache.js'
import { parseRange, type TimeRange } from './stats.range.js'
import { ExerciseStats, Muscles, RangeQuery, Records, Summary, Trends, Volume, VolumeQuery } from './stats.schemas.js'
import { summary } from './summary.repository.js'
import { trend } from './trends.repository.js'
import { volumeSeries } from './volume.repository.js'

const tags = ['stats']
const Range = Type.Object(RangeQuery)
const wholeHistory = (range: TimeRange): boolean => range.from === null && range.to === null

const statsRoutes: FastifyPluginAsyncTypebox<{ cache: boolean }> = async (app, opts) => {
  const db = app.database.db
  /** Whole-history answers come from stats_cache unless STATS_CACHE=off. */
  const cached = async <T>(reply: FastifyReply, userId: string, key: { name: string, validity?: string }, compute: () => Promise<T>) =>
    opts.cache ? await statsCache.send(reply, db, userId, key, compute) : await compute()

  app.get('/stats/summary', {
    schema: { tags, summary: 'Totals, averages and streaks over completed workouts', querystring: Range, response: { 200: Summary } }
  }, async (request, reply) => {
    const range = parseRange(request.query)
    if (!wholeHistory(range)) return await summary(db, request.auth.userId, range)
    // The current streak depends on this week, so the cached answer is this week's.
    const now = Date.now()
    return await cached(reply, request.auth.userId, { name: 'summary', validity: String(isoWeekIndex(now)) },
      async () => await summary(db, request.auth.userId, range, now))
  })

  app.get('/stats/records', {
    schema: {
      tags,
      summary: 'Personal records per exercise (completed non-warm-up sets)',
      querystring: Type.Object({ exerciseId: Type.Optional(Uuid) }),
      response: { 200: Records }
    }
  }, async (request, reply) => {
    const { userId } = request.auth
    const { exerciseId } = request.query
    if (exerciseId !== undefined) return { items: await recordsFor(db, userId, exerciseId) }
    return await cached(reply, userId, { name: 'records' }, async () => ({ items: await recordsFor(db, userId) }))
  })

  app.get('/stats/exercises/:exerciseId', {
    schema: {
      tags,
      summary: 'Records and per-workout history of one exercise, oldest first',
      params: Type.Object({ exerciseId: Uuid }),
      querystring: Range,
      response: { 200: ExerciseStats }
    }
  }, async (request) => {
    const { userId } = request.auth
    const { exerciseId } = request.params
    if (await exercisesRepository.findVisible(db, userId, exerciseId) === undefined) throw new NotFoundError('Exercise')
    const range = parseRange(request.query)
    const [records] = await recordsFor(db, userId, exerciseId)
    const { exerciseId: _id, exerciseName: _name, ...values } = records ?? { exerciseId, exerciseName: '', ...emptyRecords() }
    return { records: values, history: await exerciseHistory(db, userId, exerciseId, range) }
  })

  app.get('/stats/volume', {
    schema: { tags, summary: 'Volume, sets, reps and workouts per week or month, optionally by muscle or exercise', querystring: VolumeQuery, response: { 200: Volume } }
  }, async (request, reply) => {
    const { period = 'week', groupBy = 'none' } = request.query
    const range = parseRange(request.query)
    if (!wholeHistory(range)) return await volumeSeries(db, request.auth.userId, period, groupBy, range)
    return await cached(reply, request.auth.userId, { name: `volume:${period}:${groupBy}` },
      async () => await volumeSeries(db, request.auth.userId, period, groupBy, range))
  })

  app.get('/stats/trends', {
    schema: {
      tags,
      summary: 'A body metric over time with a 7-day average and least-squares slope per week',
      querystring: Type.Object({ metric: Type.String({ minLength: 1, maxLength: 60 }), ...RangeQuery }),
      response: { 200: Trends }
    }
  }, async (request) => {
    checkMetric(request.query.metric)
    return await trend(db, request.auth.userId, request.query.metric, parseRange(request.query))
  })

  app.get('/stats/muscles', {
    schema: {
      tags,
      summary: 'Hard sets per muscle and ISO week (primary 1, secondary 0.5); default the last 4 weeks',
      querystring: Range,
      response: { 200: Muscles }
    }
  }, async (request) => await hardSetsPerMuscle(db, request.auth.userId, parseRange(request.query)))
}

export default statsRoutes
