import type { Equipment } from '../../exercises/exercises.vocabulary.js'

/**
 * How a name says what it is done with. Strong and Hevy put it in a suffix (`Bench Press
 * (Barbell)`, `Triceps Pushdown (Cable - Straight Bar)`), FitNotes and people's own names in the
 * words (`Dumbbell Hammer Curl`, `Leg Extension Machine`): the phrases are read wherever they are.
 * `weighted`, `bodyweight` and `assisted` are not equipment but say how a body-weight movement was
 * loaded, which decides whether its sets mean the same thing in Spotter (see library-match.ts).
 */
export type Loading = 'weighted' | 'bodyweight' | 'assisted'

interface Phrase { words: string[], equipment?: Equipment, loading?: Loading }

// Canonical words (key.ts); longer phrases first so "smith machine" is not read as "machine".
const PHRASES: Phrase[] = [
  { words: ['smith', 'machine'], equipment: 'smith_machine' },
  { words: ['plate', 'loaded'], equipment: 'machine' }, // a plate-loaded machine is a machine
  { words: ['trap', 'bar'], equipment: 'trap_bar' },
  { words: ['hex', 'bar'], equipment: 'trap_bar' },
  { words: ['ez', 'bar'], equipment: 'ez_bar' },
  { words: ['resistance', 'band'], equipment: 'bands' },
  { words: ['medicine', 'ball'], equipment: 'medicine_ball' },
  { words: ['exercise', 'ball'], equipment: 'exercise_ball' },
  { words: ['stability', 'ball'], equipment: 'exercise_ball' },
  { words: ['swiss', 'ball'], equipment: 'exercise_ball' },
  { words: ['body', 'weight'], loading: 'bodyweight' },
  { words: ['smith'], equipment: 'smith_machine' },
  { words: ['ez'], equipment: 'ez_bar' },
  { words: ['barbell'], equipment: 'barbell' },
  { words: ['dumbbell'], equipment: 'dumbbell' },
  { words: ['kettlebell'], equipment: 'kettlebell' },
  { words: ['cable'], equipment: 'cable' },
  { words: ['machine'], equipment: 'machine' },
  { words: ['band'], equipment: 'bands' },
  { words: ['banded'], equipment: 'bands' },
  { words: ['plate'], equipment: 'plate' },
  { words: ['trx'], equipment: 'suspension' },
  { words: ['suspension'], equipment: 'suspension' },
  { words: ['weighted'], loading: 'weighted' },
  { words: ['assisted'], loading: 'assisted' }
]

export interface EquipmentReading {
  /** The name's other words: the movement itself. */
  base: string[]
  equipment: Set<Equipment>
  loading: Set<Loading>
}

// By first word, so reading a name looks at only the phrases that can start at each word.
const BY_FIRST = new Map<string, Phrase[]>()
for (const p of PHRASES) BY_FIRST.set(p.words[0], [...BY_FIRST.get(p.words[0]) ?? [], p])

const startsAt = (list: string[], at: number, phrase: string[]): boolean =>
  phrase.every((w, i) => list[at + i] === w)

/** Splits canonical words into the movement and what the name says it is done with. */
export function readEquipment (list: string[]): EquipmentReading {
  const reading: EquipmentReading = { base: [], equipment: new Set(), loading: new Set() }
  for (let at = 0; at < list.length;) {
    const phrase = BY_FIRST.get(list[at])?.find((p) => startsAt(list, at, p.words))
    if (phrase === undefined) {
      reading.base.push(list[at])
      at += 1
      continue
    }
    if (phrase.equipment !== undefined) reading.equipment.add(phrase.equipment)
    if (phrase.loading !== undefined) reading.loading.add(phrase.loading)
    at += phrase.words.length
  }
  return reading
}

// How the library's own names spell each piece of equipment (`Banded Lateral Walk`, `Suspension Trainer Row`).
const NAMED: Partial<Record<Equipment, string[][]>> = {
  smith_machine: [['smith', 'machine']],
  trap_bar: [['trap', 'bar']],
  ez_bar: [['ez', 'bar']],
  bands: [['banded'], ['band']],
  medicine_ball: [['medicine', 'ball']],
  exercise_ball: [['exercise', 'ball'], ['stability', 'ball']],
  suspension: [['suspension', 'trainer']]
}

/** The ways a library name may say the equipment, in canonical words. */
export const equipmentWords = (e: Equipment): string[][] => NAMED[e] ?? [[e]]
