import Type from 'typebox'
import { Body, ClientId, Instant, ListQuery, Nullable, Page, Uuid, UuidOf } from '../../lib/schemas.js'
import { RangeQuery } from '../stats/stats.schemas.js'

// Metric names are checked in the service (progress.metrics.ts) for a clearer message than a regex.
const Metric = Type.String({
  minLength: 1,
  maxLength: 57,
  description: 'A built-in metric or custom:<name> (name: 1–50 of a–z, 0–9, _)'
})
const Unit = Type.String({
  minLength: 1,
  maxLength: 20,
  description: 'Fixed by a built-in metric; set by the first log of a custom metric'
})
const Value = Type.Number({ description: 'Within the metric\'s bounds (e.g. body_weight 1–700 kg)' })
const Note = Type.String({ maxLength: 4000 })

export const ProgressLog = Type.Object({
  id: Uuid,
  metric: Type.String(),
  value: Type.Number(),
  unit: Type.String(),
  measuredAt: Instant,
  note: Nullable(Type.String()),
  createdAt: Instant,
  updatedAt: Instant
}, { $id: 'ProgressLog' })

export const CreateProgressLogBody = Body({
  id: ClientId,
  metric: Metric,
  value: Value,
  unit: Type.Optional(Unit),
  measuredAt: Type.Optional(Instant),
  note: Type.Optional(Nullable(Note))
})

export const UpdateProgressLogBody = Body({
  value: Type.Optional(Value),
  unit: Type.Optional(Unit),
  measuredAt: Type.Optional(Instant),
  note: Type.Optional(Nullable(Note))
})

export const ProgressLogQuery = Type.Object({
  metric: Type.Optional(Metric),
  ...RangeQuery,
  ...ListQuery
})

export const ProgressLogParams = Type.Object({ id: UuidOf('The progress log\'s id') })

export const ProgressLogPage = Page(ProgressLog, 'ProgressLogPage')

export const MetricList = Type.Object({
  items: Type.Array(Type.Object({ metric: Type.String(), unit: Type.String(), custom: Type.Boolean() }))
}, { $id: 'MetricList' })

export type ProgressLogDto = Type.Static<typeof ProgressLog>
export type CreateProgressLogInput = Type.Static<typeof CreateProgressLogBody>
export type UpdateProgressLogInput = Type.Static<typeof UpdateProgressLogBody>
export type ProgressLogQueryInput = Type.Static<typeof ProgressLogQuery>
