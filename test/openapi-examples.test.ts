import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, describe, test } from 'node:test'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { SMTPServer } from 'smtp-server'
import { createTestApp, register, type Session } from './helpers/app.js'

// The examples of /openapi.json (src/plugins/openapi-examples.ts) are what Swagger UI shows and
// what its "Try it out" sends. This file holds them to that: every body and every JSON success
// answer has one, every request example is accepted as is by a fresh server (the resources its
// path names made first through the API), and every example matches its schema. It reads the
// operations from the document, so an operation added later is covered without a line here.

type Json = Record<string, any>
interface Operation { method: string, path: string, id: string, op: Json }
interface Media { type: string, media: Json }

const METHODS = ['get', 'put', 'post', 'patch', 'delete']
const JSON_MEDIA = /^application\/(.+\+)?json$/
const APP_URL = 'https://app.example.test'

// A real SMTP server catches the password reset mail, as in test/password-reset.test.ts.
const mails: string[] = []
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData (stream, _session, callback) {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => { mails.push(Buffer.concat(chunks).toString('utf8')); callback() })
  }
})
await new Promise<void>((resolve) => { smtp.listen(0, '127.0.0.1', resolve) })
const { port } = smtp.server.address() as AddressInfo
const t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, APP_URL })
const app: FastifyInstance = t.app
after(async () => {
  await t.close()
  await new Promise<void>((resolve) => { smtp.close(resolve) })
})

const doc = (await app.inject({ url: '/openapi.json' })).json<Json>()
const operations: Operation[] = Object.entries<Json>(doc.paths).flatMap(([path, item]) => METHODS
  .filter((method) => item[method] !== undefined)
  .map((method) => ({ method: method.toUpperCase(), path, id: String(item[method].operationId), op: item[method] })))
const byId = new Map(operations.map((o) => [o.id, o]))

const mediaOf = (content: Json | undefined): Media[] =>
  Object.entries<Json>(content ?? {}).map(([type, media]) => ({ type, media }))
const hasExample = (media: Json): boolean =>
  media.example !== undefined || Object.keys(media.examples ?? {}).length > 0
/** The example Swagger UI sends: `example`, else the first of `examples`. */
const exampleOf = (media: Json): unknown => media.example ?? Object.values<Json>(media.examples ?? {})[0]?.value
const successes = (op: Json): Array<[string, Json]> =>
  Object.entries<Json>(op.responses ?? {}).filter(([status]) => /^2/.test(status))

describe('every body and every JSON success answer has an example', () => {
  test('each media type of each request body', () => {
    const missing = operations.flatMap(({ id, op }) => mediaOf(op.requestBody?.content)
      .filter(({ media }) => !hasExample(media)).map(({ type }) => `${id} ${type}`))
    assert.deepEqual(missing, [], 'request bodies without an example (src/plugins/openapi-examples.ts)')
  })

  test('each JSON media type of each 2xx response', () => {
    const missing = operations.flatMap(({ id, op }) => successes(op).flatMap(([status, response]) =>
      mediaOf(response.content).filter(({ type, media }) => JSON_MEDIA.test(type) && !hasExample(media))
        .map(({ type }) => `${id} ${status} ${type}`)))
    assert.deepEqual(missing, [], 'success bodies without an example (src/plugins/openapi-examples.ts)')
  })
})

// ---- Every example matches its schema ----

const DOC_ID = 'spotter:openapi.json'
const ajv = addFormats.default(new Ajv2020({ strict: false, allErrors: true }))
ajv.addSchema({ ...structuredClone(doc), $id: DOC_ID })
const pointer = (tokens: string[]): string =>
  `${DOC_ID}#/${tokens.map((k) => encodeURIComponent(k.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/')}`

type Located = [where: string, schemaRef: string, example: unknown]

/** Each example of a content map, with where it is and the pointer of its schema. */
function examplesIn (content: Json | undefined, at: string[]): Located[] {
  return mediaOf(content).filter(({ type }) => JSON_MEDIA.test(type)).flatMap(({ type, media }) => {
    const values = media.example !== undefined
      ? [media.example]
      : Object.values<Json>(media.examples ?? {}).map((e) => e.value)
    const ref = pointer([...at, 'content', type, 'schema'])
    return values.map((example): Located => [`${at.join(' ')} ${type}`, ref, example])
  })
}

const everyExample = (): Located[] => operations.flatMap(({ method, path, op }) => {
  const at = ['paths', path, method.toLowerCase()]
  const responses = Object.entries<Json>(op.responses ?? {})
  return [
    ...examplesIn(op.requestBody?.content, [...at, 'requestBody']),
    ...responses.flatMap(([status, response]) => examplesIn(response.content, [...at, 'responses', status]))
  ]
})

