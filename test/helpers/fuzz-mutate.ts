import fc from 'fast-check'
import { deref, hostileString, RealValue, type Schema } from './fuzz-schema.js'

/**
 * Invalid variants of a valid JSON body (test/contract-fuzz.test.ts): one node of it changed by one
 * mutation, or raw text that is not the body at all. `value` is the body as the server will parse
 * it when that is known (to decide whether it breaks the schema), else undefined.
 */
export interface BodyText { text: string, value?: unknown }

export type Mutation =
  | { kind: 'wrongType', at: number, value: unknown }
  | { kind: 'dropRequired', at: number, pick: number }
  | { kind: 'unknownField', at: number, key: string, value: unknown }
  | { kind: 'outOfRange', at: number, pick: number }
  | { kind: 'hostile', at: number, value: string }
  | { kind: 'hugeArray', at: number, length: number, item: unknown }
  | { kind: 'hugeString', at: number, length: number, unit: string }
  | { kind: 'deep', at: number, depth: number, shape: 'array' | 'object' }
  | { kind: 'rawNumber', at: number, text: string }
  | { kind: 'duplicateKey', key: string, value: unknown }

const at = fc.nat({ max: 1000 })
const WRONG = [0, 1.5, -1, 'text', '', true, false, null, [], [1], {}, { a: 1 }, '123', '2026-01-01', 'true']
const KEYS = [
  'unknown', 'isAdmin', 'userId', 'createdAt', '__proto__', 'constructor', 'prototype', '', ' ', 'a'.repeat(500),
  '\u0000', '$where'
]
const RAW_NUMBERS = [
  '1e400', '-1e400', '-0', '1E2', '1e-400', '123456789012345678901234567890', '0.30000000000000004', '4.9e-324'
]
const kind = <K extends Mutation['kind']>(k: K): fc.Arbitrary<K> => fc.constant(k)
export const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>): fc.WeightedArbitrary<T> =>
  ({ weight, arbitrary })

// Big values cost milliseconds to build and send: rarer than the rest.
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  weighted(6, fc.record({ kind: kind('wrongType'), at, value: fc.constantFrom(...WRONG) })),
  weighted(6, fc.record({ kind: kind('dropRequired'), at, pick: fc.nat() })),
  weighted(6, fc.record({
    kind: kind('unknownField'),
    at,
    key: fc.oneof(fc.constantFrom(...KEYS), hostileString),
    value: fc.jsonValue({ maxDepth: 1 })
  })),
  weighted(6, fc.record({ kind: kind('outOfRange'), at, pick: fc.nat() })),
  weighted(6, fc.record({ kind: kind('hostile'), at, value: hostileString })),
  weighted(1, fc.record({
    kind: kind('hugeArray'),
    at,
    length: fc.constantFrom(101, 1001, 10_000, 100_000),
    item: fc.constantFrom(0, 'x', {}, null, [[]])
  })),
  weighted(1, fc.record({
    kind: kind('hugeString'),
    at,
    length: fc.constantFrom(4001, 100_000, 1_100_000),
    unit: fc.constantFrom('a', '€', '\u0000', '\ud83d')
  })),
  weighted(1, fc.record({
    kind: kind('deep'),
    at,
    depth: fc.constantFrom(64, 1000, 5000, 20_000, 50_000),
    shape: fc.constantFrom('array' as const, 'object' as const)
  })),
  weighted(3, fc.record({ kind: kind('rawNumber'), at, text: fc.constantFrom(...RAW_NUMBERS) })),
  weighted(3, fc.record({
    kind: kind('duplicateKey'), key: fc.string({ maxLength: 8 }), value: fc.jsonValue({ maxDepth: 1 })
  }))
)

/** Whole bodies that are not the operation's body: broken JSON, other JSON values, prototype keys. */
const RAW = [
  '{', '}', '{"a":}', '[1,]', '{"a":1,}', "{'a':1}", 'undefined', 'NaN', '{"a":1}garbage', '{"a":1} {"b":2}',
  '// c\n{}', '\ufeff{}', 'null', '[]', '"text"', '123', 'true', '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '{"a":"\\x41"}', '{"a":01}',
  '{"a":0x10}', '{"a":Infinity}', ' ', '\n', '{"a":1', ' {} ', '{"a":"\u0000"}', '\u0000', '{"a":1}\u0000'
]
export const rawBodyArb: fc.Arbitrary<string> = fc.oneof(
  weighted(4, fc.constantFrom(...RAW)),
  weighted(2, fc.json({ maxDepth: 3 })),
  weighted(1, fc.string({ maxLength: 40, unit: 'binary' })),
  weighted(1, fc.constantFrom(64, 1000, 10_000, 50_000).map((d) => '['.repeat(d) + ']'.repeat(d))),
  weighted(1, fc.constantFrom(1000, 10_000, 50_000).map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)))
)

interface Node { parent: Record<string | number, unknown>, key: string | number, schema: Schema }

function objectSchema (s: Schema, components: Record<string, Schema>): Schema {
  const d = deref(s, components)
  return (d.anyOf ?? d.oneOf ?? []).map((a) => deref(a, components)).find((a) => a.properties !== undefined) ?? d
}

