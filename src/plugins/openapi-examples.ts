import { encodeCursor } from '../lib/pagination.js'
import library from '../modules/exercises/library/exercises.json' with { type: 'json' }
import {
  CATEGORIES, EQUIPMENT, FORCES, LEVELS, MECHANICS, MUSCLES, TRACKING
} from '../modules/exercises/exercises.vocabulary.js'
import { BUILT_IN_METRICS } from '../modules/progress/progress.metrics.js'
import { warmupSets } from '../modules/tools/warmup.js'

/**
 * Examples for /openapi.json. REQUEST_EXAMPLES: request bodies by operationId, which Swagger UI's
 * "Try it out" sends, so each is accepted as is by a fresh server (path ids aside). Success bodies:
 * RESPONSE_EXAMPLES by component $id, and OPERATION_RESPONSE_EXAMPLES by operationId, for a body
 * without a component or where the component's example would not fit the request's example.
 * test/openapi-examples.test.ts sends every request example and validates every example.
 */

// Predefined library exercises (src/modules/exercises/library/exercises.json), whose ids never change.
const BENCH_PRESS = '01a19467-e802-722a-abba-434af7990963'
const BACK_SQUAT = '01a19467-e800-7c13-9326-f94c310fe63c'
const ROMANIAN_DEADLIFT = '01a19467-e806-7a30-ac94-62d354614b14'
const OVERHEAD_PRESS = '01a19467-e807-736b-93a2-1418e1e0c4c3'
const DEADLIFT = '01a19467-e805-7759-8524-57000e8f3146'
const BENT_OVER_ROW = '01a19467-e808-77fc-b7eb-1b1333ac2ffb'
const INCLINE_BENCH_PRESS = '01a19467-e803-7d29-b6b6-768292e066b3'
const DUMBBELL_BENCH_PRESS = '01a19467-e818-723e-8f70-dbbd271ec81e'
const MACHINE_CHEST_PRESS = '01a19467-e842-75e3-b994-acdafa8f8248'
const ONE_ARM_ROW = '01a19467-e81c-7ebc-a77e-149e73ce949f'

const EMAIL = 'ada@example.com'
const PASSWORD = 'correct horse battery'

const AUTH_REQUESTS = {
  register: { email: EMAIL, password: PASSWORD, displayName: 'Ada' },
  login: { email: EMAIL, password: PASSWORD },
  refreshTokens: { refreshToken: 'Qm9keVdlaWdodDgyLjRrZy5CZW5jaDEwMHg1LlNxdWF0MTIweDU' },
  requestPasswordReset: { email: EMAIL },
  confirmPasswordReset: { token: 'q3xFvJ0lQ2mX8bS1tY7cZ5nP4aR6wE9hK0dU2gL1oVs', newPassword: 'a new long passphrase' },
  updateMe: { displayName: 'Ada L.', unitSystem: 'metric', timeZone: 'Europe/London' },
  changePassword: { currentPassword: PASSWORD, newPassword: 'an even longer passphrase' },
  deleteMe: { password: PASSWORD }
}

const EXERCISE_REQUESTS = {
  createExercise: {
    name: 'Spoto Press',
    description: 'A bench press paused an inch above the chest, without touching it.',
    instructions: ['Lower the bar as for a bench press.', 'Stop an inch above the chest and hold for a second.',
      'Press back to straight arms.'],
    category: 'strength',
    primaryMuscles: ['chest'],
    secondaryMuscles: ['triceps', 'shoulders'],
    equipment: ['barbell', 'bench'],
    level: 'intermediate',
    mechanic: 'compound',
    force: 'push',
    tracking: 'weight_reps'
  },
  updateExercise: { name: 'Spoto Press (2 s pause)', level: 'expert' }
}

const WORKOUT_REQUESTS = {
  createWorkout: {
    name: 'Push day',
    startedAt: '2025-03-03T17:00:00.000Z',
    endedAt: '2025-03-03T18:05:00.000Z',
    notes: 'Felt strong',
    exercises: [{
      exerciseId: BENCH_PRESS,
      restSec: 120,
      sets: [
        { type: 'warmup', reps: 10, weightKg: 40 },
        { reps: 5, weightKg: 100, rpe: 8 }
      ]
    }]
  },
  updateWorkout: {
    name: 'Push day (heavy)',
    notes: 'Felt strong; left shoulder a bit tight',
    endedAt: '2025-03-03T18:10:00.000Z'
  },
  addWorkoutExercise: {
    exerciseId: OVERHEAD_PRESS,
    restSec: 150,
    notes: 'Strict, no leg drive',
    sets: [{ reps: 8, weightKg: 50, rpe: 7.5 }, { reps: 8, weightKg: 50, rpe: 8.5 }]
  },
  updateWorkoutExercise: { notes: 'Strict, no leg drive; belt on the last set', restSec: 180 },
  logSet: { reps: 6, weightKg: 52.5, rpe: 9, note: 'Last rep slow' },
  updateSet: { reps: 7, rpe: 9.5 }
}

