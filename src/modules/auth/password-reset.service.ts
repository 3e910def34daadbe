import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../db/schema.js'
import { BadRequestError, ServiceUnavailableError } from '../../lib/errors.js'
import { normaliseEmail } from './auth.service.js'
import { loginThrottleRepository } from './login-throttle.repository.js'
import { hashPassword } from './password.js'
import { passwordResetsRepository } from './password-resets.repository.js'
import type { ResetMail } from './reset-mail.js'
import type { SessionGuard } from './session-guard.js'
import { sessionsRepository } from './sessions.repository.js'
import { hashToken, newResetToken } from './tokens.js'
import { usersRepository, type UserRow } from './users.repository.js'

export const RESET_TTL_MS = 30 * 60 * 1000
/** A missing mail server is fixed by an operator, not by retrying soon. */
const UNAVAILABLE_RETRY_SEC = 3600

/**
 * Password reset by mailed link. A request answers the same, equally fast, whether the email is
 * registered or not: for a known one the token is stored and mailed after the answer, in the
 * background (tracked, so app close waits for it), so neither the write nor the mail server's
 * latency shows; a failure there is logged, never answered. Using a token changes the password,
 * ends every session of the user and clears the login throttle of the email.
 */
export class PasswordResetService {
  private readonly pending = new Set<Promise<void>>()

  constructor (
    private readonly db: Db,
    private readonly guard: SessionGuard,
    private readonly mail: ResetMail,
    private readonly log: FastifyBaseLogger
  ) {}

  async request (rawEmail: string): Promise<void> {
    this.ensureAvailable()
    const user = await usersRepository.findByEmail(this.db, normaliseEmail(rawEmail))
    if (user !== undefined) this.track(user.id, this.issue(user))
  }

  async confirm (token: string, newPassword: string): Promise<void> {
    this.ensureAvailable()
    const passwordHash = await hashPassword(newPassword)
    const now = new Date().toISOString()
    const userId = await this.db.transaction().execute(async (trx) => {
      const userId = await passwordResetsRepository.use(trx, hashToken(token), now)
      if (userId === undefined) return undefined
      const user = await usersRepository.update(trx, userId, { password_hash: passwordHash, updated_at: now })
      // Whoever reads the owner's mail is the owner here, as after a password change.
      if (user !== undefined) await loginThrottleRepository.clear(trx, user.email)
      await sessionsRepository.revokeAll(trx, userId, now)
      return userId
    })
    if (userId === undefined) {
      throw BadRequestError.field('/token', 'is invalid, expired or already used; request a new password reset')
    }
    await this.guard.revoked({ userId })
  }

  /** Resolves once every reset started so far is stored and mailed (or has failed). */
  async drain (): Promise<void> {
    await Promise.all([...this.pending])
  }

  private ensureAvailable (): void {
    if (!this.mail.available) {
      throw new ServiceUnavailableError(
        'Password reset is not available: this server has no mail server configured (SMTP_URL)',
        { retryAfterSec: UNAVAILABLE_RETRY_SEC }
      )
    }
  }

  /** Stores the token, and mails it only once that has committed. */
  private async issue (user: UserRow): Promise<void> {
    const token = newResetToken()
    const now = Date.now()
    await this.db.transaction().execute(async (trx) => {
      await passwordResetsRepository.replace(trx, {
        tokenHash: hashToken(token),
        userId: user.id,
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + RESET_TTL_MS).toISOString()
      })
    })
    await this.mail.send(user.email, token)
  }

  private track (userId: string, work: Promise<void>): void {
    const tracked: Promise<void> = work
      .catch((error: unknown) => { this.log.error({ err: error, userId }, 'password reset failed: no mail was sent') })
      .finally(() => { this.pending.delete(tracked) })
    this.pending.add(tracked)
  }
}
