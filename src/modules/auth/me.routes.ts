import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { NotFoundError } from '../../lib/errors.js'
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
    schema: { tags: ['me'], summary: 'The signed-in user', response: { 200: User } }
  }, async (request) => await loadMe(request.auth.userId))

  app.patch('/me', {
    schema: { tags: ['me'], summary: 'Change display name or unit system', body: UpdateMeBody, response: { 200: User } }
  }, async (request) => {
    const { displayName, unitSystem } = request.body
    await usersRepository.update(db, request.auth.userId, {
      ...(displayName !== undefined ? { display_name: displayName } : {}),
      ...(unitSystem !== undefined ? { unit_system: unitSystem } : {}),
      updated_at: new Date().toISOString()
    })
    return await loadMe(request.auth.userId)
  })

  app.post('/me/password', {
    schema: { tags: ['me'], summary: 'Change the password; every other session ends', body: ChangePasswordBody, response: { 204: Type.Null() } }
  }, async (request, reply) => {
    await app.authService.changePassword(request.auth, request.body.currentPassword, request.body.newPassword)
    return await reply.code(204).send(null)
  })

  app.delete('/me', {
    schema: { tags: ['me'], summary: 'Delete the account and all its data', body: DeleteMeBody, response: { 204: Type.Null() } }
  }, async (request, reply) => {
    await app.authService.deleteAccount(request.auth.userId, request.body.password)
    return await reply.code(204).send(null)
  })
}

export default meRoutes