const TRACKING_REQUESTS = {
  createProgressLog: {
    metric: 'body_weight',
    value: 82.4,
    measuredAt: '2025-03-03T07:30:00.000Z',
    note: 'Before breakfast'
  },
  updateProgressLog: { value: 82.1, note: 'Before breakfast, after the morning walk' },
  createGoal: {
    type: 'exercise_weight',
    title: 'Bench press 120 kg',
    exerciseId: BENCH_PRESS,
    startValue: 100,
    targetValue: 120,
    deadline: '2025-09-30'
  },
  updateGoal: { targetValue: 125, deadline: '2025-12-31' },
  addGoalProgress: { value: 105, note: 'Paused single at the gym', recordedAt: '2025-04-14T18:30:00.000Z' }
}

const PLAN_REQUESTS = {
  createPlan: {
    name: 'Strength 3×5',
    description: 'Three full-body days a week, heavy compounds first',
    goal: 'strength',
    daysPerWeek: 3,
    sessionDurationMin: 75,
    exerciseTypes: ['strength'],
    days: [
      {
        name: 'Squat and bench',
        weekday: 1,
        items: [
          {
            exerciseId: BACK_SQUAT,
            sets: 5,
            reps: 5,
            weightKg: 120,
            restSec: 180,
            progression: { type: 'linear', incrementKg: 2.5 },
            warmupSets: true
          },
          {
            exerciseId: BENCH_PRESS,
            sets: 5,
            reps: 5,
            weightKg: 100,
            restSec: 180,
            progression: { type: 'linear', incrementKg: 2.5, failuresBeforeDeload: 3, deloadPercent: 10 }
          }
        ]
      },
      {
        name: 'Press and hinge',
        weekday: 3,
        items: [
          {
            exerciseId: OVERHEAD_PRESS,
            sets: 3,
            repsMin: 6,
            repsMax: 8,
            weightKg: 50,
            restSec: 150,
            progression: { type: 'double', incrementKg: 2.5 }
          },
          { exerciseId: ROMANIAN_DEADLIFT, sets: 3, repsMin: 8, repsMax: 10, weightKg: 100, restSec: 120 }
        ]
      }
    ]
  },
  generatePlan: {
    goal: 'strength',
    daysPerWeek: 3,
    sessionDurationMin: 60,
    equipment: ['barbell', 'bench', 'dumbbell'],
    level: 'intermediate',
    focusMuscles: ['chest']
  },
  updatePlan: { name: 'Strength 3×5 (block 2)', isActive: true },
  addPlanDay: {
    name: 'Squat and press',
    weekday: 5,
    items: [
      { exerciseId: BACK_SQUAT, sets: 3, reps: 5, weightKg: 125, restSec: 180 },
      { exerciseId: OVERHEAD_PRESS, sets: 3, reps: 5, weightKg: 52.5, restSec: 150 }
    ]
  },
  updatePlanDay: { name: 'Friday: squat and press', weekday: 6 },
  addPlanItem: { exerciseId: ROMANIAN_DEADLIFT, sets: 3, repsMin: 8, repsMax: 10, weightKg: 100, restSec: 120 },
  updatePlanItem: {
    sets: 4,
    weightKg: 105,
    notes: 'Two-second lowering',
    progression: { type: 'double', incrementKg: 5 }
  }
}

const GUIDE_REQUESTS = {
  startPlanDay: {},
  completeGuideStep: { reps: 5, weightKg: 125, rpe: 8 },
  skipGuideStep: { scope: 'set' }
}

// ---- Success bodies: one lifter's data, ids as the server makes them (UUIDv7) ----

const USER_ID = '019550fa-bc1e-7dc4-847f-0124ae352bdc'
const SESSION_ID = '01955cee-b2e2-7107-b57d-c9b406848c5a'
const SPOTO_PRESS = '0195565e-ac80-7d5a-8aac-eec9c754ccc2'
const PUSH_DAY = '01955d2f-dbb2-7733-9b73-fc2e964bfcc2'
const PULL_DAY = '01954ddb-e30c-774f-827f-3555b041338c'
const FEB_17_WORKOUT = '0195151a-e900-723b-aa4f-56f18df90ac4'
const FEB_24_WORKOUT = '0195391f-b088-7b2f-895f-9028ba13e091'
const BENCH_ENTRY = '01955d2f-dbb2-7ee1-b092-e2030b58e233'
const PRESS_ENTRY = '01955d31-0b48-7513-a369-140cdb5df0a9'
const LOGGED_SET = '01955d31-85fa-746a-b983-e0470aea1831'
const WEIGH_IN = '01955aea-772a-71d5-bdbc-277ab3877fa0'
const NEXT_WEIGH_IN = '01957ef5-a20c-7247-9101-f7e804fcd572'
const BENCH_GOAL = '01955d38-39e0-7a34-8d87-ee2c388cf840'
const WEEKLY_GOAL = '01948516-0380-79d3-bf0c-dfda99122ece'
const GOAL_UPDATE = '01963591-bc80-74bc-9050-bff2e2e3911e'
const PLAN = '0195707a-13ac-7595-945d-5421d0cc2487'
const ADDED_DAY = '0195707d-d94c-738c-87e0-a493805656f9'
const GUIDED_WORKOUT = '019571a8-2638-7a5d-ac24-794b21fbff61'

const PUSH_DAY_START = '2025-03-03T17:00:00.000Z'
const PUSH_DAY_LOGGED = '2025-03-03T18:06:12.402Z'
const LIBRARY_LOADED = '2025-01-06T08:00:00.000Z'

