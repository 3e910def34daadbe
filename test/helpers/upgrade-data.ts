/**
 * One user's training history for test/upgrade.test.ts, in the API's shapes (POST bodies with
 * client ids), so the same data can be written as raw rows under an old schema and logged
 * through the API on a fresh database. Fixed ids make records and histories comparable;
 * everything is in 2025, UTC, and chosen to reach the edges of the statistics' rules.
 */
export const USER = {
  id: '0a000000-0000-4000-8000-000000000001',
  email: 'upgrade@example.com',
  password: 'correct horse battery',
  unitSystem: 'imperial'
}

const id = (prefix: string, n: number): string => `${prefix}000000-0000-4000-8000-${String(n).padStart(12, '0')}`

export const EX = { bench: id('e1', 1), squat: id('e1', 2), pullup: id('e1', 3), plank: id('e1', 4), row: id('e1', 5) }

interface Catalogue {
  category: string
  equipment: string[]
  level: string
  mechanic: string | null
  force: string | null
}
const exercise = (exerciseId: string, name: string, tracking: string, [primaryMuscles, secondaryMuscles]: string[][],
  more: Catalogue, description = '', instructions: string[] = []) =>
  ({ id: exerciseId, name, description, instructions, primaryMuscles, secondaryMuscles, tracking, ...more })

/** One custom exercise per tracking kind (two of weight_reps), with primary and secondary muscles. */
export const EXERCISES = [
  exercise(EX.bench, 'Upgrade Bench Press', 'weight_reps', [['chest'], ['triceps', 'shoulders']],
    { category: 'strength', equipment: ['barbell'], level: 'intermediate', mechanic: 'compound', force: 'push' },
    'Flat barbell press', ['Lower to the chest', 'Press up']),
  exercise(EX.squat, 'Upgrade Back Squat', 'weight_reps', [['quadriceps', 'glutes'], ['hamstrings', 'lower_back']],
    { category: 'powerlifting', equipment: ['barbell'], level: 'intermediate', mechanic: 'compound', force: 'push' }),
  exercise(EX.pullup, 'Upgrade Pull-Up', 'reps', [['lats'], ['biceps', 'middle_back']],
    { category: 'calisthenics', equipment: ['pull_up_bar'], level: 'beginner', mechanic: 'compound', force: 'pull' },
    'Bodyweight, sometimes with a belt', ['Chin over the bar']),
  exercise(EX.plank, 'Upgrade Plank', 'duration', [['abdominals'], ['lower_back']],
    { category: 'stretching', equipment: ['body_only'], level: 'beginner', mechanic: 'isolation', force: 'static' }),
  exercise(EX.row, 'Upgrade Rowing Machine', 'distance_duration',
    [['middle_back', 'quadriceps'], ['biceps', 'hamstrings']],
    { category: 'cardio', equipment: ['machine'], level: 'beginner', mechanic: null, force: null }, 'Erg intervals')
]

export interface DataSet {
  id: string
  type?: 'normal' | 'warmup' | 'drop' | 'failure'
  reps?: number
  weightKg?: number
  durationSec?: number
  distanceM?: number
  rpe?: number
  completed?: boolean
  targetReps?: number
  targetWeightKg?: number
  note?: string
}
export interface DataExercise {
  id: string
  exerciseId: string
  notes?: string
  restSec?: number
  supersetGroup?: number
  sets: DataSet[]
}
export interface DataWorkout {
  id: string
  name: string
  notes?: string
  startedAt: string
  endedAt?: string
  exercises: DataExercise[]
}

type SetValues = Omit<DataSet, 'id'>
let setCount = 0
let exerciseCount = 0
const set = (values: SetValues): DataSet => ({ id: id('5e', ++setCount), ...values })
const lift = (reps: number, weightKg: number, more: SetValues = {}): DataSet => set({ reps, weightKg, ...more })
const body = (reps: number, more: SetValues = {}): DataSet => set({ reps, ...more })
const hold = (durationSec: number): DataSet => set({ durationSec })
const erg = (distanceM: number, durationSec: number): DataSet => set({ distanceM, durationSec })
const warm = (reps: number, weightKg: number): DataSet => lift(reps, weightKg, { type: 'warmup' })
const planned = (reps: number, weightKg?: number): SetValues =>
  ({ completed: false, targetReps: reps, ...(weightKg === undefined ? {} : { targetWeightKg: weightKg }) })
type ExerciseExtras = Omit<DataExercise, 'id' | 'exerciseId' | 'sets'>
const use = (exerciseId: string, sets: DataSet[], more: ExerciseExtras = {}): DataExercise =>
  ({ id: id('be', ++exerciseCount), exerciseId, ...more, sets })
