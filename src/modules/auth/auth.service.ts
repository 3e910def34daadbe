import type { JWT } from '@fastify/jwt'
import type { Db } from '../../db/schema.js'
import { BadRequestError, ConflictError, TooManyRequestsError, UnauthorizedError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { projections } from '../../projections/index.js'
import { DEFAULT_TIME_ZONE } from '../../rules/calendar.js'
import type { AuthResultDto, UserDto } from './auth.schemas.js'
import { loginThrottleRepository } from './login-throttle.repository.js'
import { hashPassword, verifyDummy, verifyPassword } from './password.js'
import type { SessionGuard } from './session-guard.js'
import { sessionsRepository } from './sessions.repository.js'
import { ACCESS_TOKEN_TTL_SEC, SESSION_TTL_MS, hashToken, newRefreshToken, type AccessClaims } from './tokens.js'
import { toUser, usersRepository, type UserRow } from './users.repository.js'

const BAD_CREDENTIALS = 'Invalid email or password'
const THROTTLED = 'Too many failed logins for this account from this address; try again later'
const LOCKED = 'This account is locked after too many failed logins; try again later'
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function normaliseEmail (raw: string): string {
  const email = raw.trim().toLowerCase()
  if (!EMAIL.test(email) || email.length > 254) throw BadRequestError.field('/email', 'must be a valid email address')
  return email
}

export class AuthService {
  constructor (private readonly db: Db, private readonly jwt: JWT, private readonly guard: SessionGuard) {}

  async register (input: { email: string, password: string, displayName?: string }): Promise<AuthResultDto> {
    const email = normaliseEmail(input.email)
    const now = new Date().toISOString()
    const row: UserRow = {
      id: newId(),
      email,
      password_hash: await hashPassword(input.password),
      display_name: input.displayName ?? null,
      unit_system: 'metric',
      time_zone: DEFAULT_TIME_ZONE,
      created_at: now,
      updated_at: now
    }
    return await this.db.transaction().execute(async (trx) => {
      if (!await usersRepository.insert(trx, row)) throw new ConflictError('An account with this email already exists')
      // Failures counted against the email before it was registered are not the new owner's.
      await loginThrottleRepository.clear(trx, email)
      const session = await this.startSession(trx, row)
      // The new user starts the change feed (its counter), as the transaction's last lock.
      await projections.changed(trx, row.id, [{ type: 'user', id: row.id }])
      return session
    })
  }

  /**
   * `address` is the client's: the wait between failed logins is per account and address, the
   * lock (100 failures in a row) per account; see login-throttle.repository.ts.
   */
  async login (input: { email: string, password: string }, address: string): Promise<AuthResultDto> {
    const email = input.email.trim().toLowerCase()
    const nowMs = Date.now()
    const block = await loginThrottleRepository.blocked(this.db, email, address, nowMs)
    if (block.seconds > 0) throw new TooManyRequestsError(block.locked ? LOCKED : THROTTLED, block.seconds)
    const user = await usersRepository.findByEmail(this.db, email)
    const ok = user === undefined
      ? await verifyDummy(input.password)
      : await verifyPassword(user.password_hash, input.password)
    if (!ok || user === undefined) {
      await loginThrottleRepository.recordFailure(this.db, email, address, nowMs)
      throw new UnauthorizedError(BAD_CREDENTIALS)
    }
    return await this.db.transaction().execute(async (trx) => {
      await loginThrottleRepository.clear(trx, email)
      return await this.startSession(trx, user)
    })
  }

  /** Rotates a refresh token. Presenting a used one revokes its whole session (theft signal). */
  async refresh (refreshToken: string): Promise<AuthResultDto> {
    const tokenHash = hashToken(refreshToken)
    const now = new Date().toISOString()
    const outcome = await this.db.transaction().execute(async (trx) => {
      const found = await sessionsRepository.findRefreshToken(trx, tokenHash)
      if (found === undefined || found.revokedAt !== null || found.expiresAt <= now) return { kind: 'invalid' as const }
      if (found.usedAt !== null || !await sessionsRepository.markRefreshTokenUsed(trx, tokenHash, now)) {
        await sessionsRepository.revoke(trx, found.sessionId, now)
        return { kind: 'reused' as const, sessionId: found.sessionId }
      }
      const user = await usersRepository.findById(trx, found.userId)
      if (user === undefined) return { kind: 'invalid' as const }
      await sessionsRepository.extend(trx, found.sessionId, new Date(Date.now() + SESSION_TTL_MS).toISOString())
      return { kind: 'ok' as const, result: await this.issueTokens(trx, user, found.sessionId, now) }
    })
    if (outcome.kind === 'ok') return outcome.result
    if (outcome.kind === 'reused') await this.guard.revoked({ sessionIds: [outcome.sessionId] })
    throw new UnauthorizedError('Refresh token is invalid, expired or already used')
  }

  async logout (sessionId: string): Promise<void> {
    await sessionsRepository.revoke(this.db, sessionId, new Date().toISOString())
    await this.guard.revoked({ sessionIds: [sessionId] })
  }

  async changePassword (
    auth: { userId: string, sessionId: string },
    currentPassword: string,
    newPassword: string
  ): Promise<void> {
    const user = await this.checkPassword(auth.userId, currentPassword)
    const passwordHash = await hashPassword(newPassword)
    const now = new Date().toISOString()
    const revoked = await this.db.transaction().execute(async (trx) => {
      await usersRepository.update(trx, auth.userId, { password_hash: passwordHash, updated_at: now })
      // A signed-in owner ends a lock (and any wait) by choosing a new password.
      await loginThrottleRepository.clear(trx, user.email)
      return await sessionsRepository.revokeOthers(trx, auth.userId, auth.sessionId, now)
    })
    await this.guard.revoked({ sessionIds: revoked })
  }

  async deleteAccount (userId: string, password: string): Promise<void> {
    await this.checkPassword(userId, password)
    await usersRepository.delete(this.db, userId)
    await this.guard.revoked({ userId })
  }

  private async checkPassword (userId: string, password: string): Promise<UserRow> {
    const user = await usersRepository.findById(this.db, userId)
    if (user === undefined || !await verifyPassword(user.password_hash, password)) {
      throw new UnauthorizedError('Current password is wrong')
    }
    return user
  }

  private async startSession (db: Db, user: UserRow): Promise<AuthResultDto> {
    const now = new Date()
    const sessionId = newId()
    await sessionsRepository.create(db, {
      id: sessionId,
      userId: user.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString()
    })
    return await this.issueTokens(db, user, sessionId, now.toISOString())
  }

  private async issueTokens (db: Db, user: UserRow, sessionId: string, now: string): Promise<AuthResultDto> {
    const refreshToken = newRefreshToken()
    await sessionsRepository.addRefreshToken(db, hashToken(refreshToken), sessionId, now)
    const claims: AccessClaims = { sub: user.id, sid: sessionId }
    return {
      user: toUser(user),
      accessToken: this.jwt.sign(claims),
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_TTL_SEC
    }
  }
}

export type { UserDto }