/** The n-th id after `first`, made in the same write (the UUIDv7 ids of one write share their time prefix). */
const after = (first: string, n: number): string =>
  first.slice(0, -4) + (parseInt(first.slice(-4), 16) + n).toString(16).padStart(4, '0').slice(-4)

type LibraryEntry = typeof library[number]
function libraryEntry (id: string): LibraryEntry {
  const entry = library.find((e) => e.id === id)
  if (entry === undefined) throw new Error(`No library exercise ${id} for the OpenAPI examples`)
  return entry
}

/** A library exercise as GET /exercises/{id} answers it (aliases are the search's, not the API's). */
function libraryExercise (id: string): object {
  const { aliases: _aliases, ...fields } = libraryEntry(id)
  return { ...fields, isCustom: false, archived: false, createdAt: LIBRARY_LOADED, updatedAt: LIBRARY_LOADED }
}

const exerciseRef = (id: string) => ({ id, name: libraryEntry(id).name, tracking: libraryEntry(id).tracking })

// ---- Account ----

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')
const ISSUED_AT = Date.parse('2025-03-03T16:55:02.000Z') / 1000
const EXPIRES_AT = ISSUED_AT + 900
const ACCESS_TOKEN = [
  base64url({ alg: 'HS256', typ: 'at+jwt' }),
  base64url({ sub: USER_ID, sid: SESSION_ID, aud: 'spotter-api', iss: 'spotter', iat: ISSUED_AT, exp: EXPIRES_AT }),
  'rpgNkc4y_TohkD3CV3U4QEPHkzpEKOF--fE_3TBGZxA'
].join('.')

const USER = {
  id: USER_ID,
  email: EMAIL,
  displayName: 'Ada',
  unitSystem: 'metric',
  timeZone: 'Europe/London',
  createdAt: '2025-03-01T09:12:44.318Z'
}

const ACCOUNT_RESPONSES = {
  User: USER,
  AuthResult: {
    user: USER,
    accessToken: ACCESS_TOKEN,
    refreshToken: 'xK1Ns3yYtkAQtdR9d41SdV13P83Y1u2nwB6csWCopc8',
    tokenType: 'Bearer',
    expiresIn: 900
  }
}

// ---- Exercises ----

const SPOTO_PRESS_EXERCISE = {
  id: SPOTO_PRESS,
  ...EXERCISE_REQUESTS.createExercise,
  isCustom: true,
  archived: false,
  createdAt: '2025-03-02T10:20:00.000Z',
  updatedAt: '2025-03-02T10:20:00.000Z'
}

const EXERCISE_RESPONSES = {
  Exercise: libraryExercise(BENCH_PRESS),
  ExercisePage: {
    items: [libraryExercise(BENCH_PRESS), libraryExercise(INCLINE_BENCH_PRESS)],
    nextCursor: encodeCursor([libraryEntry(INCLINE_BENCH_PRESS).name, INCLINE_BENCH_PRESS])
  },
  ExerciseList: { items: [libraryExercise(DUMBBELL_BENCH_PRESS), libraryExercise(MACHINE_CHEST_PRESS)] },
  ExerciseVocabulary: {
    categories: [...CATEGORIES],
    muscles: [...MUSCLES],
    equipment: [...EQUIPMENT],
    levels: [...LEVELS],
    mechanics: [...MECHANICS],
    forces: [...FORCES],
    tracking: [...TRACKING]
  }
}

// ---- Workouts ----

/** A set as the API answers it: every field present, null when not recorded. */
function set (id: string, position: number, values: object): object {
  return {
    id,
    position,
    type: 'normal',
    reps: null,
    weightKg: null,
    durationSec: null,
    distanceM: null,
    rpe: null,
    completed: true,
    completedAt: PUSH_DAY_START,
    targetReps: null,
    targetWeightKg: null,
    targetDurationSec: null,
    targetDistanceM: null,
    note: null,
    ...values
  }
}

function workoutExercise (id: string, exerciseId: string, position: number, sets: object[], fields = {}): object {
  return {
    id,
    exerciseId,
    exercise: exerciseRef(exerciseId),
    position,
    notes: null,
    restSec: null,
    supersetGroup: null,
    ...fields,
    sets
  }
}

const BENCH_SETS = [
  set(after(BENCH_ENTRY, 1), 0, { type: 'warmup', reps: 10, weightKg: 40 }),
  set(after(BENCH_ENTRY, 2), 1, { reps: 5, weightKg: 100, rpe: 8 })
]
const PRESS_SET = set(LOGGED_SET, 2, { reps: 6, weightKg: 52.5, rpe: 9, note: 'Last rep slow' })
const PRESS_SETS = [
  set(after(PRESS_ENTRY, 1), 0, { reps: 8, weightKg: 50, rpe: 7.5 }),
  set(after(PRESS_ENTRY, 2), 1, { reps: 8, weightKg: 50, rpe: 8.5 })
]
const PRESS_ENTRY_EXERCISE = workoutExercise(PRESS_ENTRY, OVERHEAD_PRESS, 1, PRESS_SETS, {
  notes: 'Strict, no leg drive',
  restSec: 150
})

