import { AssertionError } from 'node:assert'
import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'

/**
 * The API's contract as /openapi.json states it, checked against every answer the tests get:
 * a route that answers something its documentation forbids fails the test that called it, and
 * each checked answer is recorded so test/operations.check.ts can list routes no test calls.
 */

interface MediaType { schema?: unknown }
interface ResponseDoc { description?: string, content?: Record<string, MediaType> }
interface OperationDoc { operationId?: string, responses?: Record<string, ResponseDoc> }
export interface OpenApiDoc { paths?: Record<string, Record<string, OperationDoc>> }

export interface Operation {
  method: string
  path: string
  operationId?: string
  responses: Record<string, ResponseDoc>
  segments: string[]
}

export interface Recorded { method: string, path: string, status: number }

/** An answer as the check needs it; `body` is undefined when it was not read (a stream). */
export interface Answer { statusCode: number, contentType?: string, body?: string }

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])
const DOC_ID = 'spotter:openapi.json'

/** Every operation of the document, most specific path first (literal segments beat `{params}`). */
export function operationsOf (doc: OpenApiDoc): Operation[] {
  const operations: Operation[] = []
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue // `parameters`, `summary`, ... of the path item
      const { operationId, responses = {} } = op
      operations.push({ method: method.toUpperCase(), path, operationId, responses, segments: path.split('/') })
    }
  }
  return operations.sort((a, b) => bySpecificity(a.segments, b.segments))
}

const isParam = (segment: string): boolean => /^\{[^}]+\}$/.test(segment)

function bySpecificity (a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const diff = Number(isParam(a[i])) - Number(isParam(b[i]))
    if (diff !== 0) return diff
  }
  return b.length - a.length
}

function decode (segment: string): string {
  try { return decodeURIComponent(segment) } catch { return segment }
}

/** The documented operation a request reaches, as Fastify's router would pick it; undefined if none. */
export function matchOperation (operations: Operation[], method: string, url: string): Operation | undefined {
  // The app's router ignores a trailing slash (src/app.ts, ignoreTrailingSlash).
  const pathname = new URL(url, 'http://spotter.invalid').pathname.replace(/(.)\/$/, '$1')
  const segments = pathname.split('/').map(decode)
  return operations.find((op) => op.method === method && op.segments.length === segments.length &&
    op.segments.every((s, i) => isParam(s) ? segments[i] !== '' : s === segments[i]))
}

export const describeOperation = (op: Operation): string =>
  `${op.method} ${op.path}${op.operationId === undefined ? '' : ` (${op.operationId})`}`

const isJson = (mediaType: string): boolean => mediaType === 'application/json' || mediaType.endsWith('+json')
const pointerToken = (token: string): string => encodeURIComponent(token.replaceAll('~', '~0').replaceAll('/', '~1'))

/** A response object for a status: exact code first, then the `4XX` range, then `default`. */
function responseFor (op: Operation, status: number): [string, ResponseDoc] | undefined {
  for (const key of [String(status), `${String(status)[0]}XX`, 'default']) {
    if (op.responses[key] !== undefined) return [key, op.responses[key]]
  }
  return undefined
}

export class OpenApiContract {
  readonly operations: Operation[]
  private readonly ajv = addFormats.default(new Ajv2020({ strict: false, allErrors: true }))
  private readonly validators = new Map<string, ValidateFunction>()

  constructor (doc: OpenApiDoc) {
    this.operations = operationsOf(doc)
    // The whole document is one schema resource, so `#/components/schemas/...` refs resolve in it.
    this.ajv.addSchema({ ...structuredClone(doc), $id: DOC_ID })
  }

