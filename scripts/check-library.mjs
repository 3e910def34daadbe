#!/usr/bin/env node
// Validates the predefined exercise library
// (src/modules/exercises/library/exercises.json) and prints coverage counts.
// Plain Node ESM, no dependencies. Exits with code 1 on any violation.
//
// Usage: node scripts/check-library.mjs [path/to/exercises.json]

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { resolve } from 'node:path'

const DEFAULT_PATH = fileURLToPath(
  new URL('../src/modules/exercises/library/exercises.json', import.meta.url)
)
const filePath = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_PATH

// ---------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------
const FIELDS = [
  'id',
  'name',
  'description',
  'instructions',
  'category',
  'primaryMuscles',
  'secondaryMuscles',
  'equipment',
  'level',
  'mechanic',
  'force',
  'tracking',
]
const CATEGORIES = [
  'strength',
  'cardio',
  'stretching',
  'plyometrics',
  'powerlifting',
  'olympic_weightlifting',
  'strongman',
  'calisthenics',
]
const MUSCLES = [
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
  'triceps',
]
const EQUIPMENT = [
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
  'other',
]
const LEVELS = ['beginner', 'intermediate', 'expert']
const MECHANICS = ['compound', 'isolation', null]
const FORCES = ['push', 'pull', 'static', null]
const TRACKING = ['weight_reps', 'reps', 'duration', 'distance_duration']

const MIN_EXERCISES = 125
const MIN_PER_PRIMARY_MUSCLE = 3
const MIN_PER_CATEGORY = 3
const MIN_EQUIPMENT_VALUES_USED = 14
const MIN_PER_TRACKING = { weight_reps: 1, reps: 1, duration: 6, distance_duration: 6 }
const NAME_MAX = 200
const DESCRIPTION_MAX = 600
const DESCRIPTION_SENTENCES = [1, 3]
const INSTRUCTIONS_RANGE = [3, 6]
const INSTRUCTION_MAX = 300

// Lowercase UUID, version nibble 7, variant nibble 8/9/a/b.
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
// Small words that may stay lowercase inside a Title Case name.
const MINOR_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with'])

// Staples that must stay in the library (guards against accidental removal).
const REQUIRED_NAMES = [
  'Barbell Back Squat',
  'Barbell Front Squat',
  'Barbell Bench Press',
  'Incline Barbell Bench Press',
  'Close-Grip Bench Press',
  'Barbell Deadlift',
  'Romanian Deadlift',
  'Sumo Deadlift',
  'Barbell Overhead Press',
  'Barbell Bent-Over Row',
  'Dumbbell Bench Press',
  'One-Arm Dumbbell Row',
  'Dumbbell Biceps Curl',
  'Dumbbell Lateral Raise',
  'Dumbbell Chest Fly',
  'Dumbbell Walking Lunge',
  'Cable Triceps Pushdown',
  'Face Pull',
  'Seated Cable Row',
  'Lat Pulldown',
  'Cable Crossover',
  'Leg Press',
  'Leg Extension',
  'Lying Leg Curl',
  'Machine Chest Press',
  'Hip Abductor Machine',
  'Hip Adductor Machine',
  'Standing Calf Raise',
  'Smith Machine Squat',
  'Push-Up',
  'Pull-Up',
  'Chin-Up',
  'Parallel Bar Dip',
  'Muscle-Up',
  'Pistol Squat',
  'Inverted Row',
  'Handstand Push-Up',
  'Plank',
  'Side Plank',
  'Hanging Leg Raise',
  'Ab Wheel Rollout',
  'Crunch',
  'Russian Twist',
  'Dead Bug',
  'Cable Crunch',
  'Back Extension',
  'Box Jump',
  'Broad Jump',
  'Jump Squat',
  'Burpee',
  'Depth Jump',
  'Medicine Ball Slam',
  'Seated Hamstring Stretch',
  'Kneeling Hip Flexor Stretch',
  'Pigeon Pose',
  'Doorway Chest Stretch',
  'Neck Side Stretch',
  'Quadriceps Foam Rolling',
  'Outdoor Running',
  'Treadmill Running',
  'Rowing Machine',
  'Stationary Cycling',
  'Outdoor Cycling',
  'Jump Rope',
  'Elliptical Trainer',
  'Stair Climber',
  'Swimming',
  'Walking',
  'Lying Plate Neck Flexion',
  'Lying Plate Neck Extension',
  'Banded Neck Lateral Flexion',
  'Barbell Wrist Curl',
  'Barbell Reverse Wrist Curl',
  'Plate Pinch',
  'Dead Hang',
  'Barbell Shrug',
  'Rack Pull',
  'Barbell Upright Row',
  'Pause Squat',
  'Paused Bench Press',
  'Deficit Deadlift',
  'Board Press',
  'Snatch',
  'Clean and Jerk',
  'Power Clean',
  'Hang Clean',
  'Push Press',
  "Farmer's Walk",
  'Yoke Carry',
  'Atlas Stone Load',
  'Log Press',
  'Tire Flip',
  'Sled Push',
]

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------
const errors = []
const fail = (where, msg) => errors.push(`${where}: ${msg}`)
const isNonEmptyString = (v) => typeof v === 'string' && v.trim().length > 0

