import fastifyJwt from '@fastify/jwt'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { UnauthorizedError } from '../lib/errors.js'
import type { MailConfig } from '../config.js'
import { AuthService } from '../modules/auth/auth.service.js'
import { PasswordResetService } from '../modules/auth/password-reset.service.js'
import { createResetMail } from '../modules/auth/reset-mail.js'
import { SessionGuard } from '../modules/auth/session-guard.js'
import {
  ACCESS_TOKEN_TTL_SEC,
  ACCESS_TOKEN_TYP,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  isAcceptableAccessToken,
  isCanonicalBase64url,
  type AccessClaims
} from '../modules/auth/tokens.js'

export interface AuthContext { userId: string, sessionId: string }

declare module 'fastify' {
  interface FastifyInstance {
    authService: AuthService
    passwordReset: PasswordResetService
    /** onRequest hook for routes that need a Bearer token (applied to every non-public route). */
    authenticate: (request: FastifyRequest) => Promise<void>
  }
  interface FastifyRequest {
    auth: AuthContext
  }
  interface FastifyContextConfig {
    /** Marks a route that needs no access token. */
    public?: boolean
  }
}

// The scheme name is case-insensitive (RFC 9110 §11.1).
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i

export interface AuthPluginOptions { jwtSecret: string, mail: MailConfig, production: boolean }

export default fp(async function auth (app: FastifyInstance, opts: AuthPluginOptions) {
  // The algorithm is pinned on both sides: "alg: none" or RS/HS confusion tokens are refused.
  await app.register(fastifyJwt, {
    secret: opts.jwtSecret,
    sign: {
      algorithm: 'HS256',
      header: { alg: 'HS256', typ: ACCESS_TOKEN_TYP },
      expiresIn: ACCESS_TOKEN_TTL_SEC,
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE
    },
    // Verified tokens are cached (bounded, never past their exp): the signature check and claim
    // parsing run once per token, not once per request. Revocation is the session guard's job.
    verify: {
      algorithms: ['HS256'],
      allowedIss: TOKEN_ISSUER,
      allowedAud: TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'sid', 'iat', 'exp', 'iss', 'aud'],
      // The header too, for the typ check below.
      complete: true,
      cache: 10_000
    }
  })
  const guard = new SessionGuard(app.database.db, app.bus)
  app.decorate('authService', new AuthService(app.database.db, app.jwt, guard))
  const resetMail = createResetMail(opts.mail, opts.production, app.log)
  const passwordReset = new PasswordResetService(app.database.db, guard, resetMail, app.log)
  app.decorate('passwordReset', passwordReset)
  // Registered after the database plugin, so this runs before it closes the database (LIFO).
  app.addHook('onClose', async () => {
    await passwordReset.drain()
    resetMail.close()
  })
  app.decorateRequest('auth', null as unknown as AuthContext)

  app.decorate('authenticate', async function (request: FastifyRequest) {
    const match = BEARER.exec(request.headers.authorization ?? '')
    if (match === null) throw new UnauthorizedError('Missing or malformed Authorization: Bearer header')
    const token = match[1]
    let claims: AccessClaims
    try {
      // Before the signature check: a respelled signature would also miss the verified-token cache.
      if (!isCanonicalBase64url(token.slice(token.lastIndexOf('.') + 1))) throw new Error('non-canonical signature')
      const verified = app.jwt.verify<{ header: { typ?: unknown }, payload: AccessClaims & { iat?: unknown } }>(token)
      if (!isAcceptableAccessToken(verified.header, verified.payload, Date.now())) throw new Error('typ or iat')
      claims = verified.payload
    } catch {
      throw new UnauthorizedError('Access token is invalid or expired')
    }
    if (
      typeof claims.sub !== 'string' ||
      typeof claims.sid !== 'string' ||
      !await guard.isLive(claims.sid, claims.sub)
    ) {
      throw new UnauthorizedError('Session has ended; log in again')
    }
    request.auth = { userId: claims.sub, sessionId: claims.sid }
  })
}, { name: 'auth', dependencies: ['database'] })
