import type { Db } from '../../db/schema.js'

export const passwordResetsRepository = {
  /**
   * The user's new reset token replaces their earlier ones (used or not): only the newest link
   * works. Expired rows of anyone are pruned on the way, so the table stays small.
   */
  async replace (
    db: Db,
    reset: { tokenHash: string, userId: string, createdAt: string, expiresAt: string }
  ): Promise<void> {
    await db.deleteFrom('password_resets')
      .where((eb) => eb.or([eb('user_id', '=', reset.userId), eb('expires_at', '<=', reset.createdAt)]))
      .execute()
    await db.insertInto('password_resets').values({
      token_hash: reset.tokenHash,
      user_id: reset.userId,
      created_at: reset.createdAt,
      expires_at: reset.expiresAt,
      used_at: null
    }).execute()
  },

  /**
   * Uses a token up if it is unused and unexpired (one atomic update, so two concurrent uses
   * cannot both succeed) and drops the user's other tokens; returns the user, or undefined.
   */
  async use (db: Db, tokenHash: string, now: string): Promise<string | undefined> {
    const row = await db.updateTable('password_resets').set({ used_at: now })
      .where('token_hash', '=', tokenHash).where('used_at', 'is', null).where('expires_at', '>', now)
      .returning('user_id').executeTakeFirst()
    if (row === undefined) return undefined
    await db.deleteFrom('password_resets')
      .where('user_id', '=', row.user_id).where('token_hash', '<>', tokenHash).execute()
    return row.user_id
  }
}