function isTitleCase (name) {
  const words = name.split(' ')
  if (words.some((w) => w.length === 0)) return false // double / edge spaces
  return words.every((word, i) => {
    if (i > 0 && MINOR_WORDS.has(word)) return true
    return word.split('-').every((part) => /^[A-Z0-9]/.test(part))
  })
}

function countSentences (text) {
  const matches = text.trim().match(/[.!?](?=\s|$)/g)
  return matches ? matches.length : 0
}

function idTimestamp (id) {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16)
}

function checkEnumArray (where, field, value, allowed, { nonEmpty }) {
  if (!Array.isArray(value)) {
    fail(where, `${field} must be an array`)
    return []
  }
  if (nonEmpty && value.length === 0) fail(where, `${field} must not be empty`)
  const seen = new Set()
  for (const v of value) {
    if (!allowed.includes(v)) fail(where, `${field} has invalid value ${JSON.stringify(v)}`)
    if (seen.has(v)) fail(where, `${field} repeats ${JSON.stringify(v)}`)
    seen.add(v)
  }
  return value
}

function tally (map, key) {
  map.set(key, (map.get(key) ?? 0) + 1)
}

// ---------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------
let data
try {
  data = JSON.parse(readFileSync(filePath, 'utf8'))
} catch (err) {
  console.error(`Cannot read or parse ${filePath}: ${err.message}`)
  process.exit(1)
}

if (!Array.isArray(data)) {
  console.error('Library root must be a JSON array.')
  process.exit(1)
}
if (data.length < MIN_EXERCISES) {
  fail('library', `has ${data.length} exercises, needs at least ${MIN_EXERCISES}`)
}

// ---------------------------------------------------------------------------
// Per-entry validation
// ---------------------------------------------------------------------------
const ids = new Set()
const names = new Map() // lowercased name -> index
const byCategory = new Map(CATEGORIES.map((c) => [c, 0]))
const byTracking = new Map(TRACKING.map((t) => [t, 0]))
const byPrimary = new Map(MUSCLES.map((m) => [m, 0]))
const byEquipment = new Map(EQUIPMENT.map((e) => [e, 0]))
let previousTimestamp = -1
let previousId = ''

