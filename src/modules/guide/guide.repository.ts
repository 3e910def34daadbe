import type { Selectable } from 'kysely'
import type { Db } from '../../db/schema.js'
import type { GuideStatesTable, GuideTicketsTable } from './guide.tables.js'

export type GuideStateRow = Selectable<GuideStatesTable>

/** A workout guided for the first time (a free workout) has no row yet: this is its state. */
export const initialState = (workoutId: string, userId: string): GuideStateRow =>
  ({ workout_id: workoutId, user_id: userId, rest_ends_at: null, skipped_set_ids: '[]', version: 0, updated_at: '' })

export const guideRepository = {
  async find (db: Db, userId: string, workoutId: string): Promise<GuideStateRow | undefined> {
    return await db.selectFrom('guide_states')
      .selectAll()
      .where('workout_id', '=', workoutId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
  },

  /** Inserts or replaces a workout's guide state (callers hold the workout's lock). */
  async save (db: Db, row: GuideStateRow): Promise<void> {
    const { workout_id: _id, user_id: _user, ...changes } = row
    await db.insertInto('guide_states')
      .values(row)
      .onConflict((oc) => oc.column('workout_id').doUpdateSet(changes))
      .execute()
  },

  async insertTicket (db: Db, row: GuideTicketsTable): Promise<void> {
    await db.insertInto('guide_tickets').values(row).execute()
  },

  /** Tickets of this user still usable at `now` (the cap on outstanding tickets). */
  async liveTickets (db: Db, userId: string, now: string): Promise<number> {
    const row = await db.selectFrom('guide_tickets').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId).where('expires_at', '>', now).where('used_at', 'is', null).executeTakeFirst()
    return Number(row?.n ?? 0)
  },

  /** Used and expired tickets are worth nothing: dropped whenever the user asks for a new one. */
  async deleteSpentTickets (db: Db, userId: string, now: string): Promise<void> {
    await db.deleteFrom('guide_tickets').where('user_id', '=', userId)
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('used_at', 'is not', null)])).execute()
  },

  /**
   * Uses a ticket: one conditional update, so of two concurrent uses only one succeeds. Only a
   * live, unused ticket for this very workout qualifies. Answers its user, or undefined.
   */
  async useTicket (
    db: Db,
    tokenHash: string,
    workoutId: string,
    now: string
  ): Promise<{ userId: string, sessionId: string } | undefined> {
    const row = await db.updateTable('guide_tickets').set({ used_at: now })
      .where('token_hash', '=', tokenHash).where('workout_id', '=', workoutId)
      .where('used_at', 'is', null).where('expires_at', '>', now)
      .returning(['user_id', 'session_id']).executeTakeFirst()
    return row === undefined ? undefined : { userId: row.user_id, sessionId: row.session_id }
  }
}
