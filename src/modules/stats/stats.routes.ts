import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import Type from 'typebox'
import { NotFoundError } from '../../lib/errors.js'
import { UuidOf } from '../../lib/schemas.js'
import { parseRange, type TimeRange } from '../../lib/time.js'
import { userTimeZone } from '../../lib/user-time-zone.js'
import { localWeek } from '../../rules/calendar.js'
import { exercisesRepository } from '../exercises/exercises.repository.js'
import { checkMetric } from '../progress/progress.metrics.js'
import { exerciseHistory } from './history.repository.js'
import { hardSetsPerMuscle } from './muscles.repository.js'
import { emptyRecords, recordsFor } from './records.repository.js'
import { statsCache, type CacheKey } from './stats-cache.js'
import { ExerciseStats, Muscles, RangeQuery, Records, Summary, Trends, Volume, VolumeQuery } from './stats.schemas.js'
import { summary } from './summary.repository.js'
import { trend } from './trends.repository.js'
import { volumeSeries } from './volume.repository.js'

const tags = ['stats']
const Range = Type.Object(RangeQuery)
const Metric = Type.String({
  minLength: 1,
  maxLength: 60,
  description: 'The progress-log metric: a built-in one (body_weight, waist, …) or custom:<name>'
})
const wholeHistory = (q: { from?: string, to?: string }): boolean => (q.from ?? '') === '' && (q.to ?? '') === ''

const statsRoutes: FastifyPluginAsyncTypebox<{ cache: boolean }> = async (app, opts) => {
  const db = app.database.db
  /** Whole-history answers come from stats_cache unless STATS_CACHE=off. */
  const cached = async <T>(
    reply: FastifyReply,
    userId: string,
    key: CacheKey,
    compute: (timeZone: string) => Promise<T>
  ) =>
    opts.cache ? await statsCache.send(reply, db, userId, key, compute) : await compute(await userTimeZone(db, userId))
  /** The user's time zone and the from/to range in it. */
  const ranged = async (
    userId: string,
    query: { from?: string, to?: string }
  ): Promise<{ timeZone: string, range: TimeRange }> => {
    const timeZone = await userTimeZone(db, userId)
    return { timeZone, range: parseRange(query, timeZone) }
  }

  app.get('/stats/summary', {
    schema: {
      operationId: 'getStatsSummary',
      tags,
      summary: 'Totals, averages and streaks over completed workouts',
      querystring: Range,
      response: { 200: Summary }
    }
  }, async (request, reply) => {
    const { userId } = request.auth
    if (!wholeHistory(request.query)) {
      const { timeZone, range } = await ranged(userId, request.query)
      return await summary(db, userId, range, timeZone)
    }
    // The current streak depends on this week, so the cached answer is this week's.
    const now = Date.now()
    return await cached(reply, userId, { name: 'summary', validity: (timeZone) => String(localWeek(now, timeZone)) },
      async (timeZone) => await summary(db, userId, { from: null, to: null }, timeZone, now))
  })

  app.get('/stats/records', {
    schema: {
      operationId: 'listRecords',
      tags,
      summary: 'Personal records per exercise (completed non-warm-up sets)',
      querystring: Type.Object({ exerciseId: Type.Optional(UuidOf('Only this exercise\'s records')) }),
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
      operationId: 'getExerciseStats',
      tags,
      summary: 'Records and per-workout history of one exercise, oldest first',
      params: Type.Object({ exerciseId: UuidOf('The exercise: a library one, or your own custom one') }),
      querystring: Range,
      response: { 200: ExerciseStats }
    }
  }, async (request) => {
    const { userId } = request.auth
    const { exerciseId } = request.params
    if (await exercisesRepository.findVisible(db, userId, exerciseId) === undefined) throw new NotFoundError('Exercise')
    const { range } = await ranged(userId, request.query)
    const [records] = await recordsFor(db, userId, exerciseId)
    const { exerciseId: _id, exerciseName: _name, ...values } = records ?? {
      exerciseId,
      exerciseName: '',
      ...emptyRecords()
    }
    return { records: values, history: await exerciseHistory(db, userId, exerciseId, range) }
  })

  app.get('/stats/volume', {
    schema: {
      operationId: 'getVolume',
      tags,
      summary: 'Volume, sets, reps and workouts per week or month, optionally by muscle or exercise',
      querystring: VolumeQuery,
      response: { 200: Volume }
    }
  }, async (request, reply) => {
    const { userId } = request.auth
    const { period = 'week', groupBy = 'none' } = request.query
    if (!wholeHistory(request.query)) {
      const { range } = await ranged(userId, request.query)
      return await volumeSeries(db, userId, period, groupBy, range)
    }
    return await cached(reply, userId, { name: `volume:${period}:${groupBy}` },
      async () => await volumeSeries(db, userId, period, groupBy, { from: null, to: null }))
  })

  app.get('/stats/trends', {
    schema: {
      operationId: 'getTrend',
      tags,
      summary: 'A body metric over time with a 7-day average and least-squares slope per week',
      querystring: Type.Object({ metric: Metric, ...RangeQuery }),
      response: { 200: Trends }
    }
  }, async (request) => {
    checkMetric(request.query.metric)
    const { range } = await ranged(request.auth.userId, request.query)
    return await trend(db, request.auth.userId, request.query.metric, range)
  })

  app.get('/stats/muscles', {
    schema: {
      operationId: 'getMuscleBalance',
      tags,
      summary: 'Hard sets per muscle and ISO week (primary 1, secondary 0.5); default the last 4 weeks',
      querystring: Range,
      response: { 200: Muscles }
    }
  }, async (request) => {
    const { timeZone, range } = await ranged(request.auth.userId, request.query)
    return await hardSetsPerMuscle(db, request.auth.userId, range, timeZone)
  })
}

export default statsRoutes
