import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely'

// Time zones, and every derived value brought up to date under the rules of this release:
// - users.time_zone (IANA name, default UTC) and workouts.local_date / local_week: a workout's
//   start in its user's calendar, which weeks, streaks, months and weekly goals group by;
// - workout and workout exercise totals, exercise bests, weekly totals and breakdowns are
//   recomputed for every user from the base rows, with derived numbers rounded to 6 decimals.
//   This also fills what earlier releases left out (0008 created weekly_totals empty) and
//   repairs totals of rows written by any earlier version.
// Frozen: no application code. Every user is on UTC here, so the local date is the UTC date.
const DECIMALS = 6

export async function up (db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const round = (value: RawBuilder<unknown>) => pg
    ? sql`round((${value})::numeric, ${sql.lit(DECIMALS)})::double precision`
    : sql`round(${value}, ${sql.lit(DECIMALS)})`
  const epoch = (column: string) => pg
    ? sql`extract(epoch from (${sql.ref(column)})::timestamptz)::double precision`
    : sql`unixepoch(${sql.ref(column)}, 'subsec')`

  await db.schema.alterTable('users').addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC')).execute()
  await db.schema.alterTable('workouts').addColumn('local_date', 'text').execute()
  await db.schema.alterTable('workouts').addColumn('local_week', 'integer').execute()
  await sql`update workouts set local_date = substr(started_at, 1, 10),
    local_week = cast(floor((${epoch('started_at')} / 86400.0 + 3) / 7.0) as integer)`.execute(db)
  // Weekly goals and the weeks' refreshes find a user's completed workouts of a week directly.
  await db.schema.createIndex('workouts_user_status_week').on('workouts').columns(['user_id', 'status', 'local_week']).execute()

  await sql`update workout_exercises set
    set_count = (select count(*) from sets s where s.workout_exercise_id = workout_exercises.id and s.completed = 1),
    reps = (select coalesce(sum(s.reps), 0) from sets s where s.workout_exercise_id = workout_exercises.id and s.completed = 1),
    volume_kg = ${round(sql`(select coalesce(sum(s.reps * s.weight_kg), 0) from sets s
      where s.workout_exercise_id = workout_exercises.id and s.completed = 1 and s.type <> 'warmup')`)}`.execute(db)
  await sql`update workouts set
    exercise_count = (select count(*) from workout_exercises we where we.workout_id = workouts.id),
    set_count = (select coalesce(sum(we.set_count), 0) from workout_exercises we where we.workout_id = workouts.id),
    reps = (select coalesce(sum(we.reps), 0) from workout_exercises we where we.workout_id = workouts.id),
    volume_kg = ${round(sql`(select coalesce(sum(we.volume_kg), 0) from workout_exercises we where we.workout_id = workouts.id)`)}`.execute(db)

  await sql`delete from exercise_bests`.execute(db)
  await sql`insert into exercise_bests (user_id, exercise_id, kind, value, reps, weight_kg, workout_id, achieved_at)
    ${bestsFromHistory(round)}`.execute(db)

  await sql`delete from weekly_totals`.execute(db)
  await sql`insert into weekly_totals (user_id, week, workouts, sets, reps, volume_kg, duration_sec)
    select user_id, local_week, count(*), sum(set_count), sum(reps), ${round(sql`sum(volume_kg)`)},
           ${round(sql`sum(${epoch('ended_at')} - ${epoch('started_at')})`)}
    from workouts where status = 'completed' group by user_id, local_week`.execute(db)
  await sql`delete from weekly_breakdowns`.execute(db)
  const muscles = pg ? sql`jsonb_array_elements_text((e.primary_muscles)::jsonb) as m(value)` : sql`json_each(e.primary_muscles) as m`
  for (const [dimension, key, join] of [
    ['exercise', sql`we.exercise_id`, sql``],
    ['muscle', sql`m.value`, sql`join exercises e on e.id = we.exercise_id cross join ${muscles}`]
  ] as const) {
    await sql`insert into weekly_breakdowns (user_id, week, dimension, key, volume_kg, sets, reps, workouts)
      select w.user_id, w.local_week, ${sql.lit(dimension)}, ${key}, ${round(sql`sum(we.volume_kg)`)}, sum(we.set_count), sum(we.reps),
             count(distinct w.id)
      from workouts w join workout_exercises we on we.workout_id = w.id ${join}
      where w.status = 'completed' group by w.user_id, w.local_week, ${key}`.execute(db)
  }
  // Stored answers were built under the old rules: retire them all.
  await sql`update users set stats_version = stats_version + 1`.execute(db)
  await sql`update workouts set revision = revision + 1`.execute(db)
}