describe('every example matches its schema', () => {
  test('request and response examples, validated with Ajv (JSON Schema 2020-12)', () => {
    const examples = everyExample()
    assert.ok(examples.length >= operations.length, `only ${examples.length} examples`)
    const problems = examples.flatMap(([where, ref, example]) => {
      const validate: ValidateFunction = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref })
      return validate(example) === true ? [] : [`${where}: ${ajv.errorsText(validate.errors)}`]
    })
    assert.deepEqual(problems, [])
  })
})

// ---- Every request example is accepted as is ----

/** One request example's run: its own fresh user, and the resources its path names. */
interface Run { session: Session }

interface Arrangement {
  /** Path parameters not made by the POST on the path before them: the operation that makes each. */
  params?: Record<string, string>
  /** Query parameters by the body's media type, where the document's defaults do not fit that body. */
  query?: Record<string, Json>
  /** Makes what the body names, and returns the fields that must hold this run's real values. */
  prepare?: (run: Run, body: Json) => Promise<Json>
  /** The success status to expect, where the document lists several that are not a create's 201 and 200. */
  status?: number
}

const inject = async (options: InjectOptions): Promise<LightMyRequestResponse> => await app.inject(options)
const bearer = (session: Session) => ({ authorization: `Bearer ${session.token}` })
const post = async (url: string, payload: Json, session?: Session) =>
  await inject({ method: 'POST', url, payload, headers: session === undefined ? {} : bearer(session) })

/** Frees the example's email: an account with it (the login example's, made below) is deleted first. */
async function freeEmail (body: Json): Promise<Json> {
  const res = await post('/api/v1/auth/login', { email: body.email, password: body.password })
  if (res.statusCode !== 200) return {}
  const headers = { authorization: `Bearer ${res.json<Json>().accessToken as string}` }
  const gone = await inject({ method: 'DELETE', url: '/api/v1/me', payload: { password: body.password }, headers })
  assert.equal(gone.statusCode, 204, gone.body)
  return {}
}

/** The example's account exists: registered now unless an earlier example (register's) made it. */
async function ensureAccount (body: Json): Promise<Json> {
  const res = await post('/api/v1/auth/register', { email: body.email, password: body.password })
  assert.ok(res.statusCode === 201 || res.statusCode === 409, res.body)
  return {}
}

/** The body of a quoted-printable (or 7bit) message, with soft line breaks and =XX decoded. */
const decodeQuotedPrintable = (raw: string): string =>
  raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

/** A real reset token for the run's user, read from the mail as its owner would. */
async function resetToken (run: Run): Promise<Json> {
  const res = await post('/api/v1/auth/password-reset', { email: run.session.email })
  assert.equal(res.statusCode, 202, res.body)
  await app.passwordReset.drain()
  const mail = mails.find((m) => m.includes(run.session.email))
  const text = decodeQuotedPrintable(mail ?? '')
  const token = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1]
  assert.ok(token !== undefined, `no reset link mailed to ${run.session.email}`)
  return { token }
}

/** What the generic arrangement cannot know, by operationId. */
const ARRANGEMENTS: Record<string, Arrangement> = {
  // The example's own email must be free, and taken for the login.
  register: { prepare: async (_run, body) => await freeEmail(body) },
  login: { prepare: async (_run, body) => await ensureAccount(body) },
  // Tokens are made by the server: the run's own replace the example's.
  refreshTokens: { prepare: async (run) => ({ refreshToken: run.session.refreshToken }) },
  confirmPasswordReset: { prepare: resetToken },
  // The guide needs a workout with sets still to do: a started plan day, not a logged session.
  completeGuideStep: { params: { id: 'startPlanDay' } },
  skipGuideStep: { params: { id: 'startPlanDay' } },
  // One route takes each app's file: `source` says which, and it must fit the body's media type.
  createImport: { query: { 'text/csv': { source: 'strong' }, 'application/json': { source: 'spotter' } } }
}

/** The request example of media type `type` (default: the first the operation takes). */
function requestExample (o: Operation, type?: string): Media & { example: unknown } {
  const all = mediaOf(o.op.requestBody?.content)
  const found = type === undefined ? all[0] : all.find((m) => m.type === type)
  assert.ok(found !== undefined, `${o.id} takes no ${type ?? 'request body'}`)
  assert.ok(hasExample(found.media), `${o.id} has no example for ${found.type}`)
  return { ...found, example: exampleOf(found.media) }
}

