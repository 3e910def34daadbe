import type { Selectable } from 'kysely'
import type { Db } from '../../db/schema.js'
import type { UsersTable } from './auth.tables.js'
import type { UserDto } from './auth.schemas.js'

/** A user's columns, without the statistics version (only the stats cache reads it). */
export type UserRow = Omit<Selectable<UsersTable>, 'stats_version'>

export const toUser = (row: UserRow): UserDto => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  unitSystem: row.unit_system as UserDto['unitSystem'],
  timeZone: row.time_zone,
  createdAt: row.created_at
})

export const usersRepository = {
  async findByEmail (db: Db, email: string): Promise<UserRow | undefined> {
    return await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
  },

  async findById (db: Db, userId: string): Promise<UserRow | undefined> {
    return await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst()
  },

  /** Returns false when the email is taken (the unique index decides, so races are safe). */
  async insert (db: Db, row: UserRow): Promise<boolean> {
    const result = await db.insertInto('users')
      .values(row)
      .onConflict((oc) => oc.column('email').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
  },

  async update (
    db: Db,
    userId: string,
    changes: Partial<Pick<UserRow, 'display_name' | 'unit_system' | 'time_zone' | 'password_hash' | 'updated_at'>>
  ): Promise<UserRow | undefined> {
    await db.updateTable('users').set(changes).where('id', '=', userId).execute()
    return await this.findById(db, userId)
  },

  /** Everything the user owns goes with them through ON DELETE CASCADE. */
  async delete (db: Db, userId: string): Promise<void> {
    await db.deleteFrom('users').where('id', '=', userId).execute()
  }
}
