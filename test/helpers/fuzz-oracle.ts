import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import type { Prepared } from './fuzz-requests.js'

/**
 * What the contract fuzzer asserts of one answer beyond /openapi.json itself (that check is
 * openapi-check.ts, run by the test): no 5xx, problem documents for every error, and the statuses
 * the contract fixes whatever the server's rules: 401 without a valid token, 415/413/400 for bodies
 * that are not JSON, too big or malformed, 400 for inputs that break the documented schemas, and
 * never a success on another user's resource. Findings are grouped by what went wrong.
 */
export interface Violation { check: string, message: string }

const STREAM = '/api/v1/workouts/{id}/guide/events'

export function problemViolations (res: LightMyRequestResponse): Violation[] {
  if (res.statusCode < 400) return []
  const type = String(res.headers['content-type'] ?? '')
  if (!type.startsWith('application/problem+json')) {
    return [{ check: 'not a problem document', message: `content-type "${type}", body ${truncate(res.body, 300)}` }]
  }
  let body: Record<string, unknown>
  try {
    body = JSON.parse(res.body)
  } catch {
    return [{ check: 'problem body is not JSON', message: truncate(res.body, 300) }]
  }
  const bad = ['type', 'title', 'detail'].filter((k) => typeof body[k] !== 'string' || body[k] === '')
  if (body.status !== res.statusCode) bad.push(`status (${String(body.status)})`)
  if (bad.length === 0) return []
  return [{ check: 'incomplete problem document', message: `bad ${bad.join(', ')}: ${truncate(res.body, 300)}` }]
}

/**
 * The statuses the contract fixes for this request, with why; undefined when it leaves it to the
 * server. In the order the app decides: the token, then the body's media type, size and syntax,
 * then the schemas of path, body and query.
 */
function expected (p: Prepared): { statuses: number[], why: string } | undefined {
  if (!p.routable) return undefined
  if (p.op.secured && p.authorized === false) {
    // The events route authenticates in its handler (tickets), after its params are validated.
    return { statuses: p.op.path === STREAM ? [400, 401] : [401], why: 'no valid token' }
  }
  if (p.authorized !== true) return undefined
  const b = p.body
  if (b.media === 'unknown') return undefined
  // A route that takes files (POST /imports: CSV or JSON, up to 32 MiB) judges media and size itself.
  if (p.op.otherMedia && b.sent) return undefined
  const notJson = b.media !== 'json' && (b.sent || b.media !== 'none')
  // Refused for its size or its media type: which check comes first is the server's choice.
  const unsupported = b.oversize ? [413, 415] : [415]
  if (b.sent && b.media === 'charset') return { statuses: unsupported, why: 'a JSON body not in UTF-8' }
  if (b.sent && notJson) return { statuses: unsupported, why: 'a body that is not application/json' }
  if (b.sent && b.oversize) return { statuses: [413], why: 'a body over 1 MiB' }
  if (b.sent && b.json === false) return { statuses: [400], why: 'malformed JSON' }
  // An empty body under another content type may be refused for its media type first.
  const or415 = notJson ? [400, 415] : [400]
  if (p.paramsValid === false) return { statuses: or415, why: 'path parameters that break their schema' }
  if (b.valid === false) return { statuses: or415, why: 'a body that breaks the request schema' }
  if (p.queryValid === false) return { statuses: or415, why: 'a query that breaks its schema' }
  return undefined
}

export function judge (p: Prepared, res: LightMyRequestResponse): Violation[] {
  const status = res.statusCode
  const found: Violation[] = []
  const want = expected(p)
  // A token that was valid can have been ended by an earlier request (logout, a reused refresh token):
  // the run then checks the session and signs in again.
  const revoked = status === 401 && p.authorized === true
  if (want !== undefined && !want.statuses.includes(status) && !revoked) {
    const check = status < 300 ? `accepted ${want.why}` : `${want.why}: ${want.statuses.join('/')} expected`
    found.push({ check, message: `answered ${status} for ${want.why}` })
  }
  if (p.routable && p.foreign && ((status >= 200 && status < 300) || status === 403)) {
    found.push({ check: 'another user\'s resource was not a 404', message: `answered ${status}` })
  }
  return found
}

const truncate = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text

export function describeRequest (options: InjectOptions): string {
  const headers = Object.entries((options.headers ?? {}) as Record<string, string>).map(([k, v]) => {
    const shown = k === 'authorization' && v.length > 60 ? `${v.slice(0, 40)}… (${v.length} chars)` : v
    return `\n    ${k}: ${JSON.stringify(shown)}`
  }).join('')
  const payload = bytesOf(options)
  let body = ''
  if (payload !== undefined) {
    const text = payload.toString('utf8')
    const binary = !payload.equals(Buffer.from(text))
    body = `\n  body (${payload.length} bytes${binary ? ', not UTF-8; base64 of the first 300' : ''}): ` +
      (binary ? payload.subarray(0, 300).toString('base64') : JSON.stringify(truncate(text, 400)))
  }
  return `${String(options.method)} ${truncate(String(options.url), 300)}${headers}${body}`
}

/** The body of a request as bytes (seeding requests pass objects). */
export function bytesOf (options: InjectOptions): Buffer | undefined {
  const p = options.payload
  if (p === undefined || Buffer.isBuffer(p)) return p
  return Buffer.from(typeof p === 'string' ? p : JSON.stringify(p))
}

export function describeAnswer (res: LightMyRequestResponse): string {
  const location = res.headers.location === undefined ? '' : `, location ${String(res.headers.location)}`
  const type = String(res.headers['content-type'] ?? 'no content-type')
  return `${res.statusCode} (${type}${location}) ${truncate(res.body, 500)}`
}

interface Finding {
  check: string
  operations: Set<string>
  count: number
  request: string
  answer: string
  size: number
  message: string
}

/** Distinct findings, each with its smallest reproducing request. */
export class Findings {
  private readonly byKey = new Map<string, Finding>()

  add (v: Violation, operation: string, status: number, options: InjectOptions, res: LightMyRequestResponse): void {
    const key = `${v.check} → ${status}`
    const size = String(options.url).length + (bytesOf(options)?.length ?? 0)
    const f = this.byKey.get(key)
    if (f === undefined) {
      const first = { request: describeRequest(options), answer: describeAnswer(res), size, message: v.message }
      this.byKey.set(key, { check: v.check, operations: new Set([operation]), count: 1, ...first })
      return
    }
    f.count++
    f.operations.add(operation)
    if (size >= f.size) return
    Object.assign(f, { request: describeRequest(options), answer: describeAnswer(res), size, message: v.message })
  }

  get size (): number { return this.byKey.size }

  report (): string {
    return [...this.byKey].map(([key, f], i) => {
      const ops = [...f.operations]
      const where = ops.length > 4 ? `${ops.slice(0, 4).join(', ')} and ${ops.length - 4} more` : ops.join(', ')
      return `${i + 1}. ${key} (${f.count}×; ${where})\n  ${f.message}\n  request: ${f.request}\n  answer: ${f.answer}`
    }).join('\n\n')
  }
}
