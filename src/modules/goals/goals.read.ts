import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'
import { userTimeZone } from '../../lib/user-time-zone.js'
import { localWeek } from '../../rules/calendar.js'
import {
  BEST_KIND, isExerciseGoal, progressOf, project, type GoalType, type Point, type Projection
} from '../../rules/goals.js'
import { epley } from '../../rules/records.js'
import type { GoalRow } from './goals.repository.js'
import type { GoalDto } from './goals.schemas.js'

/**
 * Goals as the API shows them, for a whole page at once: currentValue, progress and the
 * projection are derived from the data at read time, so they always agree with the logs, sets
 * and manual updates as they are now (the stored status only moves forward: src/projections).
 * A page costs a fixed handful of queries, however many goals it holds.
 *
 * Where each type's current value comes from, with the goal's manual updates (data for every type):
 * - body_metric: the latest of the metric's logs and the manual updates by time (a log wins a tie);
 * - exercise_*: the higher of the exercise's best (exercise_bests) and the highest manual update;
 * - weekly_workouts: completed workouts of the current ISO week (in the user's time zone), or
 *   the latest manual update of that week when it is higher;
 * - custom: the latest manual update.
 */
export async function toGoals (db: Db, rows: GoalRow[], now = new Date()): Promise<GoalDto[]> {
  if (rows.length === 0) return []
  const data = await loadData(db, rows, now)
  return rows.map((row) => toGoal(row, data, now))
}

/** The current value of one goal (its startValue default at creation). */
export async function currentValueOf (db: Db, row: GoalRow, now = new Date()): Promise<number | undefined> {
  return current(row, await loadData(db, [row], now))?.value
}

interface GoalData {
  timeZone: string
  manual: Map<string, Array<Point & { id: string }>>
  latestLog: Map<string, Point>
  bests: Map<string, Point>
  week: { index: number, count: number, last: string | null }
  logsSince: Array<Point & { metric: string }>
  workoutBests: Array<{
    exerciseId: string
    at: string
    weight: number | null
    reps: number | null
    e1rm: number | null
  }>
}

const byTime = (a: Point, b: Point): number => a.at < b.at ? -1 : a.at > b.at ? 1 : 0
const needsTrend = (g: GoalRow): boolean => g.status === 'active' && g.deadline !== null && g.type !== 'weekly_workouts'

async function loadData (db: Db, rows: GoalRow[], now: Date): Promise<GoalData> {
  const userId = rows[0].user_id
  const goalIds = rows.map((g) => g.id)
  const metrics = [...new Set(rows.filter((g) => g.type === 'body_metric').map((g) => g.metric ?? ''))]
  const exercises = [...new Set(rows.filter((g) => isExerciseGoal(g.type)).map((g) => g.exercise_id ?? ''))]
  const trending = rows.filter(needsTrend)
  const since = trending.reduce<string | undefined>(
    (min, g) => min === undefined || g.created_at < min ? g.created_at : min,
    undefined
  )
  const timeZone = await userTimeZone(db, userId)
  const data: GoalData = {
    timeZone,
    manual: new Map(),
    latestLog: new Map(),
    bests: new Map(),
    week: { index: localWeek(now.getTime(), timeZone), count: 0, last: null },
    logsSince: [],
    workoutBests: []
  }
  for (const r of await db.selectFrom('goal_progress').select(['goal_id', 'id', 'recorded_at', 'value'])
    .where('user_id', '=', userId).where('goal_id', 'in', goalIds).orderBy('recorded_at').orderBy('id').execute()) {
    const list = data.manual.get(r.goal_id) ?? []
    list.push({ id: r.id, at: r.recorded_at, value: Number(r.value) })
    data.manual.set(r.goal_id, list)
  }
  if (metrics.length > 0) {
    const { rows: logs } = await sql<{ metric: string, at: string, value: number }>`
      select metric, measured_at as at, value from (
        select metric, measured_at, value,
          row_number() over (partition by metric order by measured_at desc, id desc) as rn
        from progress_logs where user_id = ${userId} and metric in (${sql.join(metrics)})) latest
      where rn = 1`.execute(db)
    for (const l of logs) data.latestLog.set(l.metric, { at: l.at, value: Number(l.value) })
  }
  if (exercises.length > 0) {
    for (const b of await db.selectFrom('exercise_bests').select(['exercise_id', 'kind', 'value', 'achieved_at'])
      .where('user_id', '=', userId).where('exercise_id', 'in', exercises).execute()) {
      data.bests.set(`${b.exercise_id}:${b.kind}`, { at: b.achieved_at, value: Number(b.value) })
    }
  }
  if (rows.some((g) => g.type === 'weekly_workouts')) {
    const { rows: [w] } = await sql<{ count: number, last: string | null }>`select count(*) as count,
      max(started_at) as last from workouts
      where user_id = ${userId} and status = 'completed' and local_week = ${data.week.index}`.execute(db)
    data.week.count = Number(w?.count ?? 0)
    data.week.last = w?.last ?? null
  }
  if (since !== undefined) await loadTrendData(db, userId, trending, since, data)
  return data
}