/** Pounds as a client sends them, in kilograms. */
const lb = (pounds: number): number => pounds * 0.45359237

let workoutCount = 0
/** A workout starting at `startedAt` that lasted `minutes` (null: still in progress). */
function session (name: string, startedAt: string, minutes: number | null, exercises: DataExercise[],
  notes?: string): DataWorkout {
  const workout: DataWorkout = { id: id('a0', ++workoutCount), name, startedAt, exercises }
  if (minutes !== null) workout.endedAt = new Date(Date.parse(startedAt) + minutes * 60_000 + 250).toISOString()
  if (notes !== undefined) workout.notes = notes
  return workout
}

// ISO weeks from Monday 2025-01-06: four weeks in a row, a two-week gap, two weeks, a gap,
// single weeks, then a workout still in progress. Times cross midnight and a month's end.
export const WORKOUTS: DataWorkout[] = [
  session('Push A', '2025-01-06T17:00:00.000Z', 65, [
    use(EX.bench, [warm(20, 20), warm(5, 60), lift(3, 100, { rpe: 8 }), lift(5, 95), lift(10, 70, { type: 'drop' })],
      { restSec: 150 }),
    use(EX.pullup, [body(8), body(10), body(12, { type: 'failure' })])
  ], 'First week back'),
  session('Legs A', '2025-01-09T06:30:00.000Z', 50, [
    use(EX.squat, [warm(5, 60), lift(5, 120), lift(5, 120), lift(3, 125, { rpe: 9 }),
      lift(12, 100, { type: 'failure' })]),
    use(EX.plank, [hold(60), hold(90), hold(45.5)])
  ]),
  // A heavy warm-up single never makes a record; 110 × 1 ties the 1RM estimate of 100 × 3.
  session('Push B', '2025-01-13T17:15:00.000Z', 60, [
    use(EX.bench, [warm(1, 105), lift(1, 110), lift(5, 100), lift(1, 115, planned(1, 115))]),
    use(EX.pullup, [body(5, { weightKg: 10, note: 'belt' }), body(12)])
  ]),
  session('Erg', '2025-01-16T07:00:00.000Z', 35, [
    use(EX.row, [erg(2000, 480), erg(1000, 215.5)], { notes: 'Damper 5' }),
    use(EX.plank, [hold(90)])
  ]),
  // The same exercise twice in one workout, the second time in a superset.
  session('Push A', '2025-01-21T17:00:00.000Z', 70, [
    use(EX.bench, [lift(1, 110), lift(3, 100), lift(3, 97.3), lift(7, 72.3)]),
    use(EX.pullup, [body(10), body(10)], { supersetGroup: 1, restSec: 90 }),
    use(EX.bench, [lift(12, 60, { type: 'drop' }), lift(15, 50, { type: 'failure' })],
      { supersetGroup: 1, restSec: 60 })
  ]),
  // Starts late on Friday, ends on Saturday; a failed attempt logged as 0 reps holds the
  // heaviest weight (tied in March).
  session('Late legs', '2025-01-24T22:45:00.000Z', 95, [
    use(EX.squat, [warm(5, 70), lift(3, 130), lift(2, 130), lift(0, 142.5, { type: 'failure' }), lift(8, 22.1)]),
    use(EX.row, [erg(5000, 1260.5)])
  ]),
  // Sunday evening, the week's last day; an exercise whose sets were planned but never done.
  session('Sunday session', '2025-02-02T21:30:00.000Z', 60, [
    use(EX.bench, [lift(5, 100), lift(5, 100), lift(5, 100)]),
    use(EX.pullup, [body(10, planned(10)), body(10, planned(10))]),
    use(EX.plank, [hold(120)])
  ]),
  session('Return', '2025-02-17T18:00:00.000Z', 55, [
    use(EX.bench, [lift(8, 90), lift(8, 90), lift(7, 90, { rpe: 9.5 })]),
    use(EX.squat, [lift(8, 110)])
  ]),
  session('Conditioning', '2025-02-20T06:00:00.000Z', 40, [
    use(EX.row, [erg(2000, 470.25)]),
    use(EX.plank, [hold(120)]),
    use(EX.pullup, [body(14)])
  ]),
  session('Heavy day', '2025-02-27T17:30:00.000Z', 75, [
    use(EX.bench, [warm(3, 80), lift(1, 115), lift(4, 105)]),
    use(EX.squat, [lift(2, 140), lift(5, 135)])
  ]),
  session('Walk', '2025-03-10T17:00:00.000Z', 30, []),
  session('Push C', '2025-03-13T17:00:00.000Z', 62, [
    use(EX.bench, [lift(3, 107.5), lift(3, 107.5)]),
    // The heaviest weight twice in one workout: the earlier set holds it.
    use(EX.pullup, [body(6, { weightKg: 15 }), body(3, { weightKg: 20, type: 'failure' }), body(2, { weightKg: 20 })])
  ]),
  session('Legs B', '2025-03-20T12:00:00.000Z', 58, [
    use(EX.squat, [lift(1, 142.5), lift(6, 120)]),
    use(EX.plank, [hold(75)])
  ]),
  // Monday 31 March just before midnight: March by month, a week that ends in April.
  session('Month end', '2025-03-31T23:30:00.000Z', 45, [use(EX.bench, [lift(6, 100)])]),
  // Logged in pounds (the user is imperial; clients send kg = lb × 0.45359237), so the weights
  // carry 6 to 9 decimals: 300 lb × 5 holds the squat's best 1RM estimate, 37.5 lb × 12 the
  // pull-up's best set volume and 1RM estimate.
  session('Imperial plates', '2025-04-03T17:00:00.000Z', 48, [
    use(EX.squat, [warm(5, lb(135)), lift(5, lb(300))]),
    use(EX.pullup, [body(10, { weightKg: lb(37.5) }), body(12, { weightKg: lb(37.5) })])
  ]),
  session('Erg and squats', '2025-04-08T17:00:00.000Z', 50, [
    use(EX.row, [erg(6000, 1500)]),
    use(EX.squat, [warm(5, 60)])
  ]),
  session('In progress', '2025-04-11T17:00:00.000Z', null, [
    use(EX.bench, [lift(1, 120), lift(5, 100, planned(5, 100))])
  ])
]