const PUSH_DAY_SUMMARY = {
  id: PUSH_DAY,
  name: 'Push day',
  startedAt: PUSH_DAY_START,
  endedAt: '2025-03-03T18:05:00.000Z',
  status: 'completed',
  exerciseCount: 1,
  setCount: 2,
  volumeKg: 500
}
const PUSH_DAY_WORKOUT = {
  ...PUSH_DAY_SUMMARY,
  notes: 'Felt strong',
  planId: null,
  planDayId: null,
  exercises: [workoutExercise(BENCH_ENTRY, BENCH_PRESS, 0, BENCH_SETS, { restSec: 120 })],
  createdAt: PUSH_DAY_LOGGED,
  updatedAt: PUSH_DAY_LOGGED
}
const PULL_DAY_SUMMARY = {
  id: PULL_DAY,
  name: 'Pull day',
  startedAt: '2025-02-28T17:30:00.000Z',
  endedAt: '2025-02-28T18:40:00.000Z',
  status: 'completed',
  exerciseCount: 3,
  setCount: 12,
  volumeKg: 6240
}

const newRecord = (exerciseId: string, kind: string, value: number, previous: number) =>
  ({ exerciseId, kind, value, previous })

const WORKOUT_RESPONSES = {
  Workout: PUSH_DAY_WORKOUT,
  WorkoutWithRecords: {
    ...PUSH_DAY_WORKOUT,
    newRecords: [
      newRecord(BENCH_PRESS, 'max_weight', 100, 97.5),
      newRecord(BENCH_PRESS, 'best_e1rm', 116.666667, 113.75)
    ]
  },
  WorkoutPage: {
    items: [PUSH_DAY_SUMMARY, PULL_DAY_SUMMARY],
    nextCursor: encodeCursor([PULL_DAY_SUMMARY.startedAt, PULL_DAY])
  },
  WorkoutExercise: PRESS_ENTRY_EXERCISE,
  WorkoutExerciseWithRecords: { ...PRESS_ENTRY_EXERCISE, newRecords: [] },
  Set: PRESS_SET,
  SetWithRecords: { ...PRESS_SET, newRecords: [newRecord(OVERHEAD_PRESS, 'max_weight', 52.5, 50)] }
}

// ---- Statistics ----

const best = (value: number, reps: number, weightKg: number, achievedAt: string, workoutId: string) =>
  ({ value, achievedAt, workoutId, reps, weightKg })

const BENCH_RECORDS = {
  maxWeightKg: best(100, 5, 100, PUSH_DAY_START, PUSH_DAY),
  maxReps: best(5, 5, 95, '2025-02-17T17:05:00.000Z', FEB_17_WORKOUT),
  bestE1rmKg: best(116.666667, 5, 100, PUSH_DAY_START, PUSH_DAY),
  maxSetVolumeKg: best(500, 5, 100, PUSH_DAY_START, PUSH_DAY),
  maxWorkoutVolumeKg: { value: 1462.5, achievedAt: '2025-02-24T17:00:00.000Z', workoutId: FEB_24_WORKOUT },
  maxDurationSec: null,
  maxDistanceM: null
}
const SQUAT_RECORDS = {
  maxWeightKg: best(130, 3, 130, '2025-02-24T17:00:00.000Z', FEB_24_WORKOUT),
  maxReps: best(8, 8, 100, '2025-02-17T17:05:00.000Z', FEB_17_WORKOUT),
  bestE1rmKg: best(143, 3, 130, '2025-02-24T17:00:00.000Z', FEB_24_WORKOUT),
  maxSetVolumeKg: best(800, 8, 100, '2025-02-17T17:05:00.000Z', FEB_17_WORKOUT),
  maxWorkoutVolumeKg: { value: 3150, achievedAt: '2025-02-24T17:00:00.000Z', workoutId: FEB_24_WORKOUT },
  maxDurationSec: null,
  maxDistanceM: null
}

interface Session { top: number, e1rm: number, volumeKg: number, sets: number, reps: number }
const history = (workoutId: string, date: string, s: Session) =>
  ({ workoutId, date, topSetWeightKg: s.top, bestE1rmKg: s.e1rm, volumeKg: s.volumeKg, sets: s.sets, reps: s.reps })

// By muscle, the key and the label are both the muscle.
const volume = (periodStart: string, muscle: string, totals: object) =>
  ({ periodStart, key: muscle, label: muscle, ...totals })

