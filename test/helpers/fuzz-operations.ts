import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import fc from 'fast-check'
import { mutationArb, rawBodyArb, weighted, type Mutation } from './fuzz-mutate.js'
import { hostileString, valueArb, type Schema } from './fuzz-schema.js'

/**
 * The operations of /openapi.json as the contract fuzzer (test/contract-fuzz.test.ts) sends them:
 * what each takes, validators that judge a generated input as the app does (src/plugins/validation.ts:
 * bodies exactly, path and query coerced from text), and the arbitrary of one request to it.
 */
export interface Param { name: string, schema: Schema, required: boolean }
export interface FuzzOperation {
  method: string
  path: string
  params: Param[]
  query: Param[]
  body?: Schema
  /** The body may also be another media type (CSV imports), with a size limit of its own. */
  otherMedia: boolean
  secured: boolean
  weight: number
  validateBody?: ValidateFunction
  validateParams: ValidateFunction
  validateQuery: ValidateFunction
}

interface ParameterDoc { in: string, name: string, required?: boolean, schema?: Schema }
interface OperationDoc {
  parameters?: ParameterDoc[]
  security?: unknown[]
  requestBody?: { content?: Record<string, { schema?: Schema }> }
}
export interface Doc {
  paths: Record<string, Record<string, OperationDoc>>
  components?: { schemas?: Record<string, Schema> }
}

const shared = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false } as const
const bodyAjv = addFormats.default(new Ajv({ ...shared, coerceTypes: false }))
const textAjv = addFormats.default(new Ajv({ ...shared, coerceTypes: 'array' }))
const objectOf = (params: Param[]): Schema => ({
  type: 'object',
  properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
  required: params.filter((p) => p.required).map((p) => p.name)
})
// Password hashing makes these a thousand times slower than the rest: sent less often.
const SLOW = /\/auth\/(register|login)$|\/me\/password$|^DELETE \/api\/v1\/me$/

// Request schemas of the document hold no $ref (checked: fuzzOperations throws on one).
export function fuzzOperations (doc: Doc): FuzzOperation[] {
  const ops: FuzzOperation[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const parameters = (op.parameters ?? [])
        .map((p) => ({ name: p.name, schema: p.schema ?? {}, required: p.required === true, in: p.in }))
      const params = parameters.filter((p) => p.in === 'path')
      const query = parameters.filter((p) => p.in === 'query')
      const body = op.requestBody?.content?.['application/json']?.schema
      if (JSON.stringify([body, parameters]).includes('"$ref"')) throw new Error(`${path}: $ref in a request schema`)
      const key = `${method.toUpperCase()} ${path}`
      ops.push({
        method: method.toUpperCase(),
        path,
        params,
        query,
        body,
        otherMedia: Object.keys(op.requestBody?.content ?? {}).some((type) => type !== 'application/json'),
        secured: (op.security ?? []).length > 0,
        weight: SLOW.test(key) || SLOW.test(path) ? 1 : 10,
        validateBody: body === undefined ? undefined : bodyAjv.compile(body),
        validateParams: textAjv.compile(objectOf(params)),
        validateQuery: textAjv.compile(objectOf(query))
      })
    }
  }
  return ops
}

export interface ParamOverride { kind: 'uuid' | 'text' | 'raw', value: string }
export type BodySpec =
  | { kind: 'none' }
  | { kind: 'valid', value: unknown }
  | { kind: 'mutated', value: unknown, mutation: Mutation }
  | { kind: 'raw', text: string }
export type AuthSpec = { kind: 'own' } | { kind: 'other' } | { kind: 'none' } | { kind: 'garbage', header: number }
export interface RequestSpec {
  op: number
  auth: AuthSpec
  ids: {
    owner: 'caller' | 'notCaller' | 'fresh'
    pick: number
    fresh: string[]
    override?: { index: number, value: ParamOverride }
  }
  query: Array<[string, unknown]>
  rawQuery: string
  body: BodySpec
  contentType: number
  encoding: 'utf8' | 'utf16le' | 'invalid-utf8'
  headers: Array<[string, string]>
  trailingSlash: boolean
}

/** Not percent-encoded when sent: malformed escapes, dot segments, encoded slashes. */
export const RAW_SEGMENTS = [
  '%zz', '%', '%E0%A4%A', '%00', '%2F', '..', '.', '%2e%2e', 'a%2Fb', '%u0041', '%C0%AF', '%FF', ';', 'a;b=c'
]
/** Index 0 is application/json itself; the rest are other content types or charsets. */
export const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON; Charset=UTF-8',
  'application/json; charset=utf-16', 'application/json; charset=utf-16le', 'application/json; charset=iso-8859-1',
  'application/json; charset=utf-32', 'text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x', 'application/xml',
  'application/vnd.api+json', 'application/merge-patch+json', 'application/json-patch+json', '', 'application/jsonx',
  '*/*', 'text/json', 'application/json;;', 'application/octet-stream', 'application/json, text/plain', 'none'
]
const EXTRA_HEADERS: Array<[string, string]> = [
  ['accept', 'text/html'], ['accept', 'application/xml'], ['accept', 'application/problem+json'],
  ['if-none-match', '*'], ['if-match', '"nope"'], ['accept-encoding', 'gzip, br'], ['x-http-method-override', 'DELETE'],
  ['content-encoding', 'gzip'], ['x-forwarded-for', '203.0.113.9'], ['x-request-id', '../../etc'],
  ['last-event-id', '999999'], ['origin', 'https://evil.example']
]
const QUERY_JUNK = [
  '', '&%zz=1', '&a[b]=1', '&&&', '&=', '&a=%00', '&limit=1&limit=2', '&__proto__=x', '&constructor=x', '&cursor=%ff'
]
const queryInvalid = fc.oneof(
  hostileString, fc.constantFrom('abc', '-1', '1e9', '0', '101', '', '1.5', 'true', '2026-02-30', '9'.repeat(40))
)
type Pair = [string, unknown]

