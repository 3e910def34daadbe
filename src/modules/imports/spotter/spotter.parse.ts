import { BadRequestError } from '../../../lib/errors.js'
import type { LineProblem, ParsedFile } from '../import.types.js'
import type { Problems } from './spotter.check.js'
import { asList, asRaw } from './spotter.inputs.js'
import { readCustomExercise, readGoal, readLog, readPlan } from './spotter.items.js'
import { readWorkout } from './spotter.workouts.js'

/**
 * Reads a Spotter document (GET /export) into the importers' ParsedFile. A file that is not one
 * (not JSON, another `format`, a `version` other than 1, a member that is not an array) is
 * refused at once, on `/line/1` (or the line the JSON breaks on) like any other source's wrong
 * file. Then each item is checked with its module's own create-body schema and rules, the
 * contract's bounds included: a set beyond them, the 101st set of an exercise, a goal with an
 * impossible target, … is a bad "line" whose message starts with the JSON pointer of what is
 * wrong (`/workouts/3/exercises/0/sets/2/reps must be <= 1000`), left out with skipBadLines.
 * An export is one line of JSON, so pointers, not line numbers, say where: every problem and
 * item is on line 1 (a parsed body has no lines at all).
 */
const SECTIONS = ['customExercises', 'workouts', 'progressLogs', 'goals', 'plans'] as const

function parseJson (text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    const message = (error as Error).message
    const position = /position (\d+)/.exec(message)?.[1]
    const line = position === undefined ? 1 : text.slice(0, Number(position)).split('\n').length
    throw BadRequestError.field(`/line/${line}`, `is not valid JSON (${message})`)
  }
}

function readDocument (body: unknown): Record<string, unknown> {
  const value = typeof body === 'string' || Buffer.isBuffer(body) ? parseJson(body.toString()) : body
  const doc = asRaw(value)
  if (doc !== value || doc.format !== 'spotter') {
    throw BadRequestError.field('/line/1', 'is not a Spotter export: a GET /export document has "format": "spotter"')
  }
  if (doc.version !== 1) {
    throw BadRequestError.field('/line/1', `has /version ${JSON.stringify(doc.version)}: this server reads version 1`)
  }
  for (const key of SECTIONS) {
    if (doc[key] !== undefined && !Array.isArray(doc[key])) throw BadRequestError.field(`/${key}`, 'must be an array')
  }
  return doc
}

/** Each member's items through `read`, the kept ones in order, every problem a bad line. */
function readAll<T> (
  doc: Record<string, unknown>,
  key: typeof SECTIONS[number],
  read: (raw: unknown, at: string) => { item?: T, problems: Problems },
  badLines: LineProblem[]
): T[] {
  const kept: T[] = []
  asList(doc[key]).forEach((raw, i) => {
    const { item, problems } = read(raw, `/${key}/${i}`)
    for (const message of problems.values()) badLines.push({ line: 1, message })
    if (item !== undefined) kept.push(item)
  })
  return kept
}

/** `body`: the document's text (a Buffer or string), or the document already parsed. */
export function parseSpotterDocument (body: unknown): ParsedFile {
  const doc = readDocument(body)
  const badLines: LineProblem[] = []
  const file: ParsedFile = {
    rows: 0,
    customExercises: readAll(doc, 'customExercises', readCustomExercise, badLines),
    workouts: readAll(doc, 'workouts', readWorkout, badLines),
    progressLogs: readAll(doc, 'progressLogs', readLog, badLines),
    goals: readAll(doc, 'goals', readGoal, badLines),
    plans: readAll(doc, 'plans', readPlan, badLines),
    warnings: [],
    badLines
  }
  // Records read, as a CSV's data lines: every set and log, custom exercise, goal and plan.
  const sets = asList(doc.workouts).reduce<number>((n, w) =>
    n + asList(asRaw(w).exercises).reduce<number>((m, e) => m + asList(asRaw(e).sets).length, 0), 0)
  file.rows = sets + SECTIONS.filter((k) => k !== 'workouts').reduce((n, k) => n + asList(doc[k]).length, 0)
  return file
}
