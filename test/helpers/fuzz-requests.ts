import type { InjectOptions } from 'fastify'
import { CONTENT_TYPES, type FuzzOperation, type RequestSpec } from './fuzz-operations.js'
import { mutate } from './fuzz-mutate.js'
import { RealValue } from './fuzz-schema.js'
import type { FuzzUser, World } from './fuzz-world.js'
import { matchOperation, type Operation } from './openapi-check.js'

/**
 * A generated RequestSpec made concrete against the World (real ids, tokens), with what the
 * contract then demands of the answer whatever the server's rules (the `expect` of fuzz-oracle.ts).
 */
export interface Prepared {
  options: InjectOptions & { headers: Record<string, string>, url: string }
  op: FuzzOperation
  /** The caller's token is valid (true), surely invalid or missing (false), or not known (undefined). */
  authorized: boolean | undefined
  caller?: FuzzUser
  /** Path ids that belong to another user than the caller. */
  foreign: boolean
  /** The URL reaches this operation (not another route, a 404, or a URL the router refuses). */
  routable: boolean
  /** The body as sent: kind of content type, size, and whether it parses and fits the schema. */
  body: {
    sent: boolean
    media: 'json' | 'none' | 'other' | 'charset' | 'unknown'
    oversize: boolean
    json?: boolean
    valid?: boolean
  }
  paramsValid?: boolean
  queryValid?: boolean
}

const LIMIT = 1024 * 1024
const BIG = 100_000
const GARBAGE_AUTH = [
  'Bearer', 'Bearer ', 'Bearer x.y.z', 'Basic dXNlcjpwYXNz', `Bearer ${'a'.repeat(5000)}`, 'Token abc', 'Bearer null',
  'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', '{token}', 'tampered', 'other-scheme', 'ambiguous-case',
  'ambiguous-space'
]
// The events route opens a never-ending text/event-stream for a caller's own workout, which app.inject
// cannot read (test/guide-stream.test.ts reads it over a socket): such requests get a random id instead.
const STREAM = '/api/v1/workouts/{id}/guide/events'

interface Auth { header?: string, caller?: FuzzUser, authorized: boolean | undefined }

function authHeader (spec: RequestSpec, world: World): Auth {
  const [me, other] = world.users
  const a = spec.auth
  if (a.kind === 'own') return { header: `Bearer ${me.token}`, caller: me, authorized: true }
  if (a.kind === 'other') return { header: `Bearer ${other.token}`, caller: other, authorized: true }
  if (a.kind === 'none') return { authorized: false }
  const kind = GARBAGE_AUTH[a.header % GARBAGE_AUTH.length]
  const [head, payload, signature] = me.token.split('.')
  const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11)
  switch (kind) {
    case 'tampered': return { header: `Bearer ${head}.${payload}.${flipped}`, authorized: false }
    case 'other-scheme': return { header: `Basic ${me.token}`, authorized: false }
    case 'ambiguous-case': return { header: `bearer ${me.token}`, caller: me, authorized: undefined }
    case 'ambiguous-space': return { header: `Bearer  ${me.token}`, caller: me, authorized: undefined }
    default: return { header: kind, authorized: false }
  }
}

/** Real values for RealValue markers: ids the caller (or the other user) has, its password or tokens. */
function realize (value: unknown, world: World, caller: FuzzUser): unknown {
  if (value instanceof RealValue) {
    const [me, other] = world.users
    const user = value.pick % 5 === 4 ? (caller === me ? other : me) : caller
    if (/password/i.test(value.field)) return value.field === 'newPassword' ? 'a fresh passphrase' : user.password
    if (value.field === 'refreshToken') return user.refreshToken
    if (/token/i.test(value.field)) return user.token
    if (/email/i.test(value.field)) return user.email
    const ids = value.field === 'exerciseId' ? world.exerciseIds(user.userId) : world.idsOf(user.userId)
    return ids.length === 0 ? '0190a0a0-0000-7000-8000-000000000000' : ids[Math.floor(value.pick / 5) % ids.length]
  }
  if (Array.isArray(value)) return value.map((v) => realize(v, world, caller))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, realize(v, world, caller)]))
  }
  return value
}

function mediaOf (contentType: string | undefined): Prepared['body']['media'] {
  if (contentType === undefined) return 'none'
  const [essence, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase())
  if (essence.includes(',')) return 'unknown'
  if (essence !== 'application/json') return 'other'
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8)
  // `application/json;;` and lists are malformed; parsers differ on them, the contract does not say.
  if (params.some((p) => p === '') || contentType.includes(',')) return 'unknown'
  return charset === undefined || charset === 'utf-8' ? 'json' : 'charset'
}

// A URL cannot carry a lone surrogate: it is sent as U+FFFD (bodies carry them as \uD800 escapes).
const wellFormed = (text: string): string =>
  text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
const encode1 = (text: string): string => encodeURIComponent(wellFormed(text))
const encode = (text: string, encoding: RequestSpec['encoding']): Buffer =>
  encoding === 'utf16le'
    ? Buffer.from(text, 'utf16le')
    : encoding === 'invalid-utf8'
      ? Buffer.concat([Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(text)])
      : Buffer.from(text)

// find-my-way refuses longer path parameters (src/app.ts, maxParamLength).
const MAX_PARAM = 200

