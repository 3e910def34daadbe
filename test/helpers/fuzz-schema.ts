import fc from 'fast-check'

/**
 * Valid values for the JSON Schemas of /openapi.json, as fast-check arbitraries (test/contract-fuzz.test.ts).
 * Only the keywords the document uses are understood; anything else generates loosely and the
 * request's own validation (fuzz-requests.ts) decides whether it was valid after all.
 */
export interface Schema {
  type?: string | string[]
  $ref?: string
  enum?: unknown[]
  const?: unknown
  anyOf?: Schema[]
  oneOf?: Schema[]
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  format?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  multipleOf?: number
  minItems?: number
  maxItems?: number
  uniqueItems?: boolean
  readOnly?: boolean
}

/** A real id to put in a body field at send time, chosen by `pick` from what the fuzz user knows. */
export class RealValue {
  constructor (readonly field: string, readonly pick: number) {}
}

/** Strings that broke other servers: NUL, lone surrogates, bidi and zero-width, injections, odd numbers. */
export const HOSTILE = [
  '\u0000', 'a\u0000b', '\ud800', 'x\udc00y', '\u202eevil\u202c', '\u200b', 'a\u200db', '\ufeffbom', '\u2028\u2029',
  '\u0085', 'e\u0301\u0301\u0301', 'مرحبا بالعالم', 'שלום', '🏋️‍♀️💪🏽', 'ｆｕｌｌ', 'İß', '\\', '"', '\'', '\n\r\t', ' ', '',
  "' OR '1'='1", "'; DROP TABLE users; --", '1; SELECT pg_sleep(3); --', '" OR ""="', '%', '_', '%%', '*',
  '<script>alert(1)</script>', '$' + '{7*7}', '{{7*7}}', '__proto__', 'constructor', 'prototype', 'toString',
  '../../etc/passwd', '%00', '%s%n%x', 'null', 'undefined', 'NaN', 'Infinity', '-Infinity', '-0', '1e309',
  '0x1F', '١٢٣', 'custom:', 'custom:../x', 'custom:UPPER', 'UTC', 'Europe/London', 'Etc/GMT+14',
  '0190a0a0-0000-7000-8000-000000000000', '0190A0A0-0000-7000-8000-000000000000',
  '{0190a0a0-0000-7000-8000-000000000000}',
  'urn:uuid:0190a0a0-0000-7000-8000-000000000000', '2026-02-30', '2026-13-01T00:00:00Z', '0000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.000Z', '2026-01-01T24:00:00Z', '2026-01-01T00:00:00+25:00', 'a'.repeat(201), 'é'.repeat(4001)
]

export const hostileString = fc.constantFrom(...HOSTILE)

type Components = Record<string, Schema>
const typesOf = (s: Schema): string[] => s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type]

