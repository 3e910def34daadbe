import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { readFileSync } from 'node:fs'
import { STATUS_CODES } from 'node:http'
import { componentNamed, registerComponents, withRefs } from './components.js'
import {
  MEDIA_REQUEST_EXAMPLES, OPERATION_RESPONSE_EXAMPLES, REQUEST_EXAMPLES, RESPONSE_EXAMPLES
} from './openapi-examples.js'
import { docsCsp } from './security.js'

// src/plugins and dist/plugins alike sit two levels below package.json.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string
}

const header = (description: string, schema: object = { type: 'string' }) => ({ description, ...schema })
const REQUEST_ID = { 'X-Request-Id': header('The request id (the client\'s X-Request-Id when valid); logged with it') }
const RETRY_AFTER = { 'Retry-After': header('Seconds to wait before retrying', { type: 'integer', minimum: 1 }) }
const LOCATION = { Location: header('The URL of the resource') }
const ETAG = {
  ETag: header(
    'Strong validator of the resource (a child route: its parent); send it back in If-Match / If-None-Match'
  )
}

const problem = (description: string, extraHeaders: object = {}) => ({
  description,
  headers: { ...REQUEST_ID, ...extraHeaders },
  content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } }
})

// Declared once here and attached to every API route, so /openapi.json documents the problem
// responses everywhere without each route repeating them.
const COMMON = {
  400: problem('Invalid input (see errors[])'),
  404: problem('Not found (or owned by someone else)'),
  500: problem('Unexpected error'),
  503: problem('The database is unavailable or the server is shutting down; retry after Retry-After', RETRY_AFTER)
}
const AUTHED = { 401: problem('Missing, invalid, expired or revoked access token') }
const WITH_BODY = {
  413: problem('Body larger than 1 MiB (32 MiB for POST /imports)'),
  415: problem('Body is not application/json (or, for POST /imports, text/csv) in UTF-8')
}
const LIMITED = { 429: problem('Rate limited; see Retry-After', RETRY_AFTER) }
// Routes outside /api/v1 take no input, but a request that does not arrive in time is still answered.
const OUTSIDE_API = { 408: problem('The request did not arrive within REQUEST_TIMEOUT_MS') }
// A 201 without a Location: a ticket is not a resource with a URL.
const NO_LOCATION = new Set(['createGuideTicket'])

// Conditional requests (src/plugins/conditional.ts): the routes that declare `config.sync`.
const NOT_MODIFIED = {
  type: 'null',
  description: 'Not Modified: the ETag in If-None-Match is current; no body',
  headers: { ...REQUEST_ID, ...ETAG }
}
const PRECONDITION_FAILED = {
  412: problem('Precondition Failed: the resource changed since the ETag in If-Match; nothing was changed')
}
const conditionHeader = (description: string) => ({ type: 'string', description })
const IF_MATCH = {
  'if-match': conditionHeader(
    'Change only if the resource (a child route: its parent) still has this ETag (or `*`); else 412'
  )
}
const IF_NONE_MATCH = {
  'if-none-match': conditionHeader(
    'Answer 304 without a body while the resource (a child route: its parent) still has this ETag'
  )
}

type Schema = Record<string, any>

