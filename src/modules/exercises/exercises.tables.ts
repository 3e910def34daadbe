export interface ExercisesTable {
  id: string
  /** NULL for the predefined library. */
  owner_id: string | null
  name: string
  /** name lower-cased without accents, for search. */
  search_name: string
  /** The words it is found by (name and, for the library, aliases): see src/lib/search-text.ts. */
  search_words: string
  description: string
  /** JSON text arrays. */
  instructions: string
  category: string
  primary_muscles: string
  secondary_muscles: string
  equipment: string
  level: string
  mechanic: string | null
  force: string | null
  tracking: string
  archived_at: string | null
  created_at: string
  updated_at: string
}

export interface ExerciseTables { exercises: ExercisesTable }