/** `{ $ref: '#/components/schemas/X' }` or `X#` to the schema it names. */
export function deref (schema: Schema, components: Components): Schema {
  let s = schema
  for (let i = 0; s.$ref !== undefined && i < 10; i++) {
    const name = s.$ref.replace(/^#\/components\/schemas\//, '').replace(/#$/, '')
    s = components[name] ?? {}
  }
  return s
}

// Bounded sizes keep a valid body small; mutations (fuzz-mutate.ts) make the big ones.
const MAX_TEXT = 24
const MAX_ITEMS = 3
const instant = fc.date({
  min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true
})
const two = (n: number): string => String(n).padStart(2, '0')
const offsetOf = (minutes: number): string => minutes === 0
  ? 'Z'
  : `${minutes < 0 ? '-' : '+'}${two(Math.floor(Math.abs(minutes) / 60))}:${two(Math.abs(minutes) % 60)}`
const dateTime = fc.tuple(instant, fc.constantFrom(0, 0, 60, -300, 330, 840, -720)).map(([d, offset]) => {
  const local = new Date(d.getTime() + offset * 60_000).toISOString()
  return `${local.slice(0, 23)}${offsetOf(offset)}`
})
const calendarDate = instant.map((d) => d.toISOString().slice(0, 10))

function stringArb (s: Schema, field: string): fc.Arbitrary<unknown> {
  const min = s.minLength ?? 0
  const max = Math.max(min, Math.min(s.maxLength ?? MAX_TEXT, MAX_TEXT))
  if (s.format === 'uuid') return fc.oneof(fc.nat().map((n) => new RealValue(field, n)), fc.uuid({ version: [4, 7] }))
  if (s.format === 'date-time') return dateTime
  if (s.format === 'date') return calendarDate
  const real = fc.nat().map((n) => new RealValue(field, n))
  if (/password|token/i.test(field)) return fc.oneof(real, fc.string({ minLength: min, maxLength: max }))
  if (/email/i.test(field)) return fc.oneof(real, fc.emailAddress())
  if (/zone/i.test(field)) return fc.constantFrom('UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Pacific/Kiritimati')
  if (field === 'metric') return fc.constantFrom('body_weight', 'body_fat', 'waist', 'custom:grip', 'custom:vo2_max')
  const unit = fc.constantFrom('grapheme' as const, 'grapheme-ascii' as const, 'binary' as const)
  const text = unit.chain((u) => fc.string({ minLength: min, maxLength: max, unit: u }))
  const fits = hostileString.filter((h) => [...h].length >= min && [...h].length <= (s.maxLength ?? Infinity))
  return fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fits })
}

function numberArb (s: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-3) : -1e6)
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-3) : 1e6)
  if (s.multipleOf !== undefined) {
    const step = s.multipleOf
    return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) })
      .map((k) => Number((k * step).toFixed(10)))
  }
  const whole = fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
  if (integer) return fc.oneof(fc.constantFrom(Math.ceil(min), Math.floor(max)), whole)
  const double = fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => Object.is(x, -0) ? 0 : x)
  return fc.oneof(fc.constantFrom(min, max), whole, double)
}

function objectArb (s: Schema, components: Components, depth: number): fc.Arbitrary<unknown> {
  const model: Record<string, fc.Arbitrary<unknown>> = {}
  const required = (s.required ?? []).filter((k) => s.properties?.[k] !== undefined)
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    if (deref(child, components).readOnly === true) continue
    model[key] = valueArb(child, components, key, depth + 1)
  }
  return fc.record(model, { requiredKeys: required.filter((k) => model[k] !== undefined) })
}

/** A value valid for `schema` (as far as the keywords above go); `field` is the property it is for. */
export function valueArb (schema: Schema, components: Components, field = '', depth = 0): fc.Arbitrary<unknown> {
  const s = deref(schema, components)
  if (s.const !== undefined) return fc.constant(s.const)
  if (s.enum !== undefined) return fc.constantFrom(...s.enum)
  const alternatives = s.anyOf ?? s.oneOf
  if (alternatives !== undefined) return fc.oneof(...alternatives.map((a) => valueArb(a, components, field, depth)))
  const types = typesOf(s)
  if (types.length > 1) return fc.oneof(...types.map((type) => valueArb({ ...s, type }, components, field, depth)))
  switch (types[0]) {
    case 'string': return stringArb(s, field)
    case 'integer': return numberArb(s, true)
    case 'number': return numberArb(s, false)
    case 'boolean': return fc.boolean()
    case 'null': return fc.constant(null)
    case 'array': {
      const item = valueArb(s.items ?? {}, components, field, depth + 1)
      const minLength = s.minItems ?? 0
      const maxLength = Math.max(minLength, Math.min(s.maxItems ?? MAX_ITEMS, depth > 1 ? 2 : MAX_ITEMS))
      return s.uniqueItems === true
        ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(item, { minLength, maxLength })
    }
    case 'object': return objectArb(s, components, depth)
    default: return fc.jsonValue({ maxDepth: 2 })
  }
}
