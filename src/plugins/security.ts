import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import helmet from 'helmet'
import type { Config } from '../config.js'
import { TooManyRequestsError } from '../lib/errors.js'

const UPGRADE = 'upgrade-insecure-requests'

/**
 * Swagger UI's own CSP (transformStaticCSP in src/plugins/openapi.ts), made to work from any host.
 * Without `upgrade-insecure-requests`: it makes a browser fetch every asset of a page served over
 * plain HTTP from https:// instead, which fails on any host without TLS (/docs opened as
 * http://<lan-host>:5005/docs was a blank page); TLS, where there is any, is the proxy's job. With
 * inline styles, which Swagger UI's React components apply (helmet's default allows them too).
 */
export function docsCsp (csp: string): string {
  return csp.split(';').map((d) => d.trim()).filter((d) => d !== '' && d.toLowerCase() !== UPGRADE)
    .map((d) => d.startsWith('style-src ') && !d.includes("'unsafe-inline'") ? `${d} 'unsafe-inline'` : d)
    .join('; ')
}

/**
 * Runs helmet's middleware once against a recorder and returns the headers it sets: its defaults,
 * without upgrade-insecure-requests (see docsCsp), and without the headers only TLS gives a meaning
 * to (HSTS, Cross-Origin-Opener-Policy), which are sent per request (below).
 */
function helmetHeaders (): Record<string, string> {
  const headers: Record<string, string> = {}
  const recorder = {
    setHeader: (name: string, value: string | number) => { headers[name.toLowerCase()] = String(value) },
    removeHeader: (name: string) => { headers[name.toLowerCase()] = '' }
  }
  helmet({
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    strictTransportSecurity: false,
    crossOriginOpenerPolicy: false
  })({} as never, recorder as never, () => {})
  // removeHeader('X-Powered-By') is recorded as '': drop such entries (Fastify never sets it).
  return Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== ''))
}

const TLS_ONLY = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-opener-policy': 'same-origin'
}

export default fp(async function security (app: FastifyInstance, opts: { config: Config }) {
  // Helmet's default security headers do not depend on the request, so they are computed once
  // and added to each reply. (@fastify/helmet rebuilds the helmet middleware, CSP string
  // included, on every request through two hooks: a third of the CPU of GET /health.)
  // Swagger UI sets its own CSP on /docs (src/plugins/openapi.ts, through docsCsp).
  const securityHeaders = helmetHeaders()
  // Everything under /api/v1 is either behind a token or a token route (register, login,
  // refresh, logout, password reset): personal, so no browser or proxy may store it (RFC 6749
  // §5.1, RFC 9111 §5.2.2.5). Set before authentication, rate limiting and parsing run, so their errors
  // (401, 404, 429) carry it too. /health, /ready, /openapi.json and /docs stay cacheable.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeaders)
    // HSTS and COOP are only honoured over TLS (RFC 6797 §7.2; browsers log an error for COOP on
    // plain HTTP): request.protocol is 'https' for a TLS connection, or behind TRUST_PROXY when
    // the proxy says X-Forwarded-Proto: https.
    if (request.protocol === 'https') reply.headers(TLS_ONLY)
    if (request.url.startsWith('/api/v1/')) reply.header('cache-control', 'no-store')
    done()
  })
  await app.register(cors, {
    origin: opts.config.corsOrigins === true
      ? true
      : opts.config.corsOrigins.length > 0 ? opts.config.corsOrigins : false,
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
      `Rate limit of ${context.max} requests per minute exceeded; retry in ${Math.ceil(context.ttl / 1000)} s`,
      context.ttl / 1000
    )
  })
}, { name: 'security' })