export function prepare (spec: RequestSpec, ops: FuzzOperation[], world: World, contract: Operation[]): Prepared {
  const op = ops[spec.op]
  const auth = authHeader(spec, world)
  const caller = auth.caller ?? world.users[0]
  const notCaller = world.users.find((u) => u !== caller) ?? caller
  const owner = spec.ids.owner === 'caller' ? caller : notCaller
  const real = spec.ids.owner === 'fresh' ? undefined : world.tuple(op.path, owner.userId, spec.ids.pick)
  const values = op.params.map((p, i) => ({ value: real?.[p.name] ?? spec.ids.fresh[i], raw: false }))
  const override = spec.ids.override
  if (override !== undefined && values.length > 0) {
    values[override.index % values.length] = { value: override.value.value, raw: override.value.kind === 'raw' }
  }
  const owns = (id: string, user: FuzzUser): boolean => world.owners.get(id)?.has(user.userId) === true
  if (op.path === STREAM && auth.authorized !== false && owns(values[0].value, caller)) {
    values[0] = { value: spec.ids.fresh[0], raw: false }
  }
  let i = 0
  let url = op.path.replace(/\{[^}]+\}/g, () => {
    const v = values[i++]
    return v.raw ? v.value : encode1(v.value)
  })
  if (spec.trailingSlash) url += '/'
  const query = spec.query.map(([k, v]) => [k, realize(v, world, caller)] as const)
  const search = query.map(([k, v]) => `${encode1(k)}=${encode1(String(v))}`).join('&') + spec.rawQuery
  if (search !== '') url += `?${search.replace(/^&/, '')}`

  const headers: Record<string, string> = Object.fromEntries(spec.headers)
  if (auth.header !== undefined) headers.authorization = auth.header
  const contentTypeName = CONTENT_TYPES[spec.contentType]
  let text: string | undefined
  let parsed: { value?: unknown } | undefined
  const b = spec.body
  if (b.kind === 'valid') {
    text = JSON.stringify(realize(b.value, world, caller))
    parsed = { value: JSON.parse(text) }
  }
  if (b.kind === 'mutated') {
    const out = mutate(realize(b.value, world, caller), op.body ?? {}, {}, b.mutation)
    text = out.text
    // Big ones are left to the generic checks: judging them here costs more than sending them.
    parsed = out.value === undefined || text.length > BIG ? undefined : { value: JSON.parse(text) }
  }
  if (b.kind === 'raw') {
    text = b.text
    // The app's parser also refuses __proto__ and constructor.prototype keys, which JSON.parse takes.
    // secure-json-parse drops a leading BOM.
    if (plainRaw(text)) {
      try { parsed = { value: JSON.parse(text.replace(/^\ufeff/, '')) } } catch { parsed = undefined }
    }
  }
  // Raw text: JSON or not as JSON.parse says where the app's parser agrees; other bodies are JSON when known.
  const rawVerdict = parsed !== undefined ? true : plainRaw(text ?? '') ? false : undefined
  const json = b.kind === 'raw' ? rawVerdict : parsed === undefined ? undefined : true
  // A body goes with the generated content type ('none': no header); no body goes without one, or
  // now and then as an empty body with a content type.
  const payload = text !== undefined
    ? encode(text, spec.encoding)
    : spec.contentType === 0 ? undefined : Buffer.alloc(0)
  const contentType = payload === undefined || contentTypeName === 'none' ? undefined : contentTypeName
  if (contentType !== undefined) headers['content-type'] = contentType
  const sent = payload !== undefined && payload.length > 0
  const utf8 = spec.encoding === 'utf8'
  const media = mediaOf(contentType)
  // Thousands of levels overflow the validator's recursion here (the server's own check is what is under test).
  if (text !== undefined && text.length > 1000 && (text.length > LIMIT || nesting(text) > 500)) parsed = undefined
  const judgeable = parsed !== undefined && utf8 && op.validateBody !== undefined
  const valid = judgeable ? op.validateBody?.(structuredClone(parsed?.value)) : undefined
  const decoded = values.map((v) => {
    try { return decodeURIComponent(v.raw ? v.value : wellFormed(v.value)) } catch { return undefined }
  })
  const rawParams = values.some((v) => v.raw)
  const encoded = values.map((v) => v.raw ? v.value : encode1(v.value))
  const routable = !rawParams && encoded.every((e) => e.length <= MAX_PARAM) &&
    matchOperation(contract, op.method, url)?.path === op.path
  return {
    options: {
      method: op.method as InjectOptions['method'], url, headers, ...(payload === undefined ? {} : { payload })
    },
    op,
    authorized: op.secured ? auth.authorized : true,
    caller: auth.authorized === false ? undefined : auth.caller,
    routable,
    foreign: auth.authorized !== false && values.some((v) => world.owners.has(v.value) && !owns(v.value, caller)),
    body: { sent, media, oversize: (payload?.length ?? 0) > LIMIT, json: utf8 ? json : undefined, valid },
    paramsValid: rawParams || decoded.includes(undefined)
      ? undefined
      : op.validateParams(Object.fromEntries(op.params.map((p, j) => [p.name, decoded[j]]))),
    queryValid: spec.rawQuery !== '' ? undefined : op.validateQuery(groupQuery(query))
  }
}

/** Raw text whose JSON.parse verdict is the app's (no prototype keys, not deep). */
const plainRaw = (text: string): boolean =>
  !/__proto__|constructor/.test(text) && (text.length < 1000 || nesting(text) <= 500)

/** How deep arrays and objects nest in a JSON text (strings skipped). */
function nesting (text: string): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) { if (c === '\\') i++; else if (c === '"') inString = false; continue }
    if (c === '"') inString = true
    else if (c === '[' || c === '{') max = Math.max(max, ++depth)
    else if (c === ']' || c === '}') depth--
  }
  return max
}

/** The query as Fastify's parser gives it to validation: a repeated key becomes an array. */
function groupQuery (pairs: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of pairs) {
    const s = wellFormed(String(v))
    const prev = out[k]
    out[k] = prev === undefined ? s : Array.isArray(prev) ? [...prev, s] : [prev, s]
  }
  return out
}