function queryArb (query: Param[], components: Record<string, Schema>): fc.Arbitrary<Pair[]> {
  const perParam = query.map((p) => fc.oneof(
    weighted(3, fc.constant<Pair[]>([])),
    weighted(3, valueArb(p.schema, components, p.name)
      .map((v) => (Array.isArray(v) ? v : [v]).map((x): Pair => [p.name, x]))),
    weighted(1, fc.array(queryInvalid, { minLength: 1, maxLength: 3 }).map((vs) => vs.map((v): Pair => [p.name, v])))
  ))
  const unknown = fc.oneof(weighted(9, fc.constant<Pair[]>([])), weighted(1, fc.constant<Pair[]>([['unknown', '1']])))
  return fc.tuple(unknown, ...perParam).map((parts) => parts.flat())
}

function bodyArb (op: FuzzOperation, components: Record<string, Schema>): fc.Arbitrary<BodySpec> {
  const none = fc.constant<BodySpec>({ kind: 'none' })
  if (op.method === 'GET' || op.method === 'HEAD') return none
  const raw = rawBodyArb.map((text): BodySpec => ({ kind: 'raw', text }))
  if (op.body === undefined) {
    const json = fc.jsonValue({ maxDepth: 2 }).map((value): BodySpec => ({ kind: 'valid', value }))
    return fc.oneof(weighted(8, none), weighted(1, raw), weighted(1, json))
  }
  const valid = valueArb(op.body, components)
  return fc.oneof(
    weighted(6, valid.map((value): BodySpec => ({ kind: 'valid', value }))),
    weighted(6, fc.tuple(valid, mutationArb)
      .map(([value, mutation]): BodySpec => ({ kind: 'mutated', value, mutation }))),
    weighted(2, raw),
    weighted(1, none)
  )
}

const odd = fc.constantFrom('vocabulary', 'metrics', 'generate', 'a'.repeat(200), 'a'.repeat(201))
const pathOverride: fc.Arbitrary<ParamOverride> = fc.oneof(
  fc.uuid({ version: [1, 4, 7] }).map((value): ParamOverride => ({ kind: 'uuid', value })),
  fc.oneof(hostileString, fc.string({ maxLength: 12 }), odd).map((value): ParamOverride => ({ kind: 'text', value })),
  fc.constantFrom(...RAW_SEGMENTS).map((value): ParamOverride => ({ kind: 'raw', value }))
)
const often = <T>(usual: T, rarely: fc.Arbitrary<T>, odds: number): fc.Arbitrary<T> =>
  fc.oneof(weighted(odds, fc.constant(usual)), weighted(1, rarely))

/** One request to operation `index`: who calls, which ids, what query, body and headers. */
export function requestArb (
  op: FuzzOperation, index: number, components: Record<string, Schema>
): fc.Arbitrary<RequestSpec> {
  const ids = fc.record({
    owner: fc.constantFrom('caller', 'caller', 'caller', 'caller', 'notCaller', 'fresh'),
    pick: fc.nat(),
    fresh: fc.array(fc.uuid({ version: 7 }), { minLength: op.params.length, maxLength: op.params.length }),
    override: fc.option(fc.record({ index: fc.nat(), value: pathOverride }), { freq: 3, nil: undefined })
  }) as fc.Arbitrary<RequestSpec['ids']>
  const auth = fc.oneof(
    weighted(16, fc.constant<AuthSpec>({ kind: 'own' })),
    weighted(2, fc.constant<AuthSpec>({ kind: 'other' })),
    weighted(2, fc.constant<AuthSpec>({ kind: 'none' })),
    weighted(2, fc.nat().map((header): AuthSpec => ({ kind: 'garbage', header })))
  )
  const encoding = fc.constantFrom('utf16le' as const, 'invalid-utf8' as const)
  return fc.record({
    op: fc.constant(index),
    auth,
    ids,
    query: queryArb(op.query, components),
    rawQuery: often('', fc.constantFrom(...QUERY_JUNK), 15),
    body: bodyArb(op, components),
    contentType: often(0, fc.nat({ max: CONTENT_TYPES.length - 1 }), 5),
    encoding: often<RequestSpec['encoding']>('utf8', encoding, 20),
    headers: often<Array<[string, string]>>([], fc.subarray(EXTRA_HEADERS, { maxLength: 3 }), 8),
    trailingSlash: often(false, fc.constant(true), 30)
  })
}

export const weightedRequests = (ops: FuzzOperation[], components: Record<string, Schema>): fc.Arbitrary<RequestSpec> =>
  fc.oneof(...ops.map((op, i) => weighted(op.weight, requestArb(op, i, components))))
