import type { FastifyReply } from 'fastify'

/**
 * Answers stored as JSON text (workout documents, cached statistics) are made with the route's
 * own response serializer, so they are byte for byte what the route would have sent, and sent
 * as they are: a string with a JSON content type passes Fastify's serializer untouched.
 */
export const serializerOf = (reply: FastifyReply) => (value: unknown): string => reply.serialize(value) as string

export async function sendJsonText (reply: FastifyReply, body: string): Promise<FastifyReply> {
  return await reply.type('application/json; charset=utf-8').send(body)
}
