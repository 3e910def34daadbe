import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { dialect, freshDatabaseUrl, type Session } from './app.js'
import type { TestExercises } from './exercises.js'

/**
 * The machinery of test/sync-model.test.ts: simulated devices of one user, each with a replica
 * built only from the change feed and its own write answers, and the oracle that reads the
 * server's truth (GET) around every write.
 */

export type ResourceType = 'workout' | 'progress_log' | 'goal' | 'plan' | 'exercise' | 'user'
export type Json = any

const PATHS: Record<Exclude<ResourceType, 'user'>, string> = {
  workout: '/workouts', progress_log: '/progress-logs', goal: '/goals', plan: '/plans', exercise: '/exercises'
}

export const keyOf = (type: ResourceType, id: string): string => `${type}:${id}`
export const typeOf = (key: string): ResourceType => key.slice(0, key.indexOf(':')) as ResourceType
export const idOf = (key: string): string => key.slice(key.indexOf(':') + 1)
/** The single-resource route of a key (the user is /me). */
export const pathOf = (key: string): string => {
  const type = typeOf(key)
  return type === 'user' ? '/me' : `${PATHS[type]}/${idOf(key)}`
}

export interface Change { type: ResourceType, id: string, op: 'upsert' | 'delete', data: Json, changedAt: string }

/** One simulated device: what it knows comes from the feed and from its own successful writes. */
export interface Device {
  name: string
  cursor?: string
  replica: Map<string, Json>
  /** The ETag it last saw per resource (from its own write answers and its own GETs, never from the feed). */
  etags: Map<string, string>
}

/** A create this test sent with a client-made id, to replay later. */
export interface ClientCreate { dev: number, key: string, url: string, body: Json }

/** One run: one fresh user on the shared database, three devices, and the test's own record of what exists. */
export interface World {
  apps: [FastifyInstance, FastifyInstance]
  session: Session
  ex: TestExercises
  devices: Device[]
  /** Every key this run made, in creation order (picks index into it, so runs replay exactly). */
  created: string[]
  /** What must exist on the server now (independent of the feed): created and not deleted. */
  live: Set<string>
  /** Deleted: GET must answer 404. */
  gone: Set<string>
  clientCreates: ClientCreate[]
  /** The last ETag and body GET answered per resource: an unchanged ETag must mean an unchanged body. */
  seen: Map<string, { etag: string, body: Json }>
  /** What each step did, for the failure message. */
  transcript: string[]
  serial: number
}

export const INSTANCE = ['A', 'B']

export interface SendOptions { payload?: unknown, ifMatch?: string, ifNoneMatch?: string }

