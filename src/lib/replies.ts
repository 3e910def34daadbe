import type { FastifyReply } from 'fastify'

/** A create's outcome: made now (201), or a replay of the same client id (200, nothing made). */
export interface Created<T> { created: boolean, body: T }

/**
 * Answers a create as the contract says: 201 with the resource and its Location, or 200 with
 * the stored resource for a replay (same Location, so a retrying client learns it either way).
 */
export async function sendCreated<T> (
  reply: FastifyReply,
  outcome: Created<T>,
  location: string
): Promise<FastifyReply> {
  return await reply.code(outcome.created ? 201 : 200).header('location', location).send(outcome.body)
}
