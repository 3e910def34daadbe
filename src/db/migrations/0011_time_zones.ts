import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Time zones, and every derived value brought up to date under the rules of this release:
// - users.time_zone (IANA name, default UTC) and workouts.local_date / local_week: a workout's
//   start in its user's calendar, which weeks, streaks, months and weekly goals group by;
// - workout and workout exercise totals, weekly totals and breakdowns are recomputed for every
//   user from the base rows (this also fills what earlier releases left out: 0008 created
//   weekly_totals empty), exercise bests under this release's rounding and tie rules, and goal
//   achievement (goals.reach_at: the earliest data time the data reached the target).
// Frozen: no application code. The rules it needs are copied below as they are in this release.
// Every user is on UTC here, so a local date is the UTC date.

export async function up (db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const epoch = (column: string) => pg
    ? sql`extract(epoch from (${sql.ref(column)})::timestamptz)::double precision`
    : sql`unixepoch(${sql.ref(column)}, 'subsec')`

  await db.schema.alterTable('users').addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC')).execute()
  await db.schema.alterTable('goals').addColumn('reach_at', 'text').execute()
  await db.schema.alterTable('workouts').addColumn('local_date', 'text').execute()
  await db.schema.alterTable('workouts').addColumn('local_week', 'integer').execute()
  await sql`update workouts set local_date = substr(started_at, 1, 10),
    local_week = cast(floor((${epoch('started_at')} / 86400.0 + 3) / 7.0) as integer)`.execute(db)
  // Weekly goals and the weeks' refreshes find a user's completed workouts of a week directly.
  await db.schema.createIndex('workouts_user_status_week')
    .on('workouts')
    .columns(['user_id', 'status', 'local_week'])
    .execute()

  await sql`update workout_exercises set
    set_count = (select count(*) from sets s where s.workout_exercise_id = workout_exercises.id and s.completed = 1),
    reps = (select coalesce(sum(s.reps), 0) from sets s
      where s.workout_exercise_id = workout_exercises.id and s.completed = 1),
    volume_kg = (select coalesce(sum(s.reps * s.weight_kg), 0) from sets s
      where s.workout_exercise_id = workout_exercises.id and s.completed = 1 and s.type <> 'warmup')`.execute(db)
  await sql`update workouts set
    exercise_count = (select count(*) from workout_exercises we where we.workout_id = workouts.id),
    set_count = (select coalesce(sum(we.set_count), 0) from workout_exercises we where we.workout_id = workouts.id),
    reps = (select coalesce(sum(we.reps), 0) from workout_exercises we where we.workout_id = workouts.id),
    volume_kg = (select coalesce(sum(we.volume_kg), 0) from workout_exercises we
      where we.workout_id = workouts.id)`.execute(db)

  await sql`delete from weekly_totals`.execute(db)
  await sql`insert into weekly_totals (user_id, week, workouts, sets, reps, volume_kg, duration_sec)
    select user_id, local_week, count(*), sum(set_count), sum(reps), sum(volume_kg),
      sum(${epoch('ended_at')} - ${epoch('started_at')})
    from workouts where status = 'completed' group by user_id, local_week`.execute(db)
  await sql`delete from weekly_breakdowns`.execute(db)
  const muscles = pg
    ? sql`jsonb_array_elements_text((e.primary_muscles)::jsonb) as m(value)`
    : sql`json_each(e.primary_muscles) as m`
  for (const [dimension, key, join] of [
    ['exercise', sql`we.exercise_id`, sql``],
    ['muscle', sql`m.value`, sql`join exercises e on e.id = we.exercise_id cross join ${muscles}`]
  ] as const) {
    await sql`insert into weekly_breakdowns (user_id, week, dimension, key, volume_kg, sets, reps, workouts)
      select w.user_id, w.local_week, ${sql.lit(dimension)}, ${key},
        sum(we.volume_kg), sum(we.set_count), sum(we.reps), count(distinct w.id)
      from workouts w join workout_exercises we on we.workout_id = w.id ${join}
      where w.status = 'completed' group by w.user_id, w.local_week, ${key}`.execute(db)
  }

  const users = (await sql<{ id: string }>`select id from users order by id`.execute(db)).rows
  for (const { id } of users) {
    await rebuildBests(db, id)
    await judgeGoals(db, id)
  }
  // Stored answers were built under the old rules: retire them all.
  await sql`update users set stats_version = stats_version + 1`.execute(db)
  await sql`update workouts set revision = revision + 1`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('workouts_user_status_week').execute()
  await db.schema.alterTable('workouts').dropColumn('local_week').execute()
  await db.schema.alterTable('workouts').dropColumn('local_date').execute()
  await db.schema.alterTable('goals').dropColumn('reach_at').execute()
  await db.schema.alterTable('users').dropColumn('time_zone').execute()
}

// ---- The rules of this release, frozen -------------------------------------------------