export async function send (w: World, inst: number, method: InjectOptions['method'], url: string, o: SendOptions = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${w.session.token}` }
  if (o.ifMatch !== undefined) headers['if-match'] = o.ifMatch
  if (o.ifNoneMatch !== undefined) headers['if-none-match'] = o.ifNoneMatch
  return await w.apps[inst].inject({
    method, url: `/api/v1${url}`, headers, ...(o.payload === undefined ? {} : { payload: o.payload as object })
  })
}

export const note = (w: World, line: string): void => { w.transcript.push(line) }

/** A problem+json answer with this status. */
export function assertProblem (res: LightMyRequestResponse, status: number, where: string): void {
  assert.equal(res.statusCode, status, `${where}: expected ${status}, got ${res.statusCode} ${res.body}`)
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/, `${where}: content type`)
  assert.equal(res.json().status, status, `${where}: problem status`)
}

export interface Truth { status: 200 | 404, body?: Json, etag?: string }

/**
 * The server's current state of one resource, read with GET on `inst`. Every 200 of a synced type
 * carries an ETag; an ETag seen before with a different body is a stale validator (a change that
 * was not recorded).
 */
export async function truth (w: World, key: string, inst: number): Promise<Truth> {
  const res = await send(w, inst, 'GET', pathOf(key))
  if (res.statusCode === 404) return { status: 404 }
  assert.equal(res.statusCode, 200, `GET ${pathOf(key)} on ${INSTANCE[inst]}: ${res.body}`)
  const body = res.json()
  if (typeOf(key) === 'user') return { status: 200, body }
  const etag = res.headers.etag
  assert.ok(typeof etag === 'string' && etag.length > 0, `GET ${pathOf(key)} has an ETag`)
  const before = w.seen.get(key)
  if (before !== undefined && before.etag === etag) {
    assert.deepEqual(body, before.body, `${key}: the representation changed but its ETag ${etag} did not`)
  }
  w.seen.set(key, { etag, body })
  return { status: 200, body, etag }
}

/** The answer of a create or a full-resource write, as GET would show it (records are reported beside the resource). */
export const resourceOf = (body: Json): Json => {
  const { newRecords: _records, ...rest } = body
  return rest
}

/**
 * Follows the feed from the device's cursor to its end in pages of `limit`, applying upserts
 * (replace by type:id) and deletes (remove). Nothing else writes meanwhile, so each resource
 * appears at most once and a poll right after is empty.
 */
export async function sync (w: World, dev: number, inst: number, limit: number): Promise<number> {
  const device = w.devices[dev]
  const keys = new Set<string>()
  let pages = 0
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), ...(device.cursor === undefined ? {} : { since: device.cursor }) })
    const res = await send(w, inst, 'GET', `/sync/changes?${query.toString()}`)
    assert.equal(res.statusCode, 200, `sync of ${device.name}: ${res.body}`)
    const page = res.json() as { changes: Change[], nextCursor: string, hasMore: boolean }
    pages++
    assert.ok(page.changes.length <= limit, 'a page holds at most limit changes')
    assert.ok(typeof page.nextCursor === 'string' && page.nextCursor.length > 0, 'every page has a cursor')
    for (const c of page.changes) {
      const key = keyOf(c.type, c.id)
      assert.ok(!keys.has(key), `${key} appears twice in one follow of the feed`)
      assert.match(c.changedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, `${key}: changedAt is an instant`)
      keys.add(key)
      if (c.op === 'delete') {
        assert.equal(c.data, null, `${key}: a tombstone has data null`)
        device.replica.delete(key)
      } else {
        assert.equal(c.op, 'upsert')
        assert.equal(c.data?.id, c.id, `${key}: an upsert carries the resource`)
        device.replica.set(key, c.data)
      }
    }
    device.cursor = page.nextCursor
    if (!page.hasMore) break
  }
  const poll = await send(w, 1 - inst, 'GET', `/sync/changes?since=${device.cursor as string}`)
  assert.equal(poll.statusCode, 200, poll.body)
  assert.deepEqual([poll.json().changes, poll.json().hasMore], [[], false], `${device.name}: a poll at the end of the feed (other instance) is empty`)
  note(w, `  ${device.name} synced on ${INSTANCE[inst]}: ${keys.size} changes in ${pages} pages of ≤ ${limit}`)
  return keys.size
}

/** Every item of a list route, following nextCursor. */
async function listAll (w: World, inst: number, url: string): Promise<Json[]> {
  const items: Json[] = []
  let cursor: string | null = null
  do {
    const sep = url.includes('?') ? '&' : '?'
    const res = await send(w, inst, 'GET', `${url}${sep}limit=100${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`)
    assert.equal(res.statusCode, 200, `GET ${url}: ${res.body}`)
    const page = res.json() as { items: Json[], nextCursor: string | null }
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor !== null)
  return items
}

/**
 * Everything the user has, as the server shows it through `inst`: the keys the list routes
 * name (custom exercises: the caller's own, archived ones left out, as the feed tombstones them),
 * each with its GET body.
 */
export async function serverState (w: World, inst: number): Promise<Map<string, Json>> {
  const lists: Array<[ResourceType, string]> = [
    ['workout', '/workouts'], ['progress_log', '/progress-logs'], ['goal', '/goals'], ['plan', '/plans'], ['exercise', '/exercises?custom=true']
  ]
  const keys = [keyOf('user', w.session.userId)]
  for (const [type, url] of lists) {
    for (const item of await listAll(w, inst, url)) keys.push(keyOf(type, item.id))
  }
  const state = new Map<string, Json>()
  for (const key of keys.sort()) {
    assert.ok(!state.has(key), `${key} listed twice`)
    const t = await truth(w, key, inst)
    assert.equal(t.status, 200, `${key} is listed but GET answers 404`)
    state.set(key, t.body)
  }
  return state
}

/** Two instances on one database: a temp SQLite file (both open it), or a fresh PostgreSQL schema. */
export async function sharedDatabase (): Promise<{ url: string, drop: () => Promise<void> }> {
  if (dialect === 'postgres') return await freshDatabaseUrl()
  const file = path.join(os.tmpdir(), `spotter-sync-model-${process.pid}-${randomBytes(4).toString('hex')}.db`)
  const drop = async (): Promise<void> => {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
  }
  return { url: `sqlite:${file}`, drop }
}