/** A success response with its headers and, for a named component, its description. */
function success (response: Schema, status: number, location: boolean, etag: 'none' | 'resource' | 'child'): Schema {
  // A deleted resource has no ETag; deleting a child answers with its parent's new one.
  const tagged = etag === 'child' || (etag === 'resource' && status !== 204) ? ETAG : {}
  if ('content' in response || response.type === 'null') return { ...response, headers: { ...REQUEST_ID, ...tagged } }
  const id = typeof response.$ref === 'string' ? response.$ref.replace(/#$/, '') : undefined
  return {
    ...response,
    ...(response.description === undefined && id !== undefined
      ? { description: componentNamed(id)?.description ?? STATUS_CODES[status] }
      : {}),
    headers: { ...REQUEST_ID, ...(location ? LOCATION : {}), ...tagged }
  }
}

/**
 * A conditional route's request headers (If-None-Match on reads; If-Match on writes to an
 * existing resource, a create has none to match) and its 304 or 412.
 */
function conditional (schema: Schema, methods: string[], param: string | undefined): Schema {
  const read = methods.includes('GET') || methods.includes('HEAD')
  const headers = read ? IF_NONE_MATCH : param === undefined ? {} : IF_MATCH
  if (Object.keys(headers).length === 0) return {}
  const own = schema.headers as Schema | undefined
  schema.headers = {
    ...own,
    type: 'object',
    properties: { ...own?.properties, ...headers },
    additionalProperties: true
  }
  return read ? { 304: NOT_MODIFIED } : PRECONDITION_FAILED
}

function document (route: RouteOptions): void {
  const schema = route.schema as Schema | undefined
  if (schema === undefined || schema.hide === true) return
  for (const part of ['body', 'querystring', 'params']) {
    if (schema[part] !== undefined) schema[part] = withRefs(schema[part])
  }
  const isPublic = route.config?.public === true
  const sync = route.config?.sync
  const etagKind = sync === undefined
    ? 'none'
    : sync.param !== undefined && !route.url.endsWith(`:${sync.param}`) ? 'child' : 'resource'
  const own = withRefs(schema.response ?? {}) as Schema
  const statuses = Object.keys(own).map(Number)
  const response: Schema = {}
  for (const [key, value] of Object.entries(own)) {
    const status = Number(key)
    // A route's own `{ $ref: 'Problem#' }` (403, 409, ...) is sent as application/problem+json too.
    if (status >= 400) response[key] = value.$ref === 'Problem#' ? problem(STATUS_CODES[status] ?? 'Problem') : value
    else {
      const created = status === 201 || (status === 200 && statuses.includes(201))
      response[key] = success(value, status, created && !NO_LOCATION.has(schema.operationId), etagKind)
    }
  }
  if (!route.url.startsWith('/api/')) {
    schema.response = { ...OUTSIDE_API, ...response }
    if (isPublic) schema.security ??= []
    return
  }
  const methods = Array.isArray(route.method) ? route.method : [route.method]
  const hasBody = methods.some((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m))
  schema.response = {
    ...COMMON,
    ...(isPublic ? {} : AUTHED),
    ...(hasBody ? WITH_BODY : {}),
    ...((route.config as { rateLimit?: unknown } | undefined)?.rateLimit !== undefined ? LIMITED : {}),
    ...(sync === undefined ? {} : conditional(schema, methods, sync.param)),
    ...response
  }
  schema.security ??= isPublic ? [] : [{ bearerAuth: [] }]
}

const COMPONENT = '#/components/schemas/'

/** A success body's example: the operation's own, else its component's. */
function responseExample (operationId: unknown, schema: Schema | undefined): unknown {
  const own = typeof operationId === 'string' ? OPERATION_RESPONSE_EXAMPLES[operationId] : undefined
  const ref = schema?.$ref
  if (own !== undefined || typeof ref !== 'string' || !ref.startsWith(COMPONENT)) return own
  return RESPONSE_EXAMPLES[ref.slice(COMPONENT.length)]
}

const requestExample = (operationId: unknown, type: string): unknown => typeof operationId !== 'string'
  ? undefined
  : type === 'application/json' ? REQUEST_EXAMPLES[operationId] : MEDIA_REQUEST_EXAMPLES[operationId]?.[type]

/** Sets `media.example` unless the media type has one (a schema's own `examples` end up there). */
function exemplify (media: Schema | undefined, example: unknown): void {
  if (media !== undefined && example !== undefined && !('example' in media) && !('examples' in media)) {
    media.example = example
  }
}

/**
 * Gives the generated document its examples (src/plugins/openapi-examples.ts): each request body,
 * per media type (what Swagger UI's "Try it out" sends), and each JSON success answer. Done on the
 * document, not on the route schemas: @fastify/swagger drops every keyword beside a `$ref`.
 */
function withExamples (doc: Schema): Schema {
  for (const item of Object.values<Schema>(doc.paths ?? {})) {
    for (const operation of Object.values<Schema>(item)) {
      const { operationId } = operation
      for (const [type, media] of Object.entries<Schema>(operation.requestBody?.content ?? {})) {
        exemplify(media, requestExample(operationId, type))
      }
      for (const [status, response] of Object.entries<Schema>(operation.responses ?? {})) {
        const media = response.content?.['application/json']
        if (status.startsWith('2')) exemplify(media, responseExample(operationId, media?.schema))
      }
    }
  }
  return doc
}

export default fp(async function openapi (app: FastifyInstance) {
  registerComponents(app)
  app.addHook('onRoute', document)
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Spotter API',
        version,
        description: 'Fitness logging and workout planning. Errors are RFC 9457 problem documents.',
        license: { name: 'MIT', identifier: 'MIT' }
      },
      servers: [{ url: '/', description: 'This server' }],
      security: [{ bearerAuth: [] }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      tags: [
        { name: 'auth', description: 'Accounts, tokens and sessions' },
        { name: 'me', description: 'The signed-in user' },
        { name: 'exercises', description: 'The predefined library and your custom exercises' },
        { name: 'workouts', description: 'Logged sessions with their exercises and sets; personal records on write' },
        { name: 'stats', description: 'Summaries, records, volume, trends and muscle balance' },
        { name: 'progress', description: 'Body metrics and measurements over time' },
        { name: 'goals', description: 'Goals with derived progress, automatic achievement and projections' },
        { name: 'plans', description: 'Training plans with days and items; personalized plan generation' },
        {
          name: 'guide',
          description:
            'Guided workout mode: start a plan day, follow it step by step, rest timers and a live event stream'
        },
        {
          name: 'imports',
          description: 'Bring your history from Strong, Hevy or FitNotes (preview, fix matches, commit, undo); export'
        },
        { name: 'sync', description: 'The change feed for offline clients; ETags and conditional requests' },
        { name: 'tools', description: 'Plate calculator, warm-up sets and estimated one-rep max' },
        { name: 'system', description: 'Health and readiness' }
      ]
    },
    transformObject: (document) =>
      'openapiObject' in document ? withExamples(document.openapiObject) : document.swaggerObject,
    // Every named schema (src/plugins/components.ts) is documented under its own $id.
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) => typeof json.$id === 'string' ? json.$id : `def-${i}`
    }
  })
  // Swagger UI's own CSP, made to work over plain HTTP from any host (docsCsp).
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, transformStaticCSP: docsCsp })
  app.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger())
}, { name: 'openapi' })