export interface DataLog { id: string, metric: string, value: number, unit: string, measuredAt: string, note?: string }
const log = (n: number, metric: string, value: number, measuredAt: string): DataLog =>
  ({ id: id('d0', n), metric, value, unit: 'kg', measuredAt })

const weights = [82.4, 82.1, 81.9, 81.6, 81.7, 81.2, 80.9, 80.6, 80.2, 79.9, 80.1, 79.6, 79.8]
const DAY = 86_400_000
export const PROGRESS_LOGS: DataLog[] = [
  // About weekly, on shifting weekdays.
  ...weights.map((value, i) => log(i + 1, 'body_weight', value,
    new Date(Date.parse('2025-01-04T07:10:00.000Z') + (i * 7 + (i % 3)) * DAY).toISOString())),
  // Two logs in one day, and a custom metric with its own unit.
  log(20, 'body_weight', 80.3, '2025-03-08T19:00:00.000Z'),
  log(21, 'custom:grip_strength', 52, '2025-01-10T08:00:00.000Z'),
  log(22, 'custom:grip_strength', 54.5, '2025-02-21T08:00:00.000Z')
]
PROGRESS_LOGS[0].note = 'Morning, fasted'

export const CUSTOM_METRICS = [{ metric: 'custom:grip_strength', unit: 'kg', createdAt: '2025-01-10T08:00:01.000Z' }]

export interface DataGoal {
  id: string
  type: string
  title: string
  metric: string | null
  exerciseId: string | null
  direction: string
  startValue: number
  targetValue: number
  status: string
  achievedAt: string | null
}
const goal = (n: number, type: string, subject: string, title: string, [startValue, targetValue]: number[],
  achievedAt: string | null): DataGoal => ({
  id: id('f0', n),
  type,
  title,
  metric: type === 'body_metric' ? subject : null,
  exerciseId: type === 'body_metric' ? null : subject,
  direction: targetValue < startValue ? 'decrease' : 'increase',
  startValue,
  targetValue,
  status: achievedAt === null ? 'active' : 'achieved',
  achievedAt
})

/**
 * Goals as the code of their time left them: achieved at the time of the data that first
 * reached the target (the data arrived in order), else active.
 */
export const GOALS: DataGoal[] = [
  goal(1, 'body_metric', 'body_weight', 'Under 80 kg', [82.5, 80], '2025-03-08T07:10:00.000Z'),
  // 13 January's heavy warm-up single (105) does not count; the 110 single after it does.
  goal(2, 'exercise_weight', EX.bench, 'Bench 105', [90, 105], '2025-01-13T17:15:00.000Z'),
  goal(3, 'exercise_weight', EX.squat, 'Squat 200', [120, 200], null)
]
export const GOALS_CREATED_AT = '2025-01-05T09:00:00.000Z'
