import type { Tracking } from '../../exercises/exercises.vocabulary.js'
import { equipmentWords, readEquipment, type EquipmentReading } from './equipment.js'
import { words } from '../../../lib/search-text.js'
import { canonicalKey, canonicalOf, sortedKey } from './key.js'
import { libraryIndex, type LibraryExercise, type LibraryIndex } from './library-index.js'

export interface LibraryMatch { exerciseId: string, exerciseName: string, tracking: Tracking }

/**
 * Which rule found it, strongest first: `name` the contract's key equals a library name or
 * alias; `spelling` the same words spelled differently (plurals, `DB`, `Pullup`); `app_name` a
 * name Strong, Hevy or FitNotes use for it (app-names.ts); `equipment` the movement's name plus
 * what the name says it is done with. Only `name` is exact enough to beat a custom exercise.
 */
export type LibraryRule = 'name' | 'spelling' | 'app_name' | 'equipment'

export interface LibraryFind { exercise: LibraryExercise, rule: LibraryRule }

/** The movement named without its equipment, found by its own name or an app's name for it. */
const movement = (index: LibraryIndex, base: string[]): LibraryExercise | undefined => {
  const key = canonicalKey(base)
  return index.spelling.get(key) ?? index.appNames.get(key)
}

/**
 * Whether what the name says about equipment and loading fits the exercise found without it:
 * every piece of equipment named must be one the exercise uses (`Hammer Curl (Cable)` is not the
 * dumbbell Hammer Curl), `weighted` needs a body-weight exercise that records added weight
 * (tracking `reps`), `bodyweight` one without external load. `assisted` never fits: an assisted
 * pull-up's weight is the help, which Spotter would read as added load. Equipment together with
 * a loading word (`Pull Up (Weighted) Dumbbell`) is too unclear to call.
 */
function fitsReading (e: LibraryExercise, reading: EquipmentReading): boolean {
  if (reading.loading.has('assisted')) return false
  if (reading.loading.size > 0 && reading.equipment.size > 0) return false
  if (reading.loading.has('weighted')) return e.tracking === 'reps'
  if (reading.loading.has('bodyweight')) return e.tracking !== 'weight_reps'
  return [...reading.equipment].every((q) => e.equipment.includes(q))
}

/**
 * The equipment rule: the movement named with the library's word for the equipment (`Shoulder
 * Press (Plate Loaded)` is Machine Shoulder Press, `Calf Raise (Smith)` would be a Smith Machine
 * one), else the movement named without it when the exercise uses that equipment (`Leg Press
 * (Machine)`, `Dumbbell Hammer Curl`, `Pull Up (Weighted)`).
 */
function byEquipment (index: LibraryIndex, list: string[]): LibraryExercise | undefined {
  const reading = readEquipment(list)
  if (reading.base.length === 0 || (reading.equipment.size === 0 && reading.loading.size === 0)) return undefined
  const candidate = withEquipmentWords(index, reading) ?? movement(index, reading.base)
  return candidate !== undefined && fitsReading(candidate, reading) ? candidate : undefined
}

/** One piece of equipment, said as the library says it, with the movement: `Machine Shoulder Press`. */
function withEquipmentWords (index: LibraryIndex, reading: EquipmentReading): LibraryExercise | undefined {
  if (reading.equipment.size !== 1 || reading.loading.size > 0) return undefined
  const [equipment] = reading.equipment
  for (const said of equipmentWords(equipment)) {
    const found = index.spelling.get(canonicalKey([...reading.base, ...said]))
    if (found !== undefined) return found
  }
  return undefined
}

/**
 * The library exercise a name from another app means, and how it was found; null when no rule
 * is sure (the importer then creates a custom exercise). Nothing here is fuzzy: every rule needs
 * all of the name's words, so `Incline Bench Press` never lands on the flat one, nor `Romanian
 * Deadlift` on the deadlift; the equipment rule only drops equipment words, and only when the
 * exercise found uses that equipment.
 */
export function findInLibrary (sourceName: string, index = libraryIndex()): LibraryFind | null {
  // The name is split into words once: the contract's key and the canonical one both start there.
  const nameWords = words(sourceName)
  const exact = index.exact.get(sortedKey(nameWords))
  if (exact !== undefined) return { exercise: exact, rule: 'name' }
  const list = canonicalOf(nameWords)
  const key = canonicalKey(list)
  const spelled = index.spelling.get(key)
  if (spelled !== undefined) return { exercise: spelled, rule: 'spelling' }
  const app = index.appNames.get(key)
  if (app !== undefined) return { exercise: app, rule: 'app_name' }
  const equipped = byEquipment(index, list)
  return equipped === undefined ? null : { exercise: equipped, rule: 'equipment' }
}

/** findInLibrary in the contract's terms. Pure: the shipped library only, no database. */
export function matchLibrary (sourceName: string): LibraryMatch | null {
  const found = findInLibrary(sourceName)
  if (found === null) return null
  const e = found.exercise
  return { exerciseId: e.id, exerciseName: e.name, tracking: e.tracking }
}