/** The success status a fresh request answers: 201 for a create (200 is its replay), else the only 2xx. */
function successStatus (o: Operation): number {
  const statuses = successes(o.op).map(([status]) => Number(status))
  const arranged = ARRANGEMENTS[o.id]?.status
  if (arranged !== undefined) return arranged
  if (statuses.includes(201)) return 201
  assert.equal(statuses.length, 1, `${o.id} documents ${statuses.join(', ')}: say in ARRANGEMENTS which to expect`)
  return statuses[0]
}

/** Required query parameters: as arranged for the media type, else their example, default or first allowed value. */
function query (o: Operation, type: string): string {
  const arranged = ARRANGEMENTS[o.id]?.query?.[type] ?? {}
  const required = (o.op.parameters ?? []).filter((p: Json) => p.in === 'query' && p.required === true)
  const pairs = required.map((p: Json) => {
    const value = arranged[p.name] ?? p.example ?? p.schema?.examples?.[0] ?? p.schema?.default ?? p.schema?.enum?.[0]
    assert.ok(value !== undefined, `${o.id}: no value for the required query parameter ${p.name as string}`)
    return `${encodeURIComponent(p.name)}=${encodeURIComponent(String(value))}`
  })
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`
}

const isPublic = (o: Operation): boolean => Array.isArray(o.op.security) && o.op.security.length === 0

interface Request { params: Json, replace?: Json, type?: string }

/** Sends `o`'s request example of `type` (with `replace` merged in); asserts the success status. */
async function send (o: Operation, run: Run, request: Request): Promise<LightMyRequestResponse> {
  const { type, example } = requestExample(o, request.type)
  const { params, replace = {} } = request
  const url = o.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name])) + query(o, type)
  const json = JSON_MEDIA.test(type)
  const payload = json ? { ...(example as Json), ...replace } : String(example)
  const headers = { 'content-type': type, ...(isPublic(o) ? {} : bearer(run.session)) }
  const res = await inject({ method: o.method as InjectOptions['method'], url, headers, payload })
  assert.equal(res.statusCode, successStatus(o), `${o.id} ${o.method} ${url} answered ${res.body}`)
  return res
}

/**
 * The path's parameters, left to right: each is the id of what its maker answers, by default the
 * POST on the path up to it (`/plans/{id}/days` makes `{dayId}` of `/plans/{id}/days/{dayId}`),
 * which shares the parameters before it.
 */
async function pathParams (o: Operation, run: Run, known: Json = {}): Promise<Json> {
  const params = { ...known }
  const segments = o.path.split('/')
  for (const [i, segment] of segments.entries()) {
    const name = /^\{(\w+)\}$/.exec(segment)?.[1]
    if (name === undefined || params[name] !== undefined) continue
    const source = ARRANGEMENTS[o.id]?.params?.[name]
    const maker = source === undefined ? makerAt(segments.slice(0, i).join('/'), o, name) : byId.get(source)
    assert.ok(maker !== undefined, `${o.id}: ${source ?? 'nothing'} makes {${name}}; add it to ARRANGEMENTS`)
    params[name] = await make(maker, run, source === undefined ? params : {})
  }
  return params
}

function makerAt (collection: string, o: Operation, name: string): Operation | undefined {
  const maker = operations.find((m) => m.method === 'POST' && m.path === collection)
  assert.ok(maker !== undefined, `${o.id}: no POST ${collection} makes {${name}}; add it to ARRANGEMENTS`)
  return maker
}

/** Runs `maker`'s own example (arranged the same way) and returns the id it answers. */
async function make (maker: Operation, run: Run, known: Json): Promise<string> {
  const params = await pathParams(maker, run, known)
  const replace = await ARRANGEMENTS[maker.id]?.prepare?.(run, requestExample(maker).example as Json)
  const id = (await send(maker, run, { params, replace })).json<Json>().id
  assert.equal(typeof id, 'string', `${maker.id} answered no id`)
  return id
}

const registerExample = requestExample(byId.get('register') as Operation).example as Json
const withBodies = operations.filter((o) => o.op.requestBody !== undefined)

describe('every request example is accepted as is by a fresh server', () => {
  test('the document has request examples to send', () => { assert.ok(withBodies.length >= 30) })

  for (const o of withBodies) {
    for (const { type } of mediaOf(o.op.requestBody.content)) {
      test(`${o.id}: ${o.method} ${o.path} (${type})`, async () => {
        // Each example runs as its own user, with the register example's password (the password examples hold it).
        const run: Run = { session: await register(app, undefined, String(registerExample.password)) }
        const params = await pathParams(o, run)
        const replace = await ARRANGEMENTS[o.id]?.prepare?.(run, requestExample(o, type).example as Json)
        await send(o, run, { params, replace, type })
      })
    }
  }
})
