import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { AuthResult, LoginBody, RefreshBody, RegisterBody } from './auth.schemas.js'

export interface AuthRoutesOptions { rateLimitPerMin: number }

const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, opts) => {
  // Register, login and refresh are the guessable endpoints: limited per client address, with
  // one budget shared by the three (groupId), as the contract names one limit for them.
  const limited = { public: true, rateLimit: { max: opts.rateLimitPerMin, timeWindow: '1 minute', groupId: 'auth' } }
  const service = app.authService
  // Wrong credentials and unknown, used or revoked refresh tokens: public routes still answer 401.
  const unauthorized = { 401: { $ref: 'Problem#' } }

  app.post('/auth/register', {
    config: limited,
    schema: {
      tags: ['auth'],
      summary: 'Create an account and log in',
      body: RegisterBody,
      response: { 201: AuthResult, 409: { $ref: 'Problem#' } }
    }
  }, async (request, reply) => {
    const result = await service.register(request.body)
    return await reply.code(201).header('location', '/api/v1/me').send(result)
  })

  app.post('/auth/login', {
    config: limited,
    schema: {
      tags: ['auth'],
      summary: 'Log in with email and password',
      body: LoginBody,
      response: { 200: AuthResult, ...unauthorized }
    }
  }, async (request) => await service.login(request.body, request.ip))

  app.post('/auth/refresh', {
    config: limited,
    schema: {
      tags: ['auth'],
      summary: 'Exchange a refresh token for a new token pair (single use)',
      body: RefreshBody,
      response: { 200: AuthResult, ...unauthorized }
    }
  }, async (request) => await service.refresh(request.body.refreshToken))

  app.post('/auth/logout', {
    schema: {
      tags: ['auth'],
      summary: 'End this login session at once (access and refresh tokens)',
      response: { 204: Type.Null() }
    }
  }, async (request, reply) => {
    await service.logout(request.auth.sessionId)
    return await reply.code(204).send(null)
  })
}

export default authRoutes