/** Derived numbers: rounded half away from zero to 6 decimals. */
const round6 = (v: number): number => {
  const r = Math.sign(v) * Math.round(Math.abs(v) * 1e6) / 1e6
  return r === 0 ? 0 : r
}

interface Best { kind: string, value: number, reps: number | null, weight: number | null, workout: string, at: string }
const KEEPS_SET = new Set(['max_weight', 'max_reps', 'best_e1rm', 'max_set_volume'])
/** The set with more of the other quantity, then more of the first: only identical sets tie. */
const tie = (b: Best): [number, number] => {
  if (!KEEPS_SET.has(b.kind)) return [0, 0]
  const [reps, weight] = [b.reps ?? -1, b.weight ?? -1]
  return b.kind === 'max_weight' ? [reps, weight] : [weight, reps]
}
const tieAbove = (a: Best, b: Best): boolean => {
  const [x, y] = [tie(a), tie(b)]
  return x[0] !== y[0] ? x[0] > y[0] : x[1] > y[1]
}
/**
 * A higher value; then the earliest workout start; the smallest workout id; then tieAbove.
 */
const beats = (a: Best, b: Best | undefined): boolean => b === undefined || (a.value !== b.value
  ? a.value > b.value
  : a.at !== b.at ? a.at < b.at : a.workout !== b.workout ? a.workout < b.workout : tieAbove(a, b))

interface SetRow {
  exercise_id: string,
  workout_id: string,
  started_at: string,
  we_id: string,
  we_volume: number,
  reps: number | null,
  weight_kg: number | null,
  duration_sec: number | null,
  distance_m: number | null
}

/** Every counted set's record candidates, and each workout's volume of an exercise. */
async function rebuildBests (db: Kysely<any>, userId: string): Promise<void> {
  const { rows } = await sql<SetRow>`
    select we.exercise_id, w.id as workout_id, w.started_at, we.id as we_id, we.volume_kg as we_volume,
           s.reps, s.weight_kg, s.duration_sec, s.distance_m
    from workout_exercises we join workouts w on w.id = we.workout_id join sets s on s.workout_exercise_id = we.id
    where we.user_id = ${userId} and s.completed = 1 and s.type <> 'warmup'
    order by w.started_at, w.id, we.position, s.position`.execute(db)
  const bests = new Map<string, Best & { exercise: string }>()
  const offer = (exercise: string, b: Best): void => {
    const key = `${exercise}:${b.kind}`
    if (beats(b, bests.get(key))) bests.set(key, { ...b, exercise })
  }
  const volumes = new Map<string, {
    exercise: string
    workout: string
    at: string
    seen: Set<string>
    sum: number
    counted: boolean
  }>()
  for (const r of rows) {
    const n = (v: number | null): number | null => v === null ? null : Number(v)
    const [reps, weight, duration, distance] = [n(r.reps), n(r.weight_kg), n(r.duration_sec), n(r.distance_m)]
    const base = { workout: r.workout_id, at: r.started_at, reps, weight }
    if (weight !== null) offer(r.exercise_id, { ...base, kind: 'max_weight', value: weight })
    if (reps !== null) offer(r.exercise_id, { ...base, kind: 'max_reps', value: reps })
    if (weight !== null && reps !== null && reps >= 1 && reps <= 12) {
      offer(r.exercise_id, {
        ...base,
        kind: 'best_e1rm',
        value: round6(reps === 1 ? weight : weight * (1 + reps / 30))
      })
    }
    if (weight !== null && reps !== null) {
      offer(r.exercise_id, { ...base, kind: 'max_set_volume', value: round6(reps * weight) })
    }
    const single = { workout: r.workout_id, at: r.started_at, reps: null, weight: null }
    if (duration !== null) offer(r.exercise_id, { ...single, kind: 'max_duration', value: duration })
    if (distance !== null) offer(r.exercise_id, { ...single, kind: 'max_distance', value: distance })
    const key = `${r.exercise_id}:${r.workout_id}`
    const v = volumes.get(key) ?? {
      exercise: r.exercise_id,
      workout: r.workout_id,
      at: r.started_at,
      seen: new Set(),
      sum: 0,
      counted: false
    }
    volumes.set(key, v)
    if (!v.seen.has(r.we_id)) { v.seen.add(r.we_id); v.sum += Number(r.we_volume) }
    if (weight !== null && reps !== null) v.counted = true
  }
  for (const v of volumes.values()) {
    if (v.counted) {
      offer(v.exercise, {
        kind: 'max_workout_volume',
        value: round6(v.sum),
        reps: null,
        weight: null,
        workout: v.workout,
        at: v.at
      })
    }
  }
  await sql`delete from exercise_bests where user_id = ${userId}`.execute(db)
  const list = [...bests.values()]
  for (let i = 0; i < list.length; i += 200) {
    const values = list.slice(i, i + 200)
      .map((b) => sql`(${userId}, ${b.exercise}, ${b.kind}, ${b.value}, ${b.reps}, ${b.weight}, ${b.workout}, ${b.at})`)
    await sql`insert into exercise_bests (user_id, exercise_id, kind, value, reps, weight_kg, workout_id, achieved_at)
      values ${sql.join(values)}`.execute(db)
  }
}

