import type { CreateExerciseInput } from '../exercises/exercises.schemas.js'
import { words } from '../../lib/search-text.js'

/**
 * The custom exercise an import creates for a name it could not match. Other apps' files name
 * the movement and nothing else, so its muscles and equipment are read from the name's words
 * (the API requires at least one primary muscle); the user can correct them afterwards.
 */
const MUSCLE_WORDS: Array<[string[], CreateExerciseInput['primaryMuscles'][number]]> = [
  [['bench', 'chest', 'fly', 'flye', 'pec', 'dip', 'push'], 'chest'],
  [['squat', 'lunge', 'leg', 'quad', 'extension', 'step'], 'quadriceps'],
  [['deadlift', 'rdl', 'hamstring', 'nordic'], 'hamstrings'],
  [['hip', 'glute', 'thrust', 'bridge', 'kickback'], 'glutes'],
  [['row', 'pulldown', 'pull', 'chin', 'lat'], 'lats'],
  [['shoulder', 'overhead', 'ohp', 'lateral', 'raise', 'delt', 'military', 'arnold'], 'shoulders'],
  [['curl', 'bicep', 'biceps', 'hammer'], 'biceps'],
  [['tricep', 'triceps', 'skull', 'pushdown'], 'triceps'],
  [['calf', 'calves'], 'calves'],
  [['shrug', 'trap'], 'traps'],
  [['crunch', 'plank', 'ab', 'abs', 'core', 'situp', 'sit'], 'abdominals'],
  [['wrist', 'forearm', 'grip'], 'forearms'],
  [['run', 'running', 'bike', 'cycling', 'walk', 'rowing', 'elliptical', 'stair'], 'quadriceps']
]

const EQUIPMENT_WORDS: Array<[string[], CreateExerciseInput['equipment'][number]]> = [
  [['barbell', 'bb'], 'barbell'],
  [['dumbbell', 'db', 'dumbbells'], 'dumbbell'],
  [['cable', 'cables'], 'cable'],
  [['machine', 'lever', 'press machine'], 'machine'],
  [['smith'], 'smith_machine'],
  [['kettlebell', 'kb'], 'kettlebell'],
  [['band', 'bands', 'banded'], 'bands'],
  [['ez'], 'ez_bar'],
  [['trap', 'hex'], 'trap_bar'],
  [['bodyweight', 'body'], 'body_only']
]

export function newCustomExercise (name: string, tracking: string): CreateExerciseInput {
  const ws = new Set(words(name))
  const pick = <T>(table: Array<[string[], T]>): T | undefined =>
    table.find(([keys]) => keys.some((k) => ws.has(k)))?.[1]
  const cardio = tracking === 'distance_duration'
  return {
    name: name.trim().slice(0, 200),
    description: 'Imported; its muscles and equipment were guessed from the name.',
    category: cardio ? 'cardio' : 'strength',
    primaryMuscles: [pick(MUSCLE_WORDS) ?? (cardio ? 'quadriceps' : 'abdominals')],
    equipment: [pick(EQUIPMENT_WORDS) ?? (tracking === 'weight_reps' ? 'other' : 'body_only')],
    level: 'beginner',
    tracking: tracking as CreateExerciseInput['tracking']
  }
}