  /**
   * Validates one answer; throws an AssertionError naming the operation on any mismatch. Without
   * the body (a stream), only status and content type are checked, and a JSON answer is not
   * reported as validated.
   */
  check (method: string, url: string, res: Answer): Recorded | undefined {
    const op = matchOperation(this.operations, method, url)
    if (op === undefined) return undefined // undocumented on purpose (/docs, /metrics, unknown routes)
    const status = res.statusCode
    const text = res.body
    const fail = (problem: string): never => {
      const request = url === op.path ? '' : ` (request ${method} ${url})`
      throw new AssertionError({ message: `${describeOperation(op)} answered ${status}${request}: ${problem}` })
    }
    const found = responseFor(op, status)
    if (found === undefined) fail(`status ${status} is not documented (documented: ${listed(op.responses)})`)
    const [key, response] = found as [string, ResponseDoc]
    const content = response.content ?? {}
    if (Object.keys(content).length === 0) {
      if (text !== undefined && text !== '') fail(`documented without a body, but answered ${truncate(text)}`)
      return { method, path: op.path, status }
    }
    const mediaType = (res.contentType ?? '').split(';')[0].trim().toLowerCase()
    const entry = Object.keys(content).find((m) => m.toLowerCase() === mediaType)
    if (entry === undefined) fail(`content type "${mediaType}" is not documented (documented: ${listed(content)})`)
    // A documented non-JSON answer (text/event-stream, text/csv) is exercised by its status alone.
    if (!isJson(mediaType) || content[entry as string].schema === undefined) return { method, path: op.path, status }
    if (text === undefined) return undefined
    let body: unknown
    try { body = JSON.parse(text) } catch { fail(`body is not JSON: ${truncate(text)}`) }
    const pointer = ['paths', op.path, op.method.toLowerCase(), 'responses', key, 'content', entry as string, 'schema']
    const validate = this.validator(pointer)
    if (validate(body) !== true) {
      const errors = (validate.errors ?? [])
        .map((e) => `  ${e.instancePath === '' ? '/' : e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
      fail(`body does not match the documented schema:\n${errors.join('\n')}\nbody: ${truncate(text)}`)
    }
    return { method, path: op.path, status }
  }

  private validator (pointer: string[]): ValidateFunction {
    const ref = `${DOC_ID}#/${pointer.map(pointerToken).join('/')}`
    let validate = this.validators.get(ref)
    if (validate === undefined) {
      validate = this.ajv.compile({ $ref: ref })
      this.validators.set(ref, validate)
    }
    return validate
  }
}

const listed = (entries: object): string => Object.keys(entries).join(', ')
const truncate = (text: string): string => text.length > 600 ? `${text.slice(0, 600)}…` : text

const contracts = new WeakMap<FastifyInstance, OpenApiContract>()

/** The contract of a built (ready) app, read once from `app.swagger()`. */
export function contractOf (app: FastifyInstance): OpenApiContract {
  let contract = contracts.get(app)
  if (contract === undefined) {
    contract = new OpenApiContract(app.swagger() as OpenApiDoc)
    contracts.set(app, contract)
  }
  return contract
}

const recorded = new Set<string>()

/** Appends an answer to `$SPOTTER_OPERATIONS_DIR/<pid>.jsonl` (once per distinct answer); no-op when unset. */
export function record (answer: Recorded): void {
  const dir = process.env.SPOTTER_OPERATIONS_DIR
  const line = JSON.stringify(answer)
  if (dir === undefined || dir === '' || recorded.has(line)) return
  if (recorded.size === 0) mkdirSync(dir, { recursive: true })
  recorded.add(line)
  appendFileSync(join(dir, `${process.pid}.jsonl`), line + '\n')
}

/** Checks and records one answer of `app`, e.g. one read over a real connection. */
export function checkAnswer (app: FastifyInstance, method: string, url: string, answer: Answer): void {
  const checked = contractOf(app).check(method.toUpperCase(), url, answer)
  if (checked !== undefined) record(checked)
}

/** Checks and records the answer to one injected request (`opts` as given to `app.inject`). */
export function checkInjected (app: FastifyInstance, opts: InjectOptions | string, res: LightMyRequestResponse): void {
  const options = typeof opts === 'string' ? { url: opts } : opts
  const target = options.url ?? options.path ?? '/'
  const url = typeof target === 'string' ? target : String(target.pathname ?? '/')
  const contentType = res.headers['content-type']
  checkAnswer(app, String(options.method ?? 'GET'), url, {
    statusCode: res.statusCode,
    contentType: contentType === undefined ? undefined : String(contentType),
    // With payloadAsStream the body is the caller's to read; the check must not consume it.
    body: options.payloadAsStream === true ? undefined : res.body
  })
}