/** The data since the earliest creation among active goals with a deadline: logs, and each workout's best sets. */
async function loadTrendData (db: Db, userId: string, goals: GoalRow[], since: string, data: GoalData): Promise<void> {
  const metrics = [...new Set(goals.filter((g) => g.type === 'body_metric').map((g) => g.metric ?? ''))]
  const exercises = [...new Set(goals.filter((g) => isExerciseGoal(g.type)).map((g) => g.exercise_id ?? ''))]
  if (metrics.length > 0) {
    data.logsSince = (await db.selectFrom('progress_logs').select(['metric', 'measured_at', 'value'])
      .where('user_id', '=', userId).where('metric', 'in', metrics).where('measured_at', '>=', since)
      .orderBy('measured_at').orderBy('id').execute())
      .map((r) => ({ metric: r.metric, at: r.measured_at, value: Number(r.value) }))
  }
  if (exercises.length > 0) {
    const { rows } = await sql<{ exercise_id: string, at: string, reps: number | null, weight_kg: number | null }>`
      select we.exercise_id, w.started_at as at, s.reps, s.weight_kg
      from sets s join workout_exercises we on we.id = s.workout_exercise_id join workouts w on w.id = we.workout_id
      where we.user_id = ${userId} and we.exercise_id in (${sql.join(exercises)})
        and s.completed = 1 and s.type <> 'warmup'
        and w.started_at >= ${since}
      order by w.started_at, w.id`.execute(db)
    data.workoutBests = rows.map((r) => {
      const reps = r.reps === null ? null : Number(r.reps)
      const weight = r.weight_kg === null ? null : Number(r.weight_kg)
      return {
        exerciseId: r.exercise_id,
        at: r.at,
        reps,
        weight,
        e1rm: reps !== null && weight !== null ? epley(weight, reps) : null
      }
    })
  }
}

function current (goal: GoalRow, data: GoalData): Point | undefined {
  const manual = data.manual.get(goal.id) ?? []
  const latestManual = manual.at(-1)
  if (goal.type === 'body_metric') {
    const log = data.latestLog.get(goal.metric ?? '')
    if (log === undefined || latestManual === undefined) return log ?? latestManual
    return latestManual.at > log.at ? latestManual : log
  }
  if (isExerciseGoal(goal.type)) {
    const best = data.bests.get(`${goal.exercise_id ?? ''}:${BEST_KIND[goal.type]}`)
    const highest = manual.reduce<Point | undefined>(
      (top, p) => top === undefined || p.value > top.value ? p : top,
      undefined
    )
    if (best === undefined || highest === undefined) return best ?? highest
    return highest.value > best.value || (highest.value === best.value && highest.at < best.at) ? highest : best
  }
  if (goal.type === 'weekly_workouts') {
    const inWeek = manual.filter((p) => localWeek(Date.parse(p.at), data.timeZone) === data.week.index).at(-1)
    if (inWeek !== undefined && inWeek.value > data.week.count) return inWeek
    return { value: data.week.count, at: data.week.last ?? inWeek?.at ?? '' }
  }
  return latestManual
}

/**
 * The goal's data points since it was created, oldest first, for its trend: body_metric: logs;
 * exercise goals: the best qualifying set of each workout. Manual updates are data for every
 * type. weekly_workouts has no trend (its value resets each week).
 */
function trendPoints (goal: GoalRow, data: GoalData): Point[] {
  const manual = (data.manual.get(goal.id) ?? []).filter((p) => p.at >= goal.created_at)
  let derived: Point[] = []
  if (goal.type === 'body_metric') {
    derived = data.logsSince.filter((l) => l.metric === goal.metric && l.at >= goal.created_at)
  }
  if (isExerciseGoal(goal.type)) {
    const field = goal.type === 'exercise_weight' ? 'weight' : goal.type === 'exercise_reps' ? 'reps' : 'e1rm'
    const perWorkout = new Map<string, number>()
    for (const s of data.workoutBests) {
      const value = s[field]
      if (s.exerciseId !== goal.exercise_id || s.at < goal.created_at || value === null) continue
      perWorkout.set(s.at, Math.max(perWorkout.get(s.at) ?? -Infinity, value))
    }
    derived = [...perWorkout].map(([at, value]) => ({ at, value }))
  }
  return [...derived, ...manual.map(({ at, value }) => ({ at, value }))].sort(byTime)
}

function toGoal (row: GoalRow, data: GoalData, now: Date): GoalDto {
  const currentValue = current(row, data)?.value ?? null
  const projection: Projection = needsTrend(row)
    ? project(trendPoints(row, data), row.target_value, row.direction, row.deadline as string, now, data.timeZone)
    : { projectedDate: null, onTrack: null }
  return {
    id: row.id,
    type: row.type as GoalType,
    title: row.title,
    metric: row.metric,
    exerciseId: row.exercise_id,
    direction: row.direction as GoalDto['direction'],
    startValue: row.start_value,
    targetValue: row.target_value,
    currentValue,
    progress: progressOf(row.start_value, row.target_value, currentValue),
    status: row.status as GoalDto['status'],
    deadline: row.deadline,
    achievedAt: row.achieved_at,
    ...projection,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}
