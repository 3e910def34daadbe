/** See migration 0015_imports for what each table is for. JSON columns are text. */
export interface ImportsTable {
  id: string
  user_id: string
  source: string
  status: string
  file_name: string | null
  weight_unit: string
  distance_unit: string
  time_zone: string
  /** JSON: the contract's counts. */
  counts: string
  /** JSON: StoredMatch[] (the contract's ExerciseMatch with its key). */
  exercises: string
  /** JSON: LineProblem[]. */
  warnings: string
  /** JSON: the parsed file while a preview; null once committed or undone. */
  document: string | null
  created_at: string
  committed_at: string | null
}

export interface ImportWorkoutsTable {
  workout_id: string
  import_id: string
  user_id: string
  source: string
  started_at: string
  name: string
  /** The workout's updated_at when the import wrote it: a later one means the user changed it. */
  updated_at: string
}

export interface ImportRowsTable {
  import_id: string
  /** 'progress_log' | 'exercise' */
  kind: string
  row_id: string
  updated_at: string
}

export interface ImportTables {
  imports: ImportsTable
  import_workouts: ImportWorkoutsTable
  import_rows: ImportRowsTable
}
