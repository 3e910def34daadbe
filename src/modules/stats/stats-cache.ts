import type { FastifyReply } from 'fastify'
import { sql } from 'kysely'
import type { Db } from '../../db/schema.js'
import { sendJsonText, serializerOf } from '../../lib/json-text.js'

export interface StatsCacheTable {
  user_id: string
  name: string
  /** `<users.stats_version>/<validity>`: the body is served only while it matches. */
  tag: string
  body: string
}
export interface StatsTables { stats_cache: StatsCacheTable }

/**
 * Whole-history statistics (the summary, the records, volume series) are kept serialized per
 * user in stats_cache. An entry is valid while its tag is the user's current stats_version
 * (plus, for answers that depend on the date, the ISO week they were computed in). Every write
 * that changes what they are made of bumps stats_version in its own transaction (src/projections):
 * weekly totals, bests, an exercise's name or muscles, the time zone. A read then costs one
 * indexed row, and the first read after a change recomputes from the maintained aggregates.
 *
 * Why a read never serves stale data: it reads the version before computing, so what it
 * computes is at least as new as that version, and it is served again only to reads that find
 * the same version, i.e. when no write has committed since. A slow read that stores an older
 * tag over a newer one only costs the next read a recomputation.
 */
export const statsCache = {
  /**
   * The stored answer `name` while its tag is current, else `compute(timeZone)` stored for the
   * next read. `validity(timeZone)` adds what else the answer depends on (the current week).
   * Storing is best effort: a full disk or a read-only replica never fails the read.
   */
  async read<T>(
    db: Db,
    userId: string,
    key: CacheKey,
    compute: (timeZone: string) => Promise<T>,
    serialize: (value: T) => string,
    onStoreError?: (error: unknown) => void
  ): Promise<string> {
    const { rows: [row] } = await sql<{ version: number, tz: string, tag: string | null, body: string | null }>`
      select u.stats_version as version, u.time_zone as tz, c.tag, c.body
      from users u left join stats_cache c on c.user_id = u.id and c.name = ${key.name}
      where u.id = ${userId}`.execute(db)
    const timeZone = row?.tz ?? 'UTC'
    const tag = `${row?.version ?? 0}/${key.validity?.(timeZone) ?? ''}`
    if (row?.tag === tag && row.body !== null) return row.body
    const body = serialize(await compute(timeZone))
    if (row !== undefined) {
      await sql`insert into stats_cache (user_id, name, tag, body) values (${userId}, ${key.name}, ${tag}, ${body})
        on conflict (user_id, name) do update set tag = excluded.tag, body = excluded.body`.execute(db)
        .catch((error: unknown) => { onStoreError?.(error) })
    }
    return body
  },

  /** Answers a route from the cache (src/lib/json-text.ts). */
  async send<T>(
    reply: FastifyReply,
    db: Db,
    userId: string,
    key: CacheKey,
    compute: (timeZone: string) => Promise<T>
  ): Promise<FastifyReply> {
    const warn = (err: unknown): void => { reply.log.warn({ err }, 'cached statistics not stored') }
    return await sendJsonText(reply, await this.read(db, userId, key, compute, serializerOf(reply), warn))
  }
}

export interface CacheKey { name: string, validity?: (timeZone: string) => string }