const STATS_RESPONSES = {
  StatsSummary: {
    workouts: 24,
    sets: 430,
    reps: 2580,
    volumeKg: 152340,
    durationSec: 93600,
    avgWorkoutDurationSec: 3900,
    avgVolumePerWorkoutKg: 6347.5,
    avgSetsPerWorkout: 17.916667,
    workoutsPerWeek: 3,
    currentStreakWeeks: 8,
    longestStreakWeeks: 8,
    firstWorkoutAt: '2025-01-13T17:02:00.000Z',
    lastWorkoutAt: PUSH_DAY_START
  },
  RecordList: {
    items: [
      { exerciseId: BACK_SQUAT, exerciseName: libraryEntry(BACK_SQUAT).name, ...SQUAT_RECORDS },
      { exerciseId: BENCH_PRESS, exerciseName: libraryEntry(BENCH_PRESS).name, ...BENCH_RECORDS }
    ]
  },
  ExerciseStats: {
    records: BENCH_RECORDS,
    history: [
      // A warm-up set of 10 then 5-rep work sets; warm-ups count toward sets and reps, not volume.
      history(FEB_17_WORKOUT, '2025-02-17', { top: 95, e1rm: 110.833333, volumeKg: 1425, sets: 4, reps: 25 }),
      history(FEB_24_WORKOUT, '2025-02-24', { top: 97.5, e1rm: 113.75, volumeKg: 1462.5, sets: 4, reps: 25 }),
      history(PUSH_DAY, '2025-03-03', { top: 100, e1rm: 116.666667, volumeKg: 500, sets: 2, reps: 15 })
    ]
  },
  VolumeSeries: {
    period: 'week',
    groupBy: 'muscle',
    series: [
      volume('2025-02-24', 'chest', { volumeKg: 1462.5, sets: 4, reps: 25, workouts: 1 }),
      volume('2025-03-03', 'chest', { volumeKg: 500, sets: 2, reps: 15, workouts: 1 }),
      volume('2025-03-03', 'shoulders', { volumeKg: 1167.5, sets: 3, reps: 23, workouts: 1 })
    ]
  },
  Trend: {
    metric: 'body_weight',
    unit: 'kg',
    points: [
      { measuredAt: '2025-02-23T07:30:00.000Z', value: 82.9, average7d: 82.9 },
      { measuredAt: '2025-02-27T07:30:00.000Z', value: 82.6, average7d: 82.75 },
      { measuredAt: '2025-03-03T07:30:00.000Z', value: 82.4, average7d: 82.5 }
    ],
    changeTotal: -0.5,
    slopePerWeek: -0.4375
  },
  MuscleBalance: {
    from: '2025-02-03T00:00:00.000Z',
    to: '2025-03-02T23:59:59.999Z',
    weeks: 4,
    muscles: [
      { muscle: 'chest', hardSets: 36, weeklyHardSets: 9 },
      { muscle: 'quadriceps', hardSets: 30, weeklyHardSets: 7.5 },
      { muscle: 'shoulders', hardSets: 26, weeklyHardSets: 6.5 },
      { muscle: 'triceps', hardSets: 18, weeklyHardSets: 4.5 }
    ],
    series: [
      { weekStart: '2025-02-24', muscle: 'chest', hardSets: 9 },
      { weekStart: '2025-02-24', muscle: 'quadriceps', hardSets: 8 },
      { weekStart: '2025-02-24', muscle: 'shoulders', hardSets: 6.5 },
      { weekStart: '2025-02-24', muscle: 'triceps', hardSets: 4.5 }
    ]
  }
}

// ---- Progress logs and goals ----

const WEIGH_IN_LOG = {
  id: WEIGH_IN,
  metric: 'body_weight',
  value: 82.4,
  unit: 'kg',
  measuredAt: '2025-03-03T07:30:00.000Z',
  note: 'Before breakfast',
  createdAt: '2025-03-03T07:31:10.250Z',
  updatedAt: '2025-03-03T07:31:10.250Z'
}
const NEXT_WEIGH_IN_LOG = {
  ...WEIGH_IN_LOG,
  id: NEXT_WEIGH_IN,
  value: 81.9,
  measuredAt: '2025-03-10T07:28:00.000Z',
  note: null,
  createdAt: '2025-03-10T07:29:41.900Z',
  updatedAt: '2025-03-10T07:29:41.900Z'
}

const BENCH_GOAL_BODY = {
  id: BENCH_GOAL,
  type: 'exercise_weight',
  title: 'Bench press 120 kg',
  metric: null,
  exerciseId: BENCH_PRESS,
  direction: 'increase',
  startValue: 100,
  targetValue: 120,
  currentValue: 105,
  progress: 0.25,
  status: 'active',
  deadline: '2025-09-30',
  achievedAt: null,
  projectedDate: '2025-08-18',
  onTrack: true,
  createdAt: '2025-03-03T18:15:20.800Z',
  updatedAt: '2025-04-14T18:31:05.600Z'
}
const WEEKLY_GOAL_BODY = {
  ...BENCH_GOAL_BODY,
  id: WEEKLY_GOAL,
  type: 'weekly_workouts',
  title: '3 workouts a week',
  exerciseId: null,
  startValue: 0,
  targetValue: 3,
  currentValue: 3,
  progress: 1,
  status: 'achieved',
  deadline: null,
  achievedAt: '2025-01-24T17:00:00.000Z',
  projectedDate: null,
  onTrack: null,
  createdAt: '2025-01-20T19:00:00.000Z',
  updatedAt: '2025-01-24T18:10:00.000Z'
}
const GOAL_UPDATE_BODY = {
  id: GOAL_UPDATE,
  goalId: BENCH_GOAL,
  value: 105,
  note: 'Paused single at the gym',
  recordedAt: '2025-04-14T18:30:00.000Z',
  createdAt: '2025-04-14T18:31:05.600Z'
}

