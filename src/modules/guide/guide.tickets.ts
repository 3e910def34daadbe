import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../../db/schema.js'
import { NotFoundError, TooManyRequestsError } from '../../lib/errors.js'
import { nowIso } from '../../lib/time.js'
import { workoutsRepository } from '../workouts/workouts.repository.js'
import { guideRepository } from './guide.repository.js'

/**
 * Stream tickets: browsers' EventSource cannot send Authorization, and an access token in a
 * URL would end up in logs and histories. A ticket is short-lived, works once, and only for
 * the event stream of one workout; only its hash is stored.
 */
export const TICKET_TTL_SEC = 60
const MAX_LIVE_TICKETS = 20

const hash = (ticket: string): string => createHash('sha256').update(ticket).digest('base64url')

export async function issueTicket (
  db: Db,
  auth: { userId: string, sessionId: string },
  workoutId: string
): Promise<{ ticket: string, expiresAt: string }> {
  const { userId, sessionId } = auth
  if (await workoutsRepository.find(db, userId, workoutId) === undefined) throw new NotFoundError('Workout')
  const now = nowIso()
  await guideRepository.deleteSpentTickets(db, userId, now)
  if (await guideRepository.liveTickets(db, userId, now) >= MAX_LIVE_TICKETS) {
    throw new TooManyRequestsError(`At most ${MAX_LIVE_TICKETS} unused stream tickets at a time`, TICKET_TTL_SEC)
  }
  const ticket = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.parse(now) + TICKET_TTL_SEC * 1000).toISOString()
  await guideRepository.insertTicket(db, {
    token_hash: hash(ticket),
    user_id: userId,
    workout_id: workoutId,
    session_id: sessionId,
    expires_at: expiresAt,
    used_at: null,
    created_at: now
  })
  return { ticket, expiresAt }
}

/**
 * The ticket's user and session when it is live, unused and for this very workout (and then it is used up); else
 * undefined.
 */
export async function useTicket (
  db: Db,
  ticket: string,
  workoutId: string
): Promise<{ userId: string, sessionId: string } | undefined> {
  return await guideRepository.useTicket(db, hash(ticket), workoutId, nowIso())
}

/** Request URLs as logged: a ticket's value never reaches the log. */
export const redactTicket = (url: string): string => url.replace(/([?&]ticket=)[^&#]*/gi, '$1[redacted]')