data.forEach((ex, index) => {
  const where = `#${index} ${ex && typeof ex.name === 'string' ? JSON.stringify(ex.name) : ''}`.trim()

  if (ex === null || typeof ex !== 'object' || Array.isArray(ex)) {
    fail(where, 'entry must be an object')
    return
  }

  // Field set and order.
  const keys = Object.keys(ex)
  if (keys.join(',') !== FIELDS.join(',')) {
    const missing = FIELDS.filter((f) => !keys.includes(f))
    const extra = keys.filter((k) => !FIELDS.includes(k))
    fail(
      where,
      `fields must be exactly [${FIELDS.join(', ')}] in that order` +
        (missing.length ? `; missing: ${missing.join(', ')}` : '') +
        (extra.length ? `; unexpected: ${extra.join(', ')}` : '') +
        (!missing.length && !extra.length ? '; order differs' : '')
    )
  }

  // id
  if (typeof ex.id !== 'string' || !UUID_V7.test(ex.id)) {
    fail(where, `id ${JSON.stringify(ex.id)} is not a lowercase UUIDv7`)
  } else {
    if (ids.has(ex.id)) fail(where, `duplicate id ${ex.id}`)
    ids.add(ex.id)
    const ts = idTimestamp(ex.id)
    if (ts <= previousTimestamp || ex.id <= previousId) {
      fail(where, 'ids must be strictly increasing in file order (1 ms per entry)')
    }
    previousTimestamp = ts
    previousId = ex.id
  }

  // name
  if (!isNonEmptyString(ex.name)) {
    fail(where, 'name must be a non-empty string')
  } else {
    if (ex.name !== ex.name.trim()) fail(where, 'name has leading or trailing whitespace')
    if (ex.name.length > NAME_MAX) fail(where, `name longer than ${NAME_MAX} characters`)
    if (!isTitleCase(ex.name)) fail(where, 'name is not Title Case')
    const key = ex.name.toLowerCase()
    if (names.has(key)) fail(where, `duplicate name (also at #${names.get(key)})`)
    else names.set(key, index)
  }

  // description
  if (!isNonEmptyString(ex.description)) {
    fail(where, 'description must be a non-empty string')
  } else {
    if (ex.description.length > DESCRIPTION_MAX) {
      fail(where, `description longer than ${DESCRIPTION_MAX} characters`)
    }
    const n = countSentences(ex.description)
    if (n < DESCRIPTION_SENTENCES[0] || n > DESCRIPTION_SENTENCES[1]) {
      fail(where, `description should be ${DESCRIPTION_SENTENCES.join('-')} sentences (found ${n})`)
    }
  }

  // instructions
  if (!Array.isArray(ex.instructions)) {
    fail(where, 'instructions must be an array')
  } else {
    const [min, max] = INSTRUCTIONS_RANGE
    if (ex.instructions.length < min || ex.instructions.length > max) {
      fail(where, `instructions must have ${min}-${max} steps (found ${ex.instructions.length})`)
    }
    ex.instructions.forEach((step, i) => {
      if (!isNonEmptyString(step)) {
        fail(where, `instruction ${i + 1} must be a non-empty string`)
        return
      }
      if (step.length > INSTRUCTION_MAX) fail(where, `instruction ${i + 1} longer than ${INSTRUCTION_MAX} characters`)
      if (!/^[A-Z0-9]/.test(step)) fail(where, `instruction ${i + 1} should start with a capital letter`)
      if (!/[.!?]$/.test(step)) fail(where, `instruction ${i + 1} should end with sentence punctuation`)
    })
    const dupSteps = ex.instructions.filter((s, i) => ex.instructions.indexOf(s) !== i)
    if (dupSteps.length) fail(where, 'instructions contain repeated steps')
  }

  // enums
  if (!CATEGORIES.includes(ex.category)) fail(where, `invalid category ${JSON.stringify(ex.category)}`)
  else tally(byCategory, ex.category)

  const primary = checkEnumArray(where, 'primaryMuscles', ex.primaryMuscles, MUSCLES, { nonEmpty: true })
  const secondary = checkEnumArray(where, 'secondaryMuscles', ex.secondaryMuscles, MUSCLES, { nonEmpty: false })
  const overlap = secondary.filter((m) => primary.includes(m))
  if (overlap.length) fail(where, `secondaryMuscles repeats primary muscle(s): ${overlap.join(', ')}`)
  for (const m of new Set(primary)) if (MUSCLES.includes(m)) tally(byPrimary, m)

  const equipment = checkEnumArray(where, 'equipment', ex.equipment, EQUIPMENT, { nonEmpty: true })
  if (equipment.includes('body_only') && equipment.length > 1) {
    fail(where, 'body_only cannot be combined with other equipment')
  }
  for (const e of new Set(equipment)) if (EQUIPMENT.includes(e)) tally(byEquipment, e)

  if (!LEVELS.includes(ex.level)) fail(where, `invalid level ${JSON.stringify(ex.level)}`)
  if (!MECHANICS.includes(ex.mechanic)) fail(where, `invalid mechanic ${JSON.stringify(ex.mechanic)}`)
  if (!FORCES.includes(ex.force)) fail(where, `invalid force ${JSON.stringify(ex.force)}`)
  if (!TRACKING.includes(ex.tracking)) fail(where, `invalid tracking ${JSON.stringify(ex.tracking)}`)
  else tally(byTracking, ex.tracking)

  // Category-level sanity rules.
  if (ex.category === 'cardio' && ex.mechanic !== null) fail(where, 'cardio exercises must have mechanic null')
  if (ex.category === 'stretching') {
    if (ex.mechanic !== null) fail(where, 'stretching exercises must have mechanic null')
    if (ex.force !== null && ex.force !== 'static') fail(where, 'stretching exercises must have force static or null')
    if (ex.tracking !== 'duration') fail(where, 'stretching exercises must be tracked by duration')
  }
  if (
    ['powerlifting', 'olympic_weightlifting'].includes(ex.category) &&
    ex.tracking !== 'weight_reps'
  ) {
    fail(where, `${ex.category} exercises must be tracked by weight_reps`)
  }
})

