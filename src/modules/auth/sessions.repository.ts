import type { Db } from '../../db/schema.js'

export interface RefreshLookup {
  sessionId: string
  userId: string
  usedAt: string | null
  revokedAt: string | null
  expiresAt: string
}

export const sessionsRepository = {
  async create (db: Db, session: { id: string, userId: string, createdAt: string, expiresAt: string }): Promise<void> {
    await db.insertInto('sessions').values({
      id: session.id,
      user_id: session.userId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      revoked_at: null
    }).execute()
  },

  /** The row an access token's `sid` points at, if it still stands for a live login of that user. */
  async findActive (
    db: Db,
    sessionId: string,
    userId: string,
    now: string
  ): Promise<{ expires_at: string } | undefined> {
    return await db.selectFrom('sessions').select('expires_at')
      .where('id', '=', sessionId).where('user_id', '=', userId)
      .where('revoked_at', 'is', null).where('expires_at', '>', now)
      .executeTakeFirst()
  },

  async extend (db: Db, sessionId: string, expiresAt: string): Promise<void> {
    await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', sessionId).execute()
  },

  async revoke (db: Db, sessionId: string, now: string): Promise<void> {
    await db.updateTable('sessions')
      .set({ revoked_at: now })
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .execute()
  },

  /** Revokes every live session of the user except `keep`; returns the ids revoked. */
  async revokeOthers (db: Db, userId: string, keep: string, now: string): Promise<string[]> {
    const rows = await db.updateTable('sessions').set({ revoked_at: now })
      .where('user_id', '=', userId).where('id', '<>', keep).where('revoked_at', 'is', null)
      .returning('id').execute()
    return rows.map((r) => r.id)
  },

  /** Revokes every live session of the user (a password reset); returns the ids revoked. */
  async revokeAll (db: Db, userId: string, now: string): Promise<string[]> {
    const rows = await db.updateTable('sessions').set({ revoked_at: now })
      .where('user_id', '=', userId).where('revoked_at', 'is', null)
      .returning('id').execute()
    return rows.map((r) => r.id)
  },

  async addRefreshToken (db: Db, tokenHash: string, sessionId: string, now: string): Promise<void> {
    await db.insertInto('refresh_tokens')
      .values({ token_hash: tokenHash, session_id: sessionId, created_at: now, used_at: null })
      .execute()
  },

  async findRefreshToken (db: Db, tokenHash: string): Promise<RefreshLookup | undefined> {
    const row = await db.selectFrom('refresh_tokens as t').innerJoin('sessions as s', 's.id', 't.session_id')
      .select([
        's.id as sessionId',
        's.user_id as userId',
        't.used_at as usedAt',
        's.revoked_at as revokedAt',
        's.expires_at as expiresAt'
      ])
      .where('t.token_hash', '=', tokenHash).executeTakeFirst()
    return row
  },

  /** Marks a refresh token used; false if someone else used it first (a concurrent replay). */
  async markRefreshTokenUsed (db: Db, tokenHash: string, now: string): Promise<boolean> {
    const result = await db.updateTable('refresh_tokens').set({ used_at: now })
      .where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }
}
