import { Ajv, type Options } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { BadRequestError, UnsupportedMediaTypeError } from '../lib/errors.js'

// Bodies are validated exactly as sent: no coercion ("5" is not 5) and unknown fields are
// errors, not silently removed. Query strings and path params are text by nature, so they
// are coerced ("?limit=5", "?equipment=a&equipment=b" as an array).
const shared: Options = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false }
const bodyAjv = addFormats.default(new Ajv({ ...shared, coerceTypes: false }))
const textAjv = addFormats.default(new Ajv({ ...shared, coerceTypes: 'array' }))
// `format: 'email'` is documentation here: emails are trimmed first and checked by the auth service,
// so a login with any unknown address answers the same 401 and a register a 400 naming /email.
for (const ajv of [bodyAjv, textAjv]) ajv.addFormat('email', true)

/** Deeper bodies are refused: no route takes more than a few levels, and walks must stay bounded. */
export const MAX_DEPTH = 64

interface Node { value: unknown, key: string, parent: Node | undefined, depth: number }

const pathOf = (node: Node | undefined): string => {
  const keys: string[] = []
  for (let n = node; n?.parent !== undefined; n = n.parent) keys.push(n.key)
  return keys.reverse().map((k) => `/${k}`).join('')
}

/**
 * Checks one parsed part in a single walk, depth-first in document order and with a stack of
 * its own (a recursion would overflow on a body nested thousands of levels deep): no string or
 * key may hold a NUL character (PostgreSQL cannot store one in text), and no value may be
 * nested more than MAX_DEPTH levels deep.
 */
function check (part: string, value: unknown): void {
  const stack: Node[] = [{ value, key: '', parent: undefined, depth: 0 }]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.key.includes('\u0000')) throw nulError(part, pathOf(node))
    const v = node.value
    if (typeof v === 'string') {
      if (v.includes('\u0000')) throw nulError(part, pathOf(node))
      continue
    }
    if (v === null || typeof v !== 'object') continue
    if (node.depth >= MAX_DEPTH) {
      throw new BadRequestError(`${part} is nested more than ${MAX_DEPTH} levels deep`, [
        { path: '/', message: `must not be nested more than ${MAX_DEPTH} levels deep` }
      ])
    }
    const entries = Object.entries(v)
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]
      stack.push({ value: child, key, parent: node, depth: node.depth + 1 })
    }
  }
}

function nulError (part: string, path: string): BadRequestError {
  return new BadRequestError(`${part}${path} must not contain a NUL character`, [
    { path: path === '' ? '/' : path, message: 'must not contain a NUL character' }
  ])
}

/**
 * Only the parts a route declares reach its handler (a route without a query schema, such as
 * /health, never reads its query string), so only those are checked: `?a=%00` there is ignored
 * like any other unknown parameter rather than answered with an undocumented 400.
 */
function checkRequest (request: FastifyRequest): void {
  const schema = request.routeOptions.schema
  // A text body (a CSV import) is read line by line by its route, which names the lines that hold a NUL.
  if (schema?.body !== undefined && typeof request.body !== 'string') check('body', request.body)
  if (schema?.querystring !== undefined) check('querystring', request.query)
  if (schema?.params !== undefined) check('params', request.params)
}

/** JSON bodies are UTF-8 (RFC 8259): any other declared charset is refused rather than misread. */
function declaredCharset (contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType ?? '')
  return match?.[2]
}

export default fp(async function validation (app: FastifyInstance) {
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema))
  // Fastify parses text/plain by default; the contract wants JSON only (415 for anything else).
  app.removeContentTypeParser(['text/plain'])
  // An empty JSON body means "no body" (POST /auth/logout from clients that always send the
  // header); routes that need a body still reject it through their schema.
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const charset = declaredCharset(request.headers['content-type'])
    if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
      done(new UnsupportedMediaTypeError('Request bodies must be application/json in UTF-8 (charset=utf-8 or none)'))
      return
    }
    if (body === '') { done(null, undefined); return }
    parseJson(request, body as string, done)
  })
  app.addHook('preValidation', (request, _reply, done) => {
    try { checkRequest(request) } catch (error) { done(error as Error); return }
    done()
  })
}, { name: 'validation' })
