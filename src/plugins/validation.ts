import { Ajv, type Options } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { BadRequestError } from '../lib/errors.js'

// Bodies are validated exactly as sent: no coercion ("5" is not 5) and unknown fields are
// errors, not silently removed. Query strings and path params are text by nature, so they
// are coerced ("?limit=5", "?equipment=a&equipment=b" as an array).
const shared: Options = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false }
const bodyAjv = addFormats.default(new Ajv({ ...shared, coerceTypes: false }))
const textAjv = addFormats.default(new Ajv({ ...shared, coerceTypes: 'array' }))

/** Finds the first string holding a NUL character: PostgreSQL cannot store one in text. */
function findNul (value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined
  if (value === null || typeof value !== 'object') return undefined
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path}/${key}`
    const found = findNul(child, `${path}/${key}`)
    if (found !== undefined) return found
  }
  return undefined
}

function rejectNul (request: FastifyRequest): void {
  for (const [part, value] of [
    ['body', request.body],
    ['querystring', request.query],
    ['params', request.params]
  ] as const) {
    const path = findNul(value, '')
    if (path !== undefined) {
      throw new BadRequestError(`${part}${path} must not contain a NUL character`, [
        { path: path === '' ? '/' : path, message: 'must not contain a NUL character' }
      ])
    }
  }
}

export default fp(async function validation (app: FastifyInstance) {
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema))
  // Fastify parses text/plain by default; the contract wants JSON only (415 for anything else).
  app.removeContentTypeParser(['text/plain'])
  // An empty JSON body means "no body" (POST /auth/logout from clients that always send the
  // header); routes that need a body still reject it through their schema.
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') { done(null, undefined); return }
    parseJson(request, body as string, done)
  })
  app.addHook('preValidation', (request, _reply, done) => {
    try { rejectNul(request) } catch (error) { done(error as Error); return }
    done()
  })
}, { name: 'validation' })
