import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { STATUS_CODES } from 'node:http'
import { ProblemSchema } from '../lib/schemas.js'

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } }
})

// Declared once here and attached to every API route, so /openapi.json documents the problem
// responses everywhere without each route repeating them.
const COMMON = {
  400: problem('Invalid input (see errors[])'),
  404: problem('Not found (or owned by someone else)'),
  500: problem('Unexpected error'),
  503: problem('The database is unavailable or the server is shutting down; retry after Retry-After')
}
const AUTHED = { 401: problem('Missing, invalid, expired or revoked access token') }
const WITH_BODY = { 413: problem('Body larger than 1 MiB'), 415: problem('Body is not application/json') }
const LIMITED = { 429: problem('Rate limited; see Retry-After') }

function documentProblems (route: RouteOptions): void {
  if (!route.url.startsWith('/api/')) return
  const schema = (route.schema ??= {}) as Record<string, any>
  const isPublic = route.config?.public === true
  const methods = Array.isArray(route.method) ? route.method : [route.method]
  const hasBody = methods.some((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m))
  schema.response = {
    ...COMMON,
    ...(isPublic ? {} : AUTHED),
    ...(hasBody ? WITH_BODY : {}),
    ...((route.config as { rateLimit?: unknown } | undefined)?.rateLimit !== undefined ? LIMITED : {}),
    ...schema.response
  }
  // A route's own `{ $ref: 'Problem#' }` (403, 409, ...) is sent as application/problem+json too.
  for (const [status, response] of Object.entries(schema.response as Record<string, { $ref?: string }>)) {
    if (response.$ref === 'Problem#') schema.response[status] = problem(STATUS_CODES[Number(status)] ?? 'Problem')
  }
  if (!isPublic) schema.security ??= [{ bearerAuth: [] }]
}

export default fp(async function openapi (app: FastifyInstance) {
  app.addSchema(ProblemSchema)
  app.addHook('onRoute', documentProblems)
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Spotter API',
        version: '1.0.0',
        description: 'Fitness logging and workout planning. Errors are RFC 9457 problem documents.'
      },
      servers: [{ url: '/' }],
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
        { name: 'system', description: 'Health and readiness' }
      ]
    },
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) => typeof json.$id === 'string' ? json.$id : `def-${i}`
    }
  })
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true })
  app.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger())
}, { name: 'openapi' })