const TRACKING_RESPONSES = {
  ProgressLog: WEIGH_IN_LOG,
  ProgressLogPage: { items: [NEXT_WEIGH_IN_LOG, WEIGH_IN_LOG], nextCursor: null },
  MetricList: {
    items: [
      ...Object.entries(BUILT_IN_METRICS).map(([metric, { unit }]) => ({ metric, unit, custom: false })),
      { metric: 'custom:grip_strength', unit: 'kg', custom: true }
    ]
  },
  Goal: BENCH_GOAL_BODY,
  GoalPage: { items: [BENCH_GOAL_BODY, WEEKLY_GOAL_BODY], nextCursor: null },
  GoalProgress: GOAL_UPDATE_BODY,
  GoalProgressPage: { items: [GOAL_UPDATE_BODY], nextCursor: null }
}

// ---- Plans ----

interface Targets { sets: number, reps?: number, repsMin?: number, repsMax?: number, weightKg?: number | null }
interface Rule { progression: object | null, warmupSets: boolean }
const NO_RULE: Rule = { progression: null, warmupSets: false }
const LINEAR = { type: 'linear', incrementKg: 2.5, failuresBeforeDeload: 3, deloadPercent: 10 }
const DOUBLE = { type: 'double', incrementKg: 2.5 }

/** An item's targets as answered: every target present, null when not set. */
const itemTargets = (exerciseId: string, t: Targets, restSec: number, notes: string | null = null, rule = NO_RULE) => ({
  exerciseId,
  exercise: exerciseRef(exerciseId),
  sets: t.sets,
  reps: t.reps ?? null,
  repsMin: t.repsMin ?? null,
  repsMax: t.repsMax ?? null,
  weightKg: t.weightKg ?? null,
  durationSec: null,
  distanceM: null,
  supersetGroup: null,
  notes,
  restSec,
  ...rule
})

function planItem (id: string, position: number, exerciseId: string, t: Targets, restSec: number, rule = NO_RULE) {
  const { exerciseId: _id, exercise, ...targets } = itemTargets(exerciseId, t, restSec, null, rule)
  return { id, exerciseId, exercise, position, ...targets }
}

function planDay (id: string, position: number, name: string, weekday: number, minutes: number, items: object[]) {
  return { id, name, position, weekday, estimatedDurationMin: minutes, overBudget: false, items }
}

const RDL_TARGETS = { sets: 3, repsMin: 8, repsMax: 10, weightKg: 100 }
const PLAN_DAYS = [
  planDay(after(PLAN, 1), 0, 'Squat and bench', 1, 33, [
    planItem(after(PLAN, 2), 0, BACK_SQUAT, { sets: 5, reps: 5, weightKg: 120 }, 180,
      { progression: LINEAR, warmupSets: true }),
    planItem(after(PLAN, 3), 1, BENCH_PRESS, { sets: 5, reps: 5, weightKg: 100 }, 180,
      { ...NO_RULE, progression: LINEAR })
  ]),
  planDay(after(PLAN, 4), 1, 'Press and hinge', 3, 17, [
    planItem(after(PLAN, 5), 0, OVERHEAD_PRESS, { sets: 3, repsMin: 6, repsMax: 8, weightKg: 50 }, 150,
      { ...NO_RULE, progression: DOUBLE }),
    planItem(after(PLAN, 6), 1, ROMANIAN_DEADLIFT, RDL_TARGETS, 120)
  ])
]
const PLAN_BODY = {
  id: PLAN,
  name: 'Strength 3×5',
  description: 'Three full-body days a week, heavy compounds first',
  goal: 'strength',
  daysPerWeek: 3,
  sessionDurationMin: 75,
  exerciseTypes: ['strength'],
  isActive: true,
  days: PLAN_DAYS,
  createdAt: '2025-03-07T12:00:03.500Z',
  updatedAt: '2025-03-07T12:04:10.700Z'
}
const ADDED_DAY_BODY = planDay(ADDED_DAY, 2, 'Squat and press', 5, 18, [
  planItem(after(ADDED_DAY, 1), 0, BACK_SQUAT, { sets: 3, reps: 5, weightKg: 125 }, 180),
  planItem(after(ADDED_DAY, 2), 1, OVERHEAD_PRESS, { sets: 3, reps: 5, weightKg: 52.5 }, 150)
])

const MAIN_LIFT = 'Main lift: add weight once every set reaches the top of its reps'
const heavy = (exerciseId: string, restSec = 180, notes: string | null = null) =>
  itemTargets(exerciseId, { sets: 3, repsMin: 3, repsMax: 6 }, restSec, notes,
    { progression: DOUBLE, warmupSets: notes !== null })
// Each generated day opens with the squat, the main lift, which rests longest.
const proposalDay = (name: string, weekday: number, lifts: string[]) => ({
  name,
  weekday,
  estimatedDurationMin: 33 + 10 * (lifts.length - 2),
  overBudget: false,
  items: [heavy(BACK_SQUAT, 240, MAIN_LIFT), ...lifts.map((lift) => heavy(lift))]
})

