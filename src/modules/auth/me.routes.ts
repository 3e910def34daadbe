import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { BadRequestError, NotFoundError } from '../../lib/errors.js'
import { retryTransient } from '../../lib/client-id.js'
import { projections } from '../../projections/index.js'
import { canonicalTimeZone } from '../../rules/calendar.js'
import { ChangePasswordBody, DeleteMeBody, UpdateMeBody, User } from './auth.schemas.js'
import { toUser, usersRepository } from './users.repository.js'

const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db

  const loadMe = async (userId: string) => {
    const row = await usersRepository.findById(db, userId)
    if (row === undefined) throw new NotFoundError('User')
    return toUser(row)
  }

  app.get('/me', {
    schema: { operationId: 'getMe', tags: ['me'], summary: 'The signed-in user', response: { 200: User } }
  }, async (request) => await loadMe(request.auth.userId))

  app.patch('/me', {
    schema: {
      operationId: 'updateMe',
      tags: ['me'],
      summary: 'Change display name, unit system or time zone',
      description:
        'A new time zone re-files the whole history at once: every date, week, streak and weekly goal follows it.',
      body: UpdateMeBody,
      response: { 200: User }
    }
  }, async (request) => {
    const { userId } = request.auth
    const { displayName, unitSystem, timeZone } = request.body
    const zone = timeZone === undefined ? undefined : canonicalTimeZone(timeZone)
    if (timeZone !== undefined && zone === undefined) {
      throw BadRequestError.field('/timeZone', 'must be an IANA time zone name, e.g. Europe/Berlin')
    }
    await retryTransient(async () => await db.transaction().execute(async (trx) => {
      // A new zone re-files every workout: hold off the user's writes first (src/lib/user-time-zone.ts).
      if (zone !== undefined) await projections.lockHistory(trx, userId)
      const before = await usersRepository.findById(trx, userId)
      await usersRepository.update(trx, userId, {
        ...(displayName !== undefined ? { display_name: displayName } : {}),
        ...(unitSystem !== undefined ? { unit_system: unitSystem } : {}),
        ...(zone !== undefined ? { time_zone: zone } : {}),
        updated_at: new Date().toISOString()
      })
      if (zone !== undefined && zone !== before?.time_zone) await projections.timeZone(trx, userId)
      else await projections.changed(trx, userId, [{ type: 'user', id: userId }])
    }))
    return await loadMe(userId)
  })

  app.post('/me/password', {
    schema: {
      operationId: 'changePassword',
      tags: ['me'],
      summary: 'Change the password; every other session ends',
      body: ChangePasswordBody,
      response: { 204: Type.Null() }
    }
  }, async (request, reply) => {
    await app.authService.changePassword(request.auth, request.body.currentPassword, request.body.newPassword)
    return await reply.code(204).send(null)
  })

  app.delete('/me', {
    schema: {
      operationId: 'deleteMe',
      tags: ['me'],
      summary: 'Delete the account and all its data',
      body: DeleteMeBody,
      response: { 204: Type.Null() }
    }
  }, async (request, reply) => {
    await app.authService.deleteAccount(request.auth.userId, request.body.password)
    return await reply.code(204).send(null)
  })
}

export default meRoutes