// ---------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------
for (const [muscle, n] of byPrimary) {
  if (n < MIN_PER_PRIMARY_MUSCLE) {
    fail('coverage', `muscle ${muscle} is primary in ${n} exercises, needs at least ${MIN_PER_PRIMARY_MUSCLE}`)
  }
}
for (const [category, n] of byCategory) {
  if (n < MIN_PER_CATEGORY) {
    fail('coverage', `category ${category} has ${n} exercises, needs at least ${MIN_PER_CATEGORY}`)
  }
}
const equipmentUsed = [...byEquipment.values()].filter((n) => n > 0).length
if (equipmentUsed < MIN_EQUIPMENT_VALUES_USED) {
  fail('coverage', `only ${equipmentUsed} equipment values used, needs at least ${MIN_EQUIPMENT_VALUES_USED}`)
}
for (const [kind, min] of Object.entries(MIN_PER_TRACKING)) {
  const n = byTracking.get(kind) ?? 0
  if (n < min) fail('coverage', `tracking ${kind} used ${n} times, needs at least ${min}`)
}
for (const required of REQUIRED_NAMES) {
  if (!names.has(required.toLowerCase())) fail('coverage', `missing staple exercise ${JSON.stringify(required)}`)
}

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------
function printTable (title, map) {
  console.log(`\n${title}`)
  const width = Math.max(...[...map.keys()].map((k) => k.length))
  for (const [key, n] of map) console.log(`  ${key.padEnd(width)}  ${String(n).padStart(3)}`)
}

console.log(`Exercise library: ${filePath}`)
console.log(`Total exercises: ${data.length}`)
printTable('By category:', byCategory)
printTable('By tracking kind:', byTracking)
printTable('By primary muscle:', byPrimary)
printTable(`By equipment (${equipmentUsed}/${EQUIPMENT.length} values used):`, byEquipment)

if (errors.length) {
  console.error(`\n${errors.length} violation(s):`)
  for (const e of errors) console.error(`  - ${e}`)
  process.exit(1)
}
console.log('\nOK: all library checks passed.')