const PLAN_RESPONSES = {
  Plan: PLAN_BODY,
  PlanPage: { items: [PLAN_BODY], nextCursor: null },
  PlanDay: ADDED_DAY_BODY,
  PlanItem: planItem(after(ADDED_DAY, 3), 2, ROMANIAN_DEADLIFT, RDL_TARGETS, 120),
  PlanDayNext: {
    items: [
      {
        itemId: after(PLAN, 2),
        targetWeightKg: 122.5,
        targetReps: 5,
        reason: '+2.5 kg: all 5 × 5 done last time',
        warmups: warmupSets({ workingWeightKg: 122.5, workingReps: 5, barKg: 20, roundKg: 2.5 })
      },
      {
        itemId: after(PLAN, 3),
        targetWeightKg: 100,
        targetReps: 5,
        reason: 'same 100 kg: 1 of 5 sets missed last time (2 more before a deload)',
        warmups: []
      }
    ]
  },
  PlanProposal: {
    name: 'Strength: 3 days a week, full body',
    description: 'Generated for the intermediate level, 60-minute sessions and barbell, bench, dumbbell ' +
      '(body weight always). Compound lifts first, heavy and low-rep (3–6; 1–5 for experts) with long rests ' +
      '(150–240 s).',
    goal: 'strength',
    daysPerWeek: 3,
    sessionDurationMin: 60,
    exerciseTypes: ['strength'],
    days: [
      proposalDay('Full body A', 1, [BENCH_PRESS, ONE_ARM_ROW]),
      proposalDay('Full body B', 3, [INCLINE_BENCH_PRESS, ROMANIAN_DEADLIFT]),
      proposalDay('Full body C', 5, [OVERHEAD_PRESS, BENT_OVER_ROW, DEADLIFT])
    ]
  }
}

// ---- Workout mode ----

const GUIDE_START = '2025-03-07T17:30:00.000Z'
const SQUAT_ENTRY = after(GUIDED_WORKOUT, 1)
const squatSet = (n: number): string => after(GUIDED_WORKOUT, 1 + n)
const SQUAT = libraryEntry(BACK_SQUAT)

/** A step of the guided squat sets: 3 × 5 at 125 kg, 180 s rest. */
const squatStep = (setNumber: number) => ({
  workoutExerciseId: SQUAT_ENTRY,
  setId: squatSet(setNumber),
  exercise: { id: BACK_SQUAT, name: SQUAT.name, instructions: SQUAT.instructions },
  setNumber,
  totalSets: 3,
  supersetGroup: null,
  targetReps: 5,
  targetWeightKg: 125,
  targetDurationSec: null,
  targetDistanceM: null,
  restSec: 180
})

const GUIDE = {
  workoutId: GUIDED_WORKOUT,
  status: 'in_progress',
  current: squatStep(2),
  next: squatStep(3),
  restEndsAt: null,
  completedSets: 1,
  totalSets: 6,
  elapsedSec: 412
}

/** The plan day just started: every set planned, none done yet. */
const plannedSets = (first: string, targets: object) =>
  [0, 1, 2].map((n) => set(after(first, n), n, { completed: false, completedAt: null, ...targets }))
const STARTED_WORKOUT = {
  id: GUIDED_WORKOUT,
  name: 'Squat and press',
  startedAt: GUIDE_START,
  endedAt: null,
  status: 'in_progress',
  exerciseCount: 2,
  setCount: 0,
  volumeKg: 0,
  notes: null,
  planId: PLAN,
  planDayId: ADDED_DAY,
  exercises: [
    workoutExercise(SQUAT_ENTRY, BACK_SQUAT, 0, plannedSets(squatSet(1), { targetReps: 5, targetWeightKg: 125 }),
      { restSec: 180 }),
    workoutExercise(after(GUIDED_WORKOUT, 5), OVERHEAD_PRESS, 1,
      plannedSets(after(GUIDED_WORKOUT, 6), { targetReps: 5, targetWeightKg: 52.5 }), { restSec: 150 })
  ],
  createdAt: '2025-03-07T17:30:00.120Z',
  updatedAt: '2025-03-07T17:30:00.120Z'
}

const GUIDE_RESPONSES = {
  Guide: GUIDE,
  GuideWithRecords: {
    ...GUIDE,
    status: 'resting',
    restEndsAt: '2025-03-07T17:40:12.000Z',
    completedSets: 2,
    current: squatStep(3),
    next: null,
    elapsedSec: 552,
    newRecords: [newRecord(BACK_SQUAT, 'max_workout_volume', 1250, 1200)]
  },
  GuideTicket: { ticket: 'wsnoOHWzhIF7aGZNjTHJKykZ8LI5icxWraKdKnBNPmc', expiresAt: '2025-03-07T17:31:00.000Z' }
}

// ---- Import and export ----

const CLOSE_GRIP_BENCH_PRESS = '01a19467-e804-799c-95a1-22b0bb5fa4eb'
const IMPORT = '0195816f-a285-7c0b-9d43-1f0e6b2a7d58'

/** A Strong export (its classic 12 columns): a warm-up (W), work sets, and a name Strong spells its own way. */
const STRONG_CSV = [
  'Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE',
  '2025-02-24 18:00:00,"Push day","1h 5m","Bench Press (Barbell)",W,40,10,0,0,"","Felt strong",',
  '2025-02-24 18:00:00,"Push day","1h 5m","Bench Press (Barbell)",1,97.5,5,0,0,"","Felt strong",8',
  '2025-02-24 18:00:00,"Push day","1h 5m","Bench Press (Barbell)",2,97.5,5,0,0,"Last rep slow","Felt strong",9',
  '2025-02-24 18:00:00,"Push day","1h 5m","Bench Press - Close Grip (Barbell)",1,80,8,0,0,"","Felt strong",8',
  ''
].join('\n')

