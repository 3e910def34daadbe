import Type from 'typebox'
import { CalendarDate, Instant, Nullable, Uuid } from '../../lib/schemas.js'
import { RECORD_FIELDS } from './records.repository.js'

const Bound = Type.String({
  maxLength: 40,
  description: 'A date (YYYY-MM-DD: the whole day in your time zone) or an ISO 8601 instant'
})
export const RangeQuery = { from: Type.Optional(Bound), to: Type.Optional(Bound) }

export const Summary = Type.Object({
  workouts: Type.Integer(),
  sets: Type.Integer(),
  reps: Type.Integer(),
  volumeKg: Type.Number(),
  durationSec: Type.Number(),
  avgWorkoutDurationSec: Type.Number(),
  avgVolumePerWorkoutKg: Type.Number(),
  avgSetsPerWorkout: Type.Number(),
  workoutsPerWeek: Type.Number(),
  currentStreakWeeks: Type.Integer(),
  longestStreakWeeks: Type.Integer(),
  firstWorkoutAt: Nullable(Instant),
  lastWorkoutAt: Nullable(Instant)
}, { $id: 'StatsSummary', description: 'Totals, averages and streaks over completed workouts' })

const RecordValue = Type.Unsafe<object | null>({
  type: ['object', 'null'],
  required: ['value', 'achievedAt', 'workoutId'],
  properties: {
    value: { type: 'number' },
    reps: { type: 'integer' },
    weightKg: { type: 'number' },
    achievedAt: Instant,
    workoutId: Uuid
  },
  description: 'One personal record (null: none yet)'
})
const recordFields = Object.fromEntries(Object.values(RECORD_FIELDS).map((f) => [f, RecordValue]))
export const RecordsItem = Type.Object(
  { exerciseId: Uuid, exerciseName: Type.String(), ...recordFields },
  { $id: 'ExerciseRecords' }
)
export const Records = Type.Object({ items: Type.Array(RecordsItem) }, { $id: 'RecordList' })
export const RecordsOnly = Type.Object(recordFields, { $id: 'Records' })

export const ExerciseStats = Type.Object({
  records: RecordsOnly,
  history: Type.Array(Type.Object({
    workoutId: Uuid,
    date: CalendarDate,
    topSetWeightKg: Nullable(Type.Number()),
    bestE1rmKg: Nullable(Type.Number()),
    volumeKg: Type.Number(),
    sets: Type.Integer(),
    reps: Type.Integer()
  }))
}, { $id: 'ExerciseStats' })

export const VolumeQuery = Type.Object({
  period: Type.Optional(Type.Union([Type.Literal('week'), Type.Literal('month')], {
    default: 'week',
    description: 'ISO weeks (Monday start) or calendar months, in your time zone'
  })),
  groupBy: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('muscle'), Type.Literal('exercise')], {
    default: 'none',
    description: 'One row per period (none), or per period and primary muscle, or per period and exercise'
  })),
  ...RangeQuery
})

export const Volume = Type.Object({
  period: Type.String(),
  groupBy: Type.String(),
  series: Type.Array(Type.Object({
    periodStart: CalendarDate,
    key: Nullable(Type.String()),
    label: Nullable(Type.String()),
    volumeKg: Type.Number(),
    sets: Type.Integer(),
    reps: Type.Integer(),
    workouts: Type.Integer()
  }))
}, { $id: 'VolumeSeries' })

export const Trends = Type.Object({
  metric: Type.String(),
  unit: Nullable(Type.String()),
  points: Type.Array(Type.Object({ measuredAt: Instant, value: Type.Number(), average7d: Type.Number() })),
  changeTotal: Nullable(Type.Number()),
  slopePerWeek: Nullable(Type.Number())
}, { $id: 'Trend' })

export const Muscles = Type.Object({
  from: Nullable(Instant),
  to: Nullable(Instant),
  weeks: Type.Integer({ description: 'ISO weeks the figures are averaged over' }),
  muscles: Type.Array(Type.Object({ muscle: Type.String(), hardSets: Type.Number(), weeklyHardSets: Type.Number() })),
  series: Type.Array(Type.Object({ weekStart: CalendarDate, muscle: Type.String(), hardSets: Type.Number() }))
}, { $id: 'MuscleBalance' })
