/** The contract's closed vocabularies (shared/API.md, Exercises); every schema and check reads them from here. */
export const CATEGORIES = [
  'strength',
  'cardio',
  'stretching',
  'plyometrics',
  'powerlifting',
  'olympic_weightlifting',
  'strongman',
  'calisthenics'
] as const
export const MUSCLES = [
  'abdominals',
  'abductors',
  'adductors',
  'biceps',
  'calves',
  'chest',
  'forearms',
  'glutes',
  'hamstrings',
  'lats',
  'lower_back',
  'middle_back',
  'neck',
  'quadriceps',
  'shoulders',
  'traps',
  'triceps'
] as const
export const EQUIPMENT = [
  'body_only',
  'barbell',
  'dumbbell',
  'kettlebell',
  'cable',
  'machine',
  'smith_machine',
  'trap_bar',
  'ez_bar',
  'plate',
  'bands',
  'suspension',
  'medicine_ball',
  'exercise_ball',
  'foam_roll',
  'pull_up_bar',
  'bench',
  'other'
] as const
export const LEVELS = ['beginner', 'intermediate', 'expert'] as const
export const MECHANICS = ['compound', 'isolation'] as const
export const FORCES = ['push', 'pull', 'static'] as const
export const TRACKING = ['weight_reps', 'reps', 'duration', 'distance_duration'] as const

export type Category = typeof CATEGORIES[number]
export type Muscle = typeof MUSCLES[number]
export type Equipment = typeof EQUIPMENT[number]
export type Tracking = typeof TRACKING[number]

/**
 * Which set values each tracking kind records: `required` must be present on a completed set,
 * `allowed` may be; anything else is a 400.
 */
export const TRACKING_FIELDS: Record<Tracking, { required: string[], allowed: string[] }> = {
  weight_reps: { required: ['reps', 'weightKg'], allowed: ['reps', 'weightKg'] },
  reps: { required: ['reps'], allowed: ['reps', 'weightKg'] },
  duration: { required: ['durationSec'], allowed: ['durationSec'] },
  distance_duration: { required: ['distanceM', 'durationSec'], allowed: ['distanceM', 'durationSec'] }
}