/** How a name of the file was matched: found in the library by default. */
const match = (sourceName: string, exerciseId: string, sets: number, how = 'library') => {
  const { name, tracking } = libraryEntry(exerciseId)
  return { sourceName, exerciseId, exerciseName: name, tracking, match: how, sets }
}

const IMPORT_PREVIEW = {
  id: IMPORT,
  source: 'strong',
  status: 'preview',
  fileName: 'strong_workouts.csv',
  weightUnit: 'kg',
  distanceUnit: 'km',
  timeZone: 'Europe/London',
  counts: { workouts: 1, duplicates: 0, exercises: 2, sets: 4, progressLogs: 0 },
  exercises: [
    match('Bench Press (Barbell)', BENCH_PRESS, 3),
    match('Bench Press - Close Grip (Barbell)', CLOSE_GRIP_BENCH_PRESS, 1)
  ],
  warnings: [],
  createdAt: '2025-03-10T19:02:11.845Z',
  committedAt: null
}

/** GET /export: Ada's account as the examples above show it; POST /imports?source=spotter takes it back. */
const SPOTTER_EXPORT = {
  format: 'spotter',
  version: 1,
  exportedAt: '2025-04-20T19:00:00.000Z',
  user: USER,
  customExercises: [SPOTO_PRESS_EXERCISE],
  workouts: [PUSH_DAY_WORKOUT],
  progressLogs: [NEXT_WEIGH_IN_LOG, WEIGH_IN_LOG],
  goals: [{ ...BENCH_GOAL_BODY, progressUpdates: [GOAL_UPDATE_BODY] }],
  plans: [PLAN_BODY]
}

const TRANSFER_RESPONSES = {
  Import: IMPORT_PREVIEW,
  ImportPage: { items: [IMPORT_PREVIEW], nextCursor: null },
  SpotterExport: SPOTTER_EXPORT
}

const SYSTEM_RESPONSES = {
  Health: { status: 'ok' },
  Readiness: { status: 'ok', checks: { database: 'ok' } }
}

export const REQUEST_EXAMPLES: Record<string, unknown> = {
  ...AUTH_REQUESTS,
  ...EXERCISE_REQUESTS,
  ...WORKOUT_REQUESTS,
  ...TRACKING_REQUESTS,
  ...PLAN_REQUESTS,
  ...GUIDE_REQUESTS,
  createImport: SPOTTER_EXPORT,
  updateImport: {
    exercises: [{ sourceName: 'Bench Press - Close Grip (Barbell)', exerciseId: CLOSE_GRIP_BENCH_PRESS }]
  }
}

/** Request bodies of media types other than JSON, by operationId and media type. */
export const MEDIA_REQUEST_EXAMPLES: Record<string, Record<string, unknown>> = {
  createImport: { 'text/csv': STRONG_CSV }
}

// ---- Training tools ----

const TOOL_RESPONSES = {
  PlateLoad: {
    targetKg: 102.5,
    barKg: 20,
    perSide: [{ plateKg: 25, count: 1 }, { plateKg: 15, count: 1 }, { plateKg: 1.25, count: 1 }],
    achievedKg: 102.5,
    differenceKg: 0
  },
  Warmup: { sets: warmupSets({ workingWeightKg: 100, workingReps: 5, barKg: 20, roundKg: 2.5 }) },
  E1rm: { epley: 116.666667, brzycki: 112.5, rpeTable: 123.304562 }
}

// ---- Sync ----

const SYNC_RESPONSES = {
  ChangePage: {
    changes: [
      { type: 'workout', id: PUSH_DAY, op: 'upsert', data: PUSH_DAY_WORKOUT, changedAt: PUSH_DAY_LOGGED },
      { type: 'goal', id: BENCH_GOAL, op: 'upsert', data: BENCH_GOAL_BODY, changedAt: PUSH_DAY_LOGGED },
      { type: 'progress_log', id: NEXT_WEIGH_IN, op: 'delete', data: null, changedAt: '2025-03-04T07:12:40.113Z' }
    ],
    nextCursor: encodeCursor([1, USER_ID, 412]),
    hasMore: false
  }
}

export const RESPONSE_EXAMPLES: Record<string, unknown> = {
  ...ACCOUNT_RESPONSES,
  ...EXERCISE_RESPONSES,
  ...WORKOUT_RESPONSES,
  ...STATS_RESPONSES,
  ...TRACKING_RESPONSES,
  ...PLAN_RESPONSES,
  ...GUIDE_RESPONSES,
  ...TRANSFER_RESPONSES,
  ...SYSTEM_RESPONSES,
  ...TOOL_RESPONSES,
  ...SYNC_RESPONSES
}

export const OPERATION_RESPONSE_EXAMPLES: Record<string, unknown> = {
  requestPasswordReset: {
    message: 'If an account has this email, a password reset link valid for 30 minutes is on its way to it'
  },
  createExercise: SPOTO_PRESS_EXERCISE,
  updateExercise: {
    ...SPOTO_PRESS_EXERCISE,
    ...EXERCISE_REQUESTS.updateExercise,
    updatedAt: '2025-03-09T08:45:31.027Z'
  },
  startPlanDay: STARTED_WORKOUT
}
