import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import type { TSchema } from 'typebox'
import { BadRequestError } from '../../../lib/errors.js'

/**
 * Checking a document's items against the modules' own create-body schemas (their bounds and
 * sizes), problem by problem. A problem drops the smallest unit that holds it, as a bad line
 * of a CSV file drops that line: a set, a workout exercise, a plan day or item, a progress
 * update, else the whole item. Units and messages are JSON pointers into the document
 * (`/workouts/3/exercises/0/sets/2/reps must be <= 1000`).
 */
const ajv = addFormats.default(new Ajv({ allErrors: true, strict: false, useDefaults: false, coerceTypes: false }))

export const compile = (schema: TSchema): ValidateFunction => ajv.compile(schema)

/** Problems by unit (a pointer relative to the item; '' the item itself), each unit's first message. */
export type Problems = Map<string, string>

/** The unit an error at `path` drops: the deepest member of one of `collections` on the way. */
function unitOf (path: string, collections: readonly string[]): string {
  const segments = path.split('/').slice(1)
  let unit = ''
  for (let i = 1; i < segments.length; i++) {
    if (collections.includes(segments[i - 1]) && /^\d+$/.test(segments[i])) unit = `/${segments.slice(0, i + 1).join('/')}`
  }
  return unit
}

export function addProblem (problems: Problems, unit: string, message: string): void {
  if (!problems.has(unit)) problems.set(unit, message)
}

/** The schema's errors of `input` (at `prefix` in the document), by the unit each drops. */
export function schemaProblems (
  validate: ValidateFunction,
  input: unknown,
  prefix: string,
  collections: readonly string[],
  problems: Problems = new Map()
): Problems {
  if (validate(input) === true) return problems
  for (const e of validate.errors ?? []) {
    const allowed = e.keyword === 'enum' ? `: ${(e.params.allowedValues as unknown[]).join(', ')}` : ''
    const detail = `${e.message ?? 'is invalid'}${allowed}`
    addProblem(problems, unitOf(e.instancePath, collections), `${prefix}${e.instancePath} ${detail}`)
  }
  return problems
}

/** Runs a check that throws the modules' 400s (bounds the schemas cannot say) as one more problem. */
export function check (problems: Problems, unit: string, fn: () => void): void {
  try {
    fn()
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error
    addProblem(problems, unit, error.message)
  }
}

/** A copy of `node` without the units (pointers) in `dropped`. */
export function prune<T> (node: T, dropped: Set<string>, path = ''): T {
  if (Array.isArray(node)) {
    return node.flatMap((child, i) => dropped.has(`${path}/${i}`) ? [] : [prune(child, dropped, `${path}/${i}`)]) as T
  }
  if (node === null || typeof node !== 'object') return node
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, prune(v, dropped, `${path}/${k}`)])) as T
}