/** Every node of the body with the schema it is checked against (unknown places get `{}`). */
function nodesOf (box: { v: unknown }, schema: Schema, components: Record<string, Schema>): Node[] {
  const nodes: Node[] = []
  const walk = (parent: Record<string | number, unknown>, key: string | number, s: Schema): void => {
    nodes.push({ parent, key, schema: s })
    const value = parent[key]
    if (Array.isArray(value)) {
      const items = deref(s, components).items ?? objectSchema(s, components).items ?? {}
      value.forEach((_, i) => { walk(value as unknown as Record<number, unknown>, i, items) })
    } else if (value !== null && typeof value === 'object' && !(value instanceof RealValue)) {
      const o = objectSchema(s, components)
      for (const k of Object.keys(value)) walk(value as Record<string, unknown>, k, o.properties?.[k] ?? {})
    }
  }
  walk(box as unknown as Record<string, unknown>, 'v', schema)
  return nodes
}

function outOfRange (value: unknown, s: Schema, pick: number): unknown {
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type
  const options: unknown[] = []
  if (type === 'number' || type === 'integer') {
    if (s.minimum !== undefined) options.push(s.minimum - 1, s.minimum - 1e-9)
    if (s.maximum !== undefined) options.push(s.maximum + 1, s.maximum + 1e-9)
    if (s.exclusiveMinimum !== undefined) options.push(s.exclusiveMinimum)
    if (s.multipleOf !== undefined) options.push(s.multipleOf / 3)
    if (type === 'integer') options.push(0.5, 2 ** 53 + 2)
    options.push(1e308, -1e308)
  } else if (type === 'string') {
    const constrained = s.enum !== undefined || s.format !== undefined
    options.push('x'.repeat((s.maxLength ?? 10_000) + 1), constrained ? 'not-a-valid-value' : '')
  } else if (type === 'array') {
    const item = Array.isArray(value) && value.length > 0 ? value[0] : 0
    options.push(Array.from({ length: (s.maxItems ?? 1000) + 1 }, () => item), [], [item, item])
  }
  return options.length === 0 ? { out: 'of range' } : options[pick % options.length]
}

const SPLICE = '\u0001splice\u0001'

/** The mutated body as text; values the JSON text cannot carry (deep nesting, 1e400) are spliced in. */
export function mutate (valid: unknown, schema: Schema, components: Record<string, Schema>, m: Mutation): BodyText {
  const box = { v: structuredClone(valid) }
  if (m.kind === 'duplicateKey') {
    const text = JSON.stringify(box.v)
    if (!text.endsWith('}')) return { text, value: box.v }
    const extra = `${JSON.stringify(m.key)}:${JSON.stringify(m.value)}`
    return { text: text.length > 2 ? `${text.slice(0, -1)},${extra}}` : `{${extra}}` }
  }
  const nodes = nodesOf(box, schema, components)
  const node = nodes[m.at % nodes.length]
  const current = node.parent[node.key]
  let splice: string | undefined
  switch (m.kind) {
    case 'wrongType': node.parent[node.key] = m.value; break
    case 'hostile': node.parent[node.key] = m.value; break
    case 'outOfRange': node.parent[node.key] = outOfRange(current, deref(node.schema, components), m.pick); break
    case 'hugeArray': node.parent[node.key] = Array.from({ length: m.length }, () => m.item); break
    // `length` is about the bytes it takes in the JSON text (an escaped NUL takes six).
    case 'hugeString': {
      const bytes = Buffer.byteLength(JSON.stringify(m.unit).slice(1, -1))
      node.parent[node.key] = m.unit.repeat(Math.ceil(m.length / bytes))
      break
    }
    case 'dropRequired': {
      const objects = nodes.filter((n) => isObject(n.parent[n.key]))
      const target = objects[m.pick % Math.max(1, objects.length)]
      const obj = target === undefined ? undefined : target.parent[target.key] as Record<string, unknown>
      const keys = obj === undefined ? [] : Object.keys(obj)
      if (obj !== undefined && keys.length > 0) Reflect.deleteProperty(obj, keys[m.at % keys.length])
      break
    }
    case 'unknownField': {
      const objects = nodes.filter((n) => isObject(n.parent[n.key]))
      const target = objects[m.at % Math.max(1, objects.length)] ?? nodes[0]
      const obj = target.parent[target.key]
      const property = { value: m.value, enumerable: true, writable: true, configurable: true }
      if (isObject(obj)) Object.defineProperty(obj, m.key, property)
      else target.parent[target.key] = { [m.key]: m.value }
      break
    }
    case 'deep':
      node.parent[node.key] = SPLICE
      splice = m.shape === 'array'
        ? '['.repeat(m.depth) + ']'.repeat(m.depth)
        : '{"a":'.repeat(m.depth) + 'null' + '}'.repeat(m.depth)
      break
    case 'rawNumber': node.parent[node.key] = SPLICE; splice = m.text; break
  }
  const text = JSON.stringify(box.v)
  if (splice === undefined) return { text, value: box.v }
  return { text: text.replace(JSON.stringify(SPLICE), splice) }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RealValue)