/**
 * Every user's bests from their whole history, as this release defines them: per exercise and
 * kind the highest rounded value of a completed non-warm-up set (or of a workout's volume of
 * the exercise), ties to the earliest workout start, then the smallest workout id, then (within
 * a workout) the set with more reps for a max weight, more weight for the other set kinds.
 */
function bestsFromHistory (round: (value: RawBuilder<unknown>) => RawBuilder<unknown>): RawBuilder<unknown> {
  const e1rm = round(sql`case when reps = 1 then weight_kg else weight_kg * (1 + cast(reps as double precision) / 30) end`)
  return sql`
    with base as (
      select we.user_id, we.exercise_id, w.id as workout_id, w.started_at,
             s.reps, s.weight_kg, s.duration_sec, s.distance_m
      from workout_exercises we join sets s on s.workout_exercise_id = we.id join workouts w on w.id = we.workout_id
      where s.completed = 1 and s.type <> 'warmup'
    ), volumes as (
      select we.user_id, we.exercise_id, w.id as workout_id, w.started_at, ${round(sql`sum(we.volume_kg)`)} as value
      from workout_exercises we join workouts w on w.id = we.workout_id
      where exists (select 1 from base b where b.workout_id = w.id and b.exercise_id = we.exercise_id
                    and b.reps is not null and b.weight_kg is not null)
      group by we.user_id, we.exercise_id, w.id, w.started_at
    ), candidates as (
      select user_id, exercise_id, 'max_weight' as kind, weight_kg as value, reps, weight_kg, workout_id, started_at,
             coalesce(reps, -1) as tie
      from base where weight_kg is not null
      union all
      select user_id, exercise_id, 'max_reps', cast(reps as double precision), reps, weight_kg, workout_id, started_at,
             coalesce(weight_kg, -1)
      from base where reps is not null
      union all
      select user_id, exercise_id, 'best_e1rm', ${e1rm}, reps, weight_kg, workout_id, started_at, weight_kg
      from base where weight_kg is not null and reps between 1 and 12
      union all
      select user_id, exercise_id, 'max_set_volume', ${round(sql`reps * weight_kg`)}, reps, weight_kg, workout_id, started_at, weight_kg
      from base where reps is not null and weight_kg is not null
      union all
      select user_id, exercise_id, 'max_duration', duration_sec, cast(null as integer), cast(null as double precision), workout_id, started_at, 0
      from base where duration_sec is not null
      union all
      select user_id, exercise_id, 'max_distance', distance_m, cast(null as integer), cast(null as double precision), workout_id, started_at, 0
      from base where distance_m is not null
      union all
      select user_id, exercise_id, 'max_workout_volume', value, cast(null as integer), cast(null as double precision), workout_id, started_at, 0
      from volumes
    ), ranked as (
      select c.*, row_number() over (partition by user_id, exercise_id, kind order by value desc, started_at, workout_id, tie desc) as rn
      from candidates c
    )
    select user_id, exercise_id, kind, value, reps, weight_kg, workout_id, started_at from ranked where rn = 1`
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('workouts_user_status_week').execute()
  await db.schema.alterTable('workouts').dropColumn('local_week').execute()
  await db.schema.alterTable('workouts').dropColumn('local_date').execute()
  await db.schema.alterTable('users').dropColumn('time_zone').execute()
}
