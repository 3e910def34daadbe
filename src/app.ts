import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from './config.js'
import type { AppDatabase } from './db/database.js'
import { resolveJwtSecret } from './lib/jwt-secret.js'
import { redactTicket } from './modules/guide/guide.tickets.js'
import authPlugin from './plugins/auth.js'
import databasePlugin from './plugins/database.js'
import exerciseLibrary from './modules/exercises/exercises.library-plugin.js'
import conditional from './plugins/conditional.js'
import drain from './plugins/drain.js'
import errorHandler, { clientErrorHandler, frameworkErrorHandler } from './plugins/error-handler.js'
import openapi from './plugins/openapi.js'
import security from './plugins/security.js'
import validation from './plugins/validation.js'
import { apiRoutes } from './routes.js'
import healthRoutes from './modules/health/health.routes.js'

export interface BuildOptions {
  /** Use this database instead of opening config.database (tests). */
  database?: AppDatabase
  /** Logger override; defaults to pino at config.logLevel. */
  logger?: boolean | object
}

// Credentials never reach the log, whatever level it runs at.
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body.password',
  'req.body.refreshToken',
  '*.password',
  '*.accessToken',
  '*.refreshToken'
]
// Fastify's request serializer, with stream tickets (GET …/guide/events?ticket=) cut out of the logged URL.
const serializers = {
  req: (req: FastifyRequest) => ({
    method: req.method,
    url: redactTicket(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort
  })
}

export async function buildApp (config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' }, serializers },
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID()
    },
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    // The whole request (headers and body) must arrive within REQUEST_TIMEOUT_MS. Node checks
    // that only every connectionsCheckingInterval (30 s by default), and Fastify sets
    // requestTimeout after the server is made, which leaves headersTimeout at Node's 60 s, the
    // bound a trickled body actually got: all three go to the server's constructor.
    http: {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, Math.max(100, Math.floor(config.requestTimeoutMs / 4)))
    },
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs,
    keepAliveTimeout: 72_000,
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
    // Shutdown is plugins/drain.ts: idle keep-alive sockets are closed once the drain is over,
    // and requests that arrive meanwhile get a 503 problem document (Fastify's own is not one).
    forceCloseConnections: false,
    return503OnClosing: false,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 }
  }).withTypeProvider<TypeBoxTypeProvider>()

  // Synchronous hook: an async onSend hook here cost ~30 µs on every request.
  app.addHook('onRequest', (request, reply, done) => { reply.header('x-request-id', request.id); done() })

  await app.register(errorHandler)
  await app.register(validation)
  await app.register(security, { config })
  await app.register(drain)
  await app.register(openapi)
  await app.register(databasePlugin, { config, database: options.database })
  await app.register(exerciseLibrary)
  await app.register(authPlugin, {
    jwtSecret: resolveJwtSecret(config),
    mail: config.mail,
    production: config.production
  })

  await app.register(healthRoutes, { config })
  await app.register(async (api) => {
    // Secure by default: every API route needs a token unless it is marked config.public.
    api.addHook('onRequest', async (request) => {
      if (request.routeOptions.config.public !== true) await app.authenticate(request)
    })
    await api.register(conditional)
    await apiRoutes(api, config)
  }, { prefix: '/api/v1' })

  return app as unknown as FastifyInstance
}
