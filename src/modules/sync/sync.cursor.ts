import { BadRequestError, GoneError } from '../../lib/errors.js'

/**
 * A position in one user's change feed: every change up to number `seq` was seen, and at `seq`
 * itself those up to (type, id) when a page ended inside one write's changes. Opaque to clients
 * (base64url JSON); it names its user, so another user's cursor is refused (410).
 */
export interface FeedPosition { userId: string, seq: number, after?: { type: string, id: string } }

const VERSION = 1

export function encodePosition (p: FeedPosition): string {
  const json = [VERSION, p.userId, p.seq, ...(p.after === undefined ? [] : [p.after.type, p.after.id])]
  return Buffer.from(JSON.stringify(json)).toString('base64url')
}

const bad = (): BadRequestError => BadRequestError.field('/since', 'is not a cursor this API issued')

/** 400 when it does not parse, 410 when it is another user's. */
export function decodePosition (text: string, userId: string): FeedPosition {
  let parts: unknown
  try { parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) } catch { throw bad() }
  if (!Array.isArray(parts) || parts[0] !== VERSION || (parts.length !== 3 && parts.length !== 5)) throw bad()
  const [, owner, seq, type, id] = parts as unknown[]
  if (typeof owner !== 'string' || !Number.isSafeInteger(seq) || (seq as number) < 0) throw bad()
  if (parts.length === 5 && (typeof type !== 'string' || typeof id !== 'string')) throw bad()
  if (owner !== userId) throw new GoneError('This cursor was issued to another user: start again without since')
  const after = parts.length === 5 ? { after: { type: type as string, id: id as string } } : {}
  return { userId, seq: seq as number, ...after }
}
