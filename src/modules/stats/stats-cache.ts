import type { FastifyReply } from 'fastify'
import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'
import { sendJsonText, serializerOf } from '../../lib/json-text.js'

/**
 * Whole-history statistics (the summary, the records, volume series) are kept serialized per
 * user in stats_cache. An entry is valid while its tag is the user's current stats_version
 * (plus, for answers that depend on the date, the ISO week they were computed in). Every write
 * that changes what they are made of bumps stats_version in its own transaction: weekly totals,
 * bests, an exercise's name or muscles. A read then costs one indexed row, and the first read
 * after a change recomputes from the maintained aggregates (weekly_totals, exercise_bests).
 *
 * Why a read never serves stale data: it reads the version before computing, so what it
 * computes is at least as new as that version, and it is served again only to reads that find
 * the same version, i.e. when no write has committed since. A slow read that stores an older
 * tag over a newer one only costs the next read a recomputation.
 */
export const statsCache = {
  /** In the transaction of a write that changes this user's statistics. */
  async bump (db: Db, userId: string): Promise<void> {
    await sql`update users set stats_version = stats_version + 1 where id = ${userId}`.execute(db)
  },

  /** The predefined library changed (a new release): every user's names may be stale. */
  async bumpAll (db: Db): Promise<void> {
    await sql`update users set stats_version = stats_version + 1`.execute(db)
  },

  async read<T>(db: Db, userId: string, name: string, validity: string, compute: () => Promise<T>, serialize: (value: T) => string): Promise<string> {
    const { rows: [row] } = await sql<{ version: number, tag: string | null, body: string | null }>`
      select u.stats_version as version, c.tag, c.body
      from users u left join stats_cache c on c.user_id = u.id and c.name = ${name}
      where u.id = ${userId}`.execute(db)
    const tag = `${row?.version ?? 0}/${validity}`
    if (row?.tag === tag && row.body !== null) return row.body
    const body = serialize(await compute())
    if (row !== undefined) {
      await sql`insert into stats_cache (user_id, name, tag, body) values (${userId}, ${name}, ${tag}, ${body})
        on conflict (user_id, name) do update set tag = excluded.tag, body = excluded.body`.execute(db)
    }
    return body
  },

  /** Answers a route from the cache (src/lib/json-text.ts). */
  async send<T>(reply: FastifyReply, db: Db, userId: string, key: { name: string, validity?: string }, compute: () => Promise<T>): Promise<FastifyReply> {
    return await sendJsonText(reply, await this.read(db, userId, key.name, key.validity ?? '', compute, serializerOf(reply)))
  }
}
