import { sql, type Selectable } from 'kysely'
import type { Database, Db } from '../db/schema.js'
import { localWeek } from '../rules/calendar.js'
import { BEST_KIND, earliestReach, isExerciseGoal, reaches, valueRule, type GoalPoint } from '../rules/goals.js'
import { setCandidates } from '../rules/records.js'
import { userTimeZone } from '../lib/user-time-zone.js'

type GoalRow = Selectable<Database['goals']>

/**
 * Which goals a change can move, and the data times it changed (a log's measuredAt, a set's
 * workout startedAt, before and after the write). `times` undefined: judge the whole history
 * (a goal created, retargeted or reopened; a rebuild).
 */
export interface GoalScope {
  goalIds?: string[]
  exerciseIds?: string[]
  metric?: string
  weekly?: boolean
  times?: string[]
}

/**
 * The one place a goal turns achieved (shared/API.md, Goals): when its data reached the target
 * at some data time, whenever that data arrived, the goal is `achieved` with achievedAt the
 * earliest such time (rules/goals.ts, earliestReach), kept in goals.reach_at. Data that moves
 * that time (a late, earlier log; the reaching workout deleted while another reaches later; a
 * new time zone) moves achievedAt with it. Nothing here turns a goal back: without reaching data
 * (reach_at null) an achieved goal keeps its achievedAt, and abandoned goals are left alone.
 *
 * A change whose data times all come after reach_at cannot move it (the value at a time depends
 * only on data at or before it), so such goals are skipped without reading their history.
 * Answers how many goals changed.
 */
export async function evaluateGoals (db: Db, userId: string, scope: GoalScope): Promise<number> {
  const goals = await candidates(db, userId, scope)
  let changed = 0
  let timeZone: string | undefined
  for (const goal of goals) {
    const reachAt = goal.reach_at
    if (scope.times !== undefined && reachAt !== null && scope.times.every((t) => t > reachAt)) continue
    if (goal.status === 'active' && scope.times !== undefined && !await mayReach(db, goal)) continue
    if (goal.type === 'weekly_workouts') timeZone ??= await userTimeZone(db, userId)
    const reach = earliestReach(
      valueRule(goal.type),
      await pointsOf(db, goal, timeZone ?? 'UTC'),
      goal.direction,
      goal.target_value
    ) ?? null
    const status = reach === null ? goal.status : 'achieved'
    const achievedAt = reach ?? goal.achieved_at
    if (reach === goal.reach_at && status === goal.status && achievedAt === goal.achieved_at) continue
    // Only what the API shows stamps updatedAt; reach_at alone is bookkeeping.
    const shown = status !== goal.status || achievedAt !== goal.achieved_at
    await db.updateTable('goals')
      .set({
        status,
        achieved_at: achievedAt,
        reach_at: reach,
        ...(shown ? { updated_at: new Date().toISOString() } : {})
      })
      .where('id', '=', goal.id)
      .where('user_id', '=', userId)
      .where('status', '<>', 'abandoned')
      .execute()
    if (shown) changed++
  }
  return changed
}

/** The goals whose shown values (currentValue, progress, status) a change in `scope` can move, abandoned ones too. */
export async function goalsMovedBy (db: Db, userId: string, scope: GoalScope): Promise<string[]> {
  const subjects = subjectsOf(scope)
  if (subjects.length === 0) return []
  const { rows } = await sql<{ id: string }>`select id from goals
    where user_id = ${userId} and (${sql.join(subjects, sql` or `)})`.execute(db)
  return rows.map((r) => r.id)
}

function subjectsOf (scope: GoalScope) {
  const subjects = []
  if (scope.goalIds !== undefined && scope.goalIds.length > 0) subjects.push(sql`id in (${sql.join(scope.goalIds)})`)
  if (scope.exerciseIds !== undefined && scope.exerciseIds.length > 0) {
    subjects.push(sql`(type in (${sql.join(Object.keys(BEST_KIND))})
      and exercise_id in (${sql.join([...new Set(scope.exerciseIds)])}))`)
  }
  if (scope.metric !== undefined) subjects.push(sql`(type = 'body_metric' and metric = ${scope.metric})`)
  if (scope.weekly === true) subjects.push(sql`type = 'weekly_workouts'`)
  return subjects
}

