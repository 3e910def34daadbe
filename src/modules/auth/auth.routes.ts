import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import {
  AuthResult, ConfirmPasswordResetBody, LoginBody, PasswordResetAccepted, PasswordResetBody, RefreshBody, RegisterBody
} from './auth.schemas.js'

const RESET_ACCEPTED = {
  message: 'If an account has this email, a password reset link valid for 30 minutes is on its way to it'
}

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
      operationId: 'register',
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
      operationId: 'login',
      tags: ['auth'],
      summary: 'Log in with email and password',
      body: LoginBody,
      response: { 200: AuthResult, ...unauthorized }
    }
  }, async (request) => await service.login(request.body, request.ip))

  app.post('/auth/refresh', {
    config: limited,
    schema: {
      operationId: 'refreshTokens',
      tags: ['auth'],
      summary: 'Exchange a refresh token for a new token pair (single use)',
      body: RefreshBody,
      response: { 200: AuthResult, ...unauthorized }
    }
  }, async (request) => await service.refresh(request.body.refreshToken))

  // Reset requests and confirmations: limited per client address like login, each route on its own
  // budget (@fastify/rate-limit's local store counts per route; a groupId does not join routes).
  const resetLimited = { public: true, rateLimit: { max: opts.rateLimitPerMin, timeWindow: '1 minute' } }
  const reset = app.passwordReset

  app.post('/auth/password-reset', {
    config: resetLimited,
    schema: {
      operationId: 'requestPasswordReset',
      tags: ['auth'],
      summary: 'Mail a password reset link (202 whether or not the email has an account)',
      description: 'The link (`APP_URL/reset-password?token=…`) works once, for 30 minutes; a newer request ' +
        'replaces it. 503 when the server has no mail server configured.',
      security: [],
      body: PasswordResetBody,
      response: { 202: PasswordResetAccepted }
    }
  }, async (request, reply) => {
    await reset.request(request.body.email)
    return await reply.code(202).send(RESET_ACCEPTED)
  })

  app.post('/auth/password-reset/confirm', {
    config: resetLimited,
    schema: {
      operationId: 'confirmPasswordReset',
      tags: ['auth'],
      summary: 'Set a new password with a reset token; every session of the account ends',
      description: 'A used, expired or unknown token is 400. The login lock and waits of the email end too.',
      security: [],
      body: ConfirmPasswordResetBody,
      response: { 204: Type.Null() }
    }
  }, async (request, reply) => {
    await reset.confirm(request.body.token, request.body.newPassword)
    return await reply.code(204).send(null)
  })

  app.post('/auth/logout', {
    schema: {
      operationId: 'logout',
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
