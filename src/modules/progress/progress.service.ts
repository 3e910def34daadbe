import type { Db } from '../../db/schema.js'
import { BadRequestError, NotFoundError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { nowIso } from '../../lib/time.js'
import { findReplay, IdTaken, retryIfIdTaken } from '../../lib/client-id.js'
import type { Created } from '../../lib/replies.js'
import { instant } from '../../lib/time.js'
import { userRange } from '../../lib/user-time-zone.js'
import { projections } from '../../projections/index.js'
import { BUILT_IN_METRICS, builtInUnit, checkMetric, checkMetricValue, isCustomMetric } from './progress.metrics.js'
import { progressRepository, toProgressLog, type ProgressLogRow } from './progress.repository.js'
import type {
  CreateProgressLogInput,
  ProgressLogDto,
  ProgressLogQueryInput,
  UpdateProgressLogInput
} from './progress.schemas.js'

/**
 * Progress logs. Every write hands its metric and data times to src/projections in the same
 * transaction, so a log that reaches a target achieves the goal at once.
 */
export class ProgressService {
  constructor (private readonly db: Db) {}

  async create (userId: string, input: CreateProgressLogInput): Promise<Created<ProgressLogDto>> {
    return await retryIfIdTaken(async () => {
      const replay = await findReplay(
        input.id,
        userId,
        async (id) => await progressRepository.findAnyById(this.db, id),
        (r) => ({ userId: r.user_id })
      )
      if (replay !== undefined) return { created: false, body: toProgressLog(replay) }
      checkMetric(input.metric)
      checkMetricValue(input.metric, input.value)
      const now = nowIso()
      const row: ProgressLogRow = {
        id: input.id ?? newId(),
        user_id: userId,
        metric: input.metric,
        value: input.value,
        unit: '', // decided in the transaction below (a custom metric's first log fixes it)
        measured_at: input.measuredAt === undefined ? now : instant(input.measuredAt, '/measuredAt'),
        note: input.note ?? null,
        created_at: now,
        updated_at: now
      }
      await this.db.transaction().execute(async (trx) => {
        row.unit = await this.unitFor(trx, userId, input.metric, input.unit, now)
        if (!await progressRepository.insert(trx, row)) throw new IdTaken()
        await projections.progressLog(trx, userId, { type: 'progress_log', id: row.id }, row.metric, [row.measured_at])
      })
      return { created: true, body: toProgressLog(row) }
    })
  }

  async get (userId: string, id: string): Promise<ProgressLogDto> {
    return toProgressLog(await this.find(this.db, userId, id))
  }

  async list (
    userId: string,
    query: ProgressLogQueryInput
  ): Promise<{ items: ProgressLogDto[], nextCursor: string | null }> {
    if (query.metric !== undefined) checkMetric(query.metric)
    return await progressRepository.list(this.db, userId, query, await userRange(this.db, userId, query))
  }

  async update (userId: string, id: string, input: UpdateProgressLogInput): Promise<ProgressLogDto> {
    return await this.db.transaction().execute(async (trx) => {
      const row = await this.find(trx, userId, id)
      if (input.unit !== undefined && input.unit !== row.unit) {
        throw BadRequestError.field('/unit', `must be "${row.unit}" for ${row.metric}`)
      }
      if (input.value !== undefined) checkMetricValue(row.metric, input.value)
      const changes = {
        ...(input.value !== undefined ? { value: input.value } : {}),
        ...(input.measuredAt !== undefined ? { measured_at: instant(input.measuredAt, '/measuredAt') } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        updated_at: nowIso()
      }
      await progressRepository.update(trx, userId, id, changes)
      const times = [row.measured_at, changes.measured_at ?? row.measured_at]
      await projections.progressLog(trx, userId, { type: 'progress_log', id }, row.metric, times)
      return toProgressLog({ ...row, ...changes })
    })
  }

  /** Deleting the last log of a custom metric forgets the metric (and its unit) too. */
  async delete (userId: string, id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.find(trx, userId, id)
      await progressRepository.delete(trx, userId, id)
      if (isCustomMetric(row.metric) && !await progressRepository.hasLogs(trx, userId, row.metric)) {
        await progressRepository.dropCustomMetric(trx, userId, row.metric)
      }
      const log = { type: 'progress_log', id, op: 'delete' } as const
      await projections.progressLog(trx, userId, log, row.metric, [row.measured_at])
    })
  }

  /** The built-in metrics in contract order, then the caller's custom ones by name. */
  async metrics (userId: string): Promise<{ items: Array<{ metric: string, unit: string, custom: boolean }> }> {
    const custom = await progressRepository.customMetrics(this.db, userId)
    return {
      items: [
        ...Object.entries(BUILT_IN_METRICS).map(([metric, rule]) => ({ metric, unit: rule.unit, custom: false })),
        ...custom.map((m) => ({ ...m, custom: true }))
      ]
    }
  }

  /** A built-in metric's unit is fixed; a custom metric's is set by its first log and never changes. */
  private async unitFor (
    db: Db,
    userId: string,
    metric: string,
    given: string | undefined,
    now: string
  ): Promise<string> {
    const fixed = builtInUnit(metric) ?? await progressRepository.customUnit(db, userId, metric)
    if (fixed !== undefined) {
      if (given !== undefined && given !== fixed) {
        throw BadRequestError.field('/unit', `must be "${fixed}" for ${metric} (or left out)`)
      }
      return fixed
    }
    if (given === undefined) throw BadRequestError.field('/unit', `is required for the first log of ${metric}`)
    const unit = await progressRepository.claimCustomUnit(db, userId, metric, given, now)
    if (unit !== given) throw BadRequestError.field('/unit', `must be "${unit}" for ${metric} (or left out)`)
    return unit
  }

  private async find (db: Db, userId: string, id: string): Promise<ProgressLogRow> {
    const row = await progressRepository.findById(db, userId, id)
    if (row === undefined) throw new NotFoundError('Progress log')
    return row
  }
}