async function candidates (db: Db, userId: string, scope: GoalScope): Promise<GoalRow[]> {
  const subjects = subjectsOf(scope)
  if (subjects.length === 0) return []
  // SQL text: this runs inside training writes, where building it cost more than running it.
  const { rows } = await sql<GoalRow>`select * from goals
    where user_id = ${userId} and status <> 'abandoned' and (${sql.join(subjects, sql` or `)})
    order by created_at, id`.execute(db)
  return rows
}

/**
 * A quick bound for an active exercise goal to increase: its data reaches the target only if
 * the exercise's best (already current) or its highest manual update does.
 */
async function mayReach (db: Db, goal: GoalRow): Promise<boolean> {
  if (!isExerciseGoal(goal.type) || goal.direction !== 'increase') return true
  const { rows: [row] } = await sql<{ best: number | null }>`
    select max(v) as best from (
      select value as v from exercise_bests
      where user_id = ${goal.user_id} and exercise_id = ${goal.exercise_id} and kind = ${BEST_KIND[goal.type]}
      union all select value from goal_progress where goal_id = ${goal.id}) values_`.execute(db)
  return reaches(
    goal.direction,
    row?.best === null || row?.best === undefined ? null : Number(row.best),
    goal.target_value
  )
}

/** Every data point of a goal, with the goal's manual updates. */
async function pointsOf (db: Db, goal: GoalRow, timeZone: string): Promise<GoalPoint[]> {
  const weekly = goal.type === 'weekly_workouts'
  const manual = (await db.selectFrom('goal_progress').select(['recorded_at', 'value']).where('goal_id', '=', goal.id)
    .orderBy('recorded_at').orderBy('id').execute())
    .map((r): GoalPoint => ({
      at: r.recorded_at,
      value: Number(r.value),
      manual: true,
      ...(weekly ? { week: localWeek(Date.parse(r.recorded_at), timeZone) } : {})
    }))
  if (goal.type === 'body_metric') {
    const logs = await db.selectFrom('progress_logs')
      .select(['measured_at', 'value'])
      .where('user_id', '=', goal.user_id)
      .where('metric', '=', goal.metric ?? '')
      .orderBy('measured_at')
      .orderBy('id')
      .execute()
    return [...logs.map((r) => ({ at: r.measured_at, value: Number(r.value), manual: false })), ...manual]
  }
  if (weekly) {
    const workouts = await db.selectFrom('workouts').select(['started_at', 'local_week'])
      .where('user_id', '=', goal.user_id).where('status', '=', 'completed').orderBy('started_at').execute()
    return [
      ...workouts.map((r) => ({ at: r.started_at, value: 1, manual: false, week: Number(r.local_week) })),
      ...manual
    ]
  }
  if (isExerciseGoal(goal.type)) return [...await setPoints(db, goal), ...manual]
  return manual
}

/** An exercise goal's data: each counted set's value of the goal's record kind, at its workout's start. */
async function setPoints (db: Db, goal: GoalRow): Promise<GoalPoint[]> {
  const kind = BEST_KIND[goal.type as keyof typeof BEST_KIND]
  const { rows } = await sql<{ at: string, reps: number | null, weight_kg: number | null }>`
    select w.started_at as at, s.reps, s.weight_kg
    from sets s join workout_exercises we on we.id = s.workout_exercise_id join workouts w on w.id = we.workout_id
    where we.user_id = ${goal.user_id} and we.exercise_id = ${goal.exercise_id}
      and s.completed = 1 and s.type <> 'warmup'`.execute(db)
  const points: GoalPoint[] = []
  for (const r of rows) {
    const set = {
      exerciseId: '',
      type: 'normal',
      completed: true,
      reps: r.reps === null ? null : Number(r.reps),
      weightKg: r.weight_kg === null ? null : Number(r.weight_kg),
      durationSec: null,
      distanceM: null
    }
    const candidate = setCandidates(set).find((c) => c.kind === kind)
    if (candidate !== undefined) points.push({ at: r.at, value: candidate.value, manual: false })
  }
  return points
}
