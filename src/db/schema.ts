import type { AuthTables } from '../modules/auth/auth.tables.js'
import type { ExerciseTables } from '../modules/exercises/exercises.tables.js'
import type { GoalTables } from '../modules/goals/goals.tables.js'
import type { GuideTables } from '../modules/guide/guide.tables.js'
import type { ImportTables } from '../modules/imports/imports.tables.js'
import type { PlanTables } from '../modules/plans/plans.tables.js'
import type { ProgressTables } from '../modules/progress/progress.tables.js'
import type { WorkoutTables } from '../modules/workouts/workouts.tables.js'
import type { ProjectionTables } from '../projections/tables.js'
import type { StatsTables } from '../modules/stats/stats-cache.js'

/**
 * The whole database as Kysely sees it: each feature declares its own tables beside its code
 * and they are joined here. Storage is portable across SQLite and PostgreSQL: UUIDv7 text ids,
 * ISO 8601 text instants, double precision numbers and 0/1 integer booleans.
 */
export interface Database extends AuthTables, ExerciseTables, WorkoutTables, ProgressTables, GoalTables, PlanTables,
  GuideTables, ImportTables, ProjectionTables, StatsTables {}

/** What repositories take: the database or a transaction on it (a Transaction is a Kysely). */
export type Db = import('kysely').Kysely<Database>