interface Point { at: string, value: number, manual: boolean, week?: number }
const weekOf = (at: string): number => Math.floor((Date.parse(at) / 86_400_000 + 3) / 7)
const reaches = (direction: string, v: number | null, target: number): boolean =>
  v !== null && (direction === 'decrease' ? v <= target : v >= target)

/** The earliest data time at which the goal's value, as it was then, reached the target. */
function earliestReach (
  rule: 'best' | 'latest' | 'weekly',
  points: Point[],
  direction: string,
  target: number
): string | null {
  const ordered = points.toSorted((a, b) => a.at < b.at ? -1 : a.at > b.at ? 1 : Number(b.manual) - Number(a.manual))
  let best: number | null = null
  let latest: number | null = null
  let weekValue: number | null = null
  const weeks = new Map<number, { count: number, manual: number | null }>()
  for (let i = 0; i < ordered.length; i++) {
    const p = ordered[i]
    best = best === null ? p.value : Math.max(best, p.value)
    latest = p.value
    const w = weeks.get(p.week ?? 0) ?? { count: 0, manual: null }
    if (p.manual) w.manual = p.value
    else w.count++
    weeks.set(p.week ?? 0, w)
    weekValue = w.manual !== null && w.manual > w.count ? w.manual : w.count
    if (i + 1 < ordered.length && ordered[i + 1].at === p.at) continue
    if (reaches(direction, rule === 'best' ? best : rule === 'latest' ? latest : weekValue, target)) return p.at
  }
  return null
}

const KIND: Record<string, string> = {
  exercise_weight: 'max_weight',
  exercise_1rm: 'best_e1rm',
  exercise_reps: 'max_reps'
}

interface GoalRow {
  id: string
  type: string
  metric: string | null
  exercise_id: string | null
  direction: string
  target_value: number
  status: string
  achieved_at: string | null
}

/** Goal achievement from the goals' whole history: never turned back, achievedAt the earliest reach. */
async function judgeGoals (db: Kysely<any>, userId: string): Promise<void> {
  const goals = (await sql<GoalRow>`select id, type, metric, exercise_id, direction, target_value, status, achieved_at
    from goals where user_id = ${userId} and status <> 'abandoned'`.execute(db)).rows
  for (const g of goals) {
    const points: Point[] = (await sql<{ at: string, value: number }>`select recorded_at as at, value from goal_progress
      where goal_id = ${g.id} order by recorded_at, id`.execute(db)).rows
      .map((r) => ({ at: r.at, value: Number(r.value), manual: true, week: weekOf(r.at) }))
    if (g.type === 'body_metric') {
      points.push(...(await sql<{ at: string, value: number }>`select measured_at as at, value from progress_logs
        where user_id = ${userId} and metric = ${g.metric} order by measured_at, id`.execute(db)).rows
        .map((r) => ({ at: r.at, value: Number(r.value), manual: false })))
    } else if (g.type === 'weekly_workouts') {
      points.push(...(await sql<{ at: string }>`select started_at as at from workouts
        where user_id = ${userId} and status = 'completed'
        order by started_at`.execute(db)).rows.map((r) => ({ at: r.at, value: 1, manual: false, week: weekOf(r.at) })))
    } else if (KIND[g.type] !== undefined) {
      const sets = (await sql<{ at: string, reps: number | null, weight_kg: number | null }>`select w.started_at as at,
        s.reps, s.weight_kg
        from sets s join workout_exercises we on we.id = s.workout_exercise_id join workouts w on w.id = we.workout_id
        where we.user_id = ${userId} and we.exercise_id = ${g.exercise_id}
          and s.completed = 1 and s.type <> 'warmup'`.execute(db)).rows
      for (const s of sets) {
        const reps = s.reps === null ? null : Number(s.reps)
        const weight = s.weight_kg === null ? null : Number(s.weight_kg)
        const value = KIND[g.type] === 'max_weight'
          ? weight
          : KIND[g.type] === 'max_reps'
            ? reps
            : weight !== null && reps !== null && reps >= 1 && reps <= 12
              ? round6(reps === 1 ? weight : weight * (1 + reps / 30))
              : null
        if (value !== null) points.push({ at: s.at, value, manual: false })
      }
    }
    const rule = KIND[g.type] !== undefined ? 'best' : g.type === 'weekly_workouts' ? 'weekly' : 'latest'
    const reach = earliestReach(rule, points, g.direction, Number(g.target_value))
    await sql`update goals set reach_at = ${reach}, status = ${reach === null ? g.status : 'achieved'},
      achieved_at = ${reach ?? g.achieved_at} where id = ${g.id}`.execute(db)
  }
}
