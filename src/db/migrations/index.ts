import type { Migration } from 'kysely'
import * as m0001 from './0001_auth.js'
import * as m0002 from './0002_exercises.js'
import * as m0003 from './0003_workouts.js'
import * as m0004 from './0004_progress_goals.js'
import * as m0005 from './0005_workouts_indexes.js'
import * as m0006 from './0006_plans.js'
import * as m0007 from './0007_guide.js'
import * as m0008 from './0008_weekly_totals.js'
import * as m0009 from './0009_read_models.js'
import * as m0010 from './0010_weekly_breakdowns.js'
import * as m0011 from './0011_time_zones.js'
import * as m0012 from './0012_login_delays.js'
import * as m0013 from './0013_password_resets.js'
import * as m0014 from './0014_exercise_search.js'
import * as m0015 from './0015_imports.js'
import * as m0016 from './0016_progression.js'
import * as m0017 from './0017_sync.js'

/** Every migration, listed in code so bundling or a missing file can never skip one. */
export const migrations: Record<string, Migration> = {
  '0001_auth': m0001,
  '0002_exercises': m0002,
  '0003_workouts': m0003,
  '0004_progress_goals': m0004,
  '0005_workouts_indexes': m0005,
  '0006_plans': m0006,
  '0007_guide': m0007,
  '0008_weekly_totals': m0008,
  '0009_read_models': m0009,
  '0010_weekly_breakdowns': m0010,
  '0011_time_zones': m0011,
  '0012_login_delays': m0012,
  '0013_password_resets': m0013,
  '0014_exercise_search': m0014,
  '0015_imports': m0015,
  '0016_progression': m0016,
  '0017_sync': m0017
}
