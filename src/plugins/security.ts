import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { TooManyRequestsError } from '../lib/errors.js'

export default fp(async function security (app: FastifyInstance, opts: { config: Config }) {
  await app.register(helmet, { global: true })
  await app.register(cors, {
    origin: opts.config.corsOrigins === true ? true : opts.config.corsOrigins.length > 0 ? opts.config.corsOrigins : false,
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID'],
    exposedHeaders: ['Location', 'Retry-After', 'X-Request-Id'],
    maxAge: 600
  })
  // Only routes that opt in (config.rateLimit) are limited: the auth endpoints, per client address.
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) => new TooManyRequestsError(
      `Rate limit of ${context.max} requests per minute exceeded; retry in ${Math.ceil(context.ttl / 1000)} s`, context.ttl / 1000)
  })
}, { name: 'security' })
