import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import type { LightMyRequestResponse } from 'fastify'
import { createTestApp, register, type TestApp } from './helpers/app.js'
import { createExercises } from './helpers/exercises.js'
import {
  assertProblem, INSTANCE, keyOf, note, pathOf, resourceOf, send, serverState, sharedDatabase, sync, truth, typeOf,
  type Json, type ResourceType, type World
} from './helpers/sync-model.js'

// The Sync contract (shared/API.md, "Sync") as a model. Three offline devices of one user write
// through two app instances on one database (a SQLite file both open / one PostgreSQL schema);
// each device knows only what the change feed and its own successful write answers told it, and
// the ETag it last saw per resource (from its write answers and its own GETs, never from the feed,
// which has none: after a sync its ETags stay as they were, so later If-Match writes are often
// stale, as intended). Random steps, each through instance A or B: creates (some with client ids,
// retried at once or replayed later), PATCH/DELETE with If-Match, child writes (sets, plan items,
// goal progress) with the parent's ETag, plan activations, custom exercise renames, GET with
// If-None-Match (child GETs too), feed syncs in pages of 1–5, and concurrent pairs of writes.
// Around every conditional write the server's truth is read (GET on the other instance), proving:
// - a write succeeds exactly when its If-Match is the current ETag (or it has none); a 412 is a
//   problem document and changed nothing (GET body and ETag before = after), child routes too;
// - two writes holding one current ETag, sent at once to the two instances: one 2xx, one 412
//   (every run has such a step; workouts, plans, goals, logs, exercises; PATCH or child POST);
// - a 2xx answer carries the resource's (child routes: the parent's) new ETag; a full answer is
//   what GET shows; If-None-Match answers 304 exactly when the ETag is current;
// - an ETag never stays while the representation changes (derived changes included);
// - a repeated create (same client id) answers 200 with the stored resource and its current
//   ETag, and creates nothing;
// - the feed pages without repeating a resource and ends with an empty poll, and after any
//   device followed it to the end (at every sync step, and for every device at the end of a run)
//   its replica IS the server's state: the same type:id keys as the list routes name (and as the
//   test's own record of what was created and not deleted: no duplicates), each body deep-equal
//   to its GET, with both instances agreeing at the end. So no change is missed, no tombstone
//   lost, and derived upserts arrive (a goal's currentValue moved by a set, log or update, the
//   plan an activation deactivated, the workouts and plans that show a renamed exercise).
// Compared whole, nothing dropped: goals get no deadline, so their clock-dependent projectedDate
// and onTrack stay null. Left out: `newRecords` beside a write answer (not part of the GET shape);
// the archived custom exercise (tombstoned in the feed and absent from lists, yet GET by id is
// 200). Pinned by the tests at the end: a child DELETE's 204 carries the parent's new ETag, and the
// archived exercise's GET carries the ETag of its delete.
// Each run starts with a fixed PROLOGUE (so the random steps find things to act on).
// SYNC_MODEL_SEED (+ SYNC_MODEL_PATH) replays a run, SYNC_MODEL_RUNS sets the number of runs
// (default 20: about 10 s on SQLite, 20 s on PostgreSQL).
const env = process.env
const seed = env.SYNC_MODEL_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(env.SYNC_MODEL_SEED)
const numRuns = Number(env.SYNC_MODEL_RUNS ?? 20)
// Shrinking replays whole runs; this bounds it (the smallest failure found by then is reported).
const timeLimitMs = Number(env.SYNC_MODEL_TIME_LIMIT_MS ?? 400_000)

type Kind =
  | 'createWorkout' | 'replayCreate' | 'patchWorkout' | 'addSet' | 'patchSet' | 'deleteSet' | 'deleteWorkout'
  | 'createLog' | 'patchLog' | 'deleteLog'
  | 'createGoal' | 'patchGoal' | 'goalProgress' | 'deleteGoal'
  | 'createPlan' | 'addItem' | 'patchItem' | 'deleteItem' | 'activatePlan' | 'deletePlan'
  | 'renameExercise' | 'patchMe' | 'refresh' | 'sync' | 'concurrent'

const WEIGHTS: Array<[Kind, number]> = [
  ['createWorkout', 5], ['replayCreate', 2], ['patchWorkout', 5], ['addSet', 5], ['patchSet', 3], ['deleteSet', 2],
  ['deleteWorkout', 2], ['createLog', 3], ['patchLog', 2], ['deleteLog', 1], ['createGoal', 3], ['patchGoal', 2],
  ['goalProgress', 2], ['deleteGoal', 1], ['createPlan', 4], ['addItem', 2], ['patchItem', 2], ['deleteItem', 1],
  ['activatePlan', 4], ['deletePlan', 1], ['renameExercise', 2], ['patchMe', 1], ['refresh', 4], ['sync', 8],
  ['concurrent', 2]
]

/** One step: which device, through which instance, and numbers the step turns into picks and values. */
class Cmd {
  constructor (
    readonly kind: Kind,
    readonly dev: number,
    readonly inst: number,
    readonly pick: number,
    readonly value: number,
    readonly flag: boolean,
    readonly flag2: boolean
  ) {}

  toString (): string {
    const extra: Record<Kind, string> = {
      createWorkout: this.flag ? `client id${this.flag2 ? ', retried at once on the other instance' : ''}` : 'server id',
      createLog: this.flag ? `client id${this.flag2 ? ', retried' : ''}` : 'server id',
      createGoal: `${['exercise_weight', 'exercise_reps', 'body_metric'][this.value % 3]}, ${this.flag ? 'client id' : 'server id'}`,
      createPlan: `${this.value % 3 === 0 ? 'active, ' : ''}${this.flag ? `client id${this.flag2 ? ', retried' : ''}` : 'server id'}`,
      patchWorkout: this.flag ? 'notes' : 'name',
      activatePlan: this.flag && this.flag2 ? 'isActive false' : 'isActive true',
      refresh: this.flag ? 'child GET when it has one' : 'GET',
      sync: `limit ${1 + (this.value % 5)}`,
      concurrent: `${RACED[this.value % RACED.length]}, ${this.flag ? 'PATCH vs child POST' : 'PATCH vs PATCH'}`,
      replayCreate: '',
      addSet: this.flag ? `client id${this.flag2 ? ', retried' : ''}` : '',
      patchSet: '',
      deleteSet: '',
      deleteWorkout: '',
      patchLog: '',
      deleteLog: '',
      patchGoal: '',
      goalProgress: this.flag ? `client id${this.flag2 ? ', retried' : ''}` : '',
      deleteGoal: '',
      addItem: this.flag ? `client id${this.flag2 ? ', retried' : ''}` : '',
      patchItem: '',
      deleteItem: '',
      deletePlan: '',
      renameExercise: '',
      patchMe: ''
    }
    const more = extra[this.kind] === '' ? '' : `, ${extra[this.kind]}`
    return `d${this.dev}@${INSTANCE[this.inst]} ${this.kind}(pick ${this.pick}, value ${this.value}${more})`
  }

  [fc.toStringMethod] (): string { return this.toString() }

  /** The same step by another device. */
  by (dev: number): Cmd { return new Cmd(this.kind, dev, this.inst, this.pick, this.value, this.flag, this.flag2) }
}

const cmdArb: fc.Arbitrary<Cmd> = fc.record({
  kind: fc.oneof(...WEIGHTS.map(([kind, weight]) => ({ arbitrary: fc.constant(kind), weight }))),
  dev: fc.nat(2),
  inst: fc.nat(1),
  pick: fc.nat(99),
  value: fc.nat(30),
  flag: fc.boolean(),
  flag2: fc.boolean()
}).map((r) => new Cmd(r.kind, r.dev, r.inst, r.pick, r.value, r.flag, r.flag2))

/**
 * The start of every run, so the random steps find something to act on: a workout with sets, an
 * active and an inactive plan, a goal and a log, made through both instances, and every device synced.
 */
const PROLOGUE: Cmd[] = [
  new Cmd('createWorkout', 0, 0, 0, 1, false, false),
  new Cmd('createPlan', 1, 1, 0, 0, true, false),
  new Cmd('createPlan', 2, 0, 1, 1, false, false),
  new Cmd('createGoal', 0, 1, 0, 0, false, false),
  new Cmd('createLog', 1, 0, 0, 1, true, true),
  new Cmd('sync', 0, 0, 0, 4, false, false),
  new Cmd('sync', 1, 1, 0, 2, false, false),
  new Cmd('sync', 2, 0, 0, 0, false, false)
]

// 20–40 steps a run (about), at least one of them concurrent. Holes (null) let shrinking drop
// steps below the minimum length: a counterexample lists only the steps that matter.
const runArb = fc.array(fc.option(cmdArb, { nil: null, freq: 8 }), { minLength: 23, maxLength: 45 })
  .filter((cmds) => cmds.some((c) => c?.kind === 'concurrent'))

type Tracking = 'weight_reps' | 'reps' | 'duration' | 'distance_duration'
const TRACKING: Tracking[] = ['weight_reps', 'reps', 'duration', 'distance_duration', 'weight_reps']
const exerciseIds = (w: World): string[] => [w.ex.weight_reps, w.ex.reps, w.ex.duration, w.ex.distance_duration, w.ex.weightRepsAlt]

/** Set values that fit the tracking. */
function setFor (tracking: string, v: number): Json {
  if (tracking === 'weight_reps') return { reps: 1 + (v % 8), weightKg: 40 + 5 * (v % 20) }
  if (tracking === 'reps') return { reps: 5 + (v % 20) }
  if (tracking === 'duration') return { durationSec: 30 + 10 * (v % 20) }
  return { distanceM: 1000 + 250 * (v % 20), durationSec: 300 + 30 * (v % 20) }
}

/** A plan item's targets that fit the tracking. */
function itemFor (w: World, index: number, v: number): Json {
  const i = index % 5
  const tracking = TRACKING[i]
  const targets = tracking === 'weight_reps'
    ? { reps: 5, weightKg: 40 + v }
    : tracking === 'reps' ? { reps: 8 + (v % 5) } : tracking === 'duration' ? { durationSec: 60 } : { distanceM: 2000 }
  return { exerciseId: exerciseIds(w)[i], sets: 1 + (v % 4), ...targets }
}

const day = (n: number): string => String(1 + (n % 28)).padStart(2, '0')

function workoutBody (w: World, c: Cmd): Json {
  const n = ++w.serial
  const startedAt = `2026-01-${day(c.value + n)}T10:00:00.000Z`
  const count = 1 + (c.value % 2)
  const exercises = Array.from({ length: count }, (_, i) => {
    const index = (c.pick + 2 * i) % 5
    const sets = Array.from({ length: (c.value + i) % 3 }, (_, j) => setFor(TRACKING[index], c.value + j))
    return { exerciseId: exerciseIds(w)[index], sets }
  })
  return {
    name: `Workout ${n}`,
    startedAt,
    ...(c.value % 3 === 0 ? {} : { endedAt: `2026-01-${day(c.value + n)}T11:00:00.000Z` }),
    exercises
  }
}

/** How often each outcome happened over all runs (printed at the end: the model must exercise what it claims). */
const tally = new Map<string, number>()
const count = (what: string): void => { tally.set(what, (tally.get(what) ?? 0) + 1) }

/**
 * The resource a step acts on: one of its device's, in creation order (that `filter` accepts);
 * when its device knows none, the next device that does acts instead, so few steps are wasted.
 */
function choose (w: World, c: Cmd, type: ResourceType, filter: (data: Json) => boolean = () => true): { a: Cmd, key: string } | undefined {
  for (let i = 0; i < w.devices.length; i++) {
    const dev = (c.dev + i) % w.devices.length
    const replica = w.devices[dev].replica
    const keys = w.created.filter((k) => typeOf(k) === type && replica.has(k) && filter(replica.get(k)))
    if (keys.length === 0) continue
    if (i > 0) note(w, `  (${w.devices[c.dev].name} knows none: ${w.devices[dev].name} acts)`)
    return { a: c.by(dev), key: keys[c.pick % keys.length] }
  }
  count(`skipped: no device knows a ${type} for ${c.kind}`)
  note(w, `  (skipped: no device knows such a ${type})`)
  return undefined
}

function pickFrom<T> (w: World, items: T[], n: number, what: string): T | undefined {
  if (items.length === 0) {
    count(`skipped: no ${what}`)
    note(w, `  (skipped: no ${what} in the replica)`)
    return undefined
  }
  return items[n % items.length]
}

const is2xx = (res: LightMyRequestResponse): boolean => res.statusCode >= 200 && res.statusCode < 300

/** The device's ETag for a resource after a successful answer (a deleted resource's answer carries none). */
function learn (w: World, dev: number, key: string, res: LightMyRequestResponse): void {
  const etag = res.headers.etag
  if (typeof etag === 'string') w.devices[dev].etags.set(key, etag)
}

interface WriteOptions {
  /** Child routes: whether the child the write names exists in the parent's current body (a new child: always). */
  child?: (body: Json) => boolean
  /** The answer is the whole resource (top-level PATCH): it must equal GET, and the device keeps it. */
  full?: boolean
}

/**
 * A write with the device's known ETag (none if it never saw one) in If-Match, judged against
 * the server's truth read on the other instance just before and just after.
 */
async function conditional (
  w: World, c: Cmd, key: string, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload: unknown, o: WriteOptions = {}
): Promise<LightMyRequestResponse> {
  const device = w.devices[c.dev]
  const known = device.etags.get(key)
  const other = 1 - c.inst
  const before = await truth(w, key, other)
  const res = await send(w, c.inst, method, url, { payload, ifMatch: known })
  const where = `${c.toString()}: ${method} ${url} with If-Match ${known ?? '(none)'} (current ${before.etag ?? 'none: gone'})`
  note(w, `  ${method} ${url} If-Match ${known ?? '-'} (current ${before.etag ?? 'gone'}) → ${res.statusCode}`)
  const judged = before.status === 404 ? 'on a gone resource' : known === undefined ? 'unconditional' : known === before.etag ? 'current' : 'stale'
  count(`${o.child === undefined ? '' : 'child '}${method} ${judged} → ${res.statusCode}`)
  const unchanged = async (): Promise<void> => {
    assert.deepEqual(await truth(w, key, other), before, `${where}: answered ${res.statusCode} and must have changed nothing`)
  }
  if (before.status === 404) {
    // Gone: the contract names neither; 404 (no such resource) and 412 (no current ETag matches) both fit.
    assert.ok([404, 412].includes(res.statusCode), `${where}: the resource is gone: ${res.statusCode} ${res.body}`)
    assertProblem(res, res.statusCode, where)
    await unchanged()
    return res
  }
  if (known !== undefined && known !== before.etag) {
    assertProblem(res, 412, `${where}: a stale If-Match`)
    await unchanged()
    return res
  }
  if (o.child !== undefined && !o.child(before.body)) {
    assertProblem(res, 404, `${where}: the child is gone`)
    await unchanged()
    return res
  }
  assert.ok(is2xx(res), `${where}: a current If-Match: expected 2xx, got ${res.statusCode} ${res.body}`)
  const now = await truth(w, key, other)
  if (method === 'DELETE' && o.child === undefined) {
    assert.equal(now.status, 404, `${where}: deleted`)
    device.replica.delete(key)
    device.etags.delete(key)
    w.live.delete(key)
    w.gone.add(key)
    return res
  }
  assert.equal(now.status, 200, `${where}: still there`)
  if (res.statusCode !== 204 || res.headers.etag !== undefined) {
    assert.equal(res.headers.etag, now.etag, `${where}: the answer carries the ${o.child === undefined ? '' : 'parent\'s '}new ETag`)
  }
  learn(w, c.dev, key, res)
  if (o.full === true) {
    assert.deepEqual(resourceOf(res.json()), now.body, `${where}: the answer is the resource as GET shows it`)
    device.replica.set(key, resourceOf(res.json()))
  }
  return res
}

/** A create (a client-made id when flag), answered 201 with the resource GET shows and its ETag; retried at once when flag2. */
async function create (w: World, c: Cmd, type: ResourceType, url: string, body: Json): Promise<string> {
  const device = w.devices[c.dev]
  const payload = c.flag ? { id: randomUUID(), ...body } : body
  const res = await send(w, c.inst, 'POST', url, { payload })
  note(w, `  POST ${url} → ${res.statusCode} ${res.statusCode === 201 ? (res.json().id as string) : res.body}`)
  assert.equal(res.statusCode, 201, `${c.toString()}: POST ${url}: ${res.body}`)
  const made = resourceOf(res.json())
  if (c.flag) assert.equal(made.id, payload.id, 'the client-made id is the resource\'s')
  const key = keyOf(type, made.id)
  assert.equal(res.headers.location, `/api/v1${pathOf(key)}`)
  const now = await truth(w, key, 1 - c.inst)
  assert.deepEqual(made, now.body, `${c.toString()}: the created resource is what GET shows`)
  assert.equal(res.headers.etag, now.etag, `${c.toString()}: a create answers the resource's ETag`)
  w.created.push(key)
  w.live.add(key)
  device.replica.set(key, made)
  learn(w, c.dev, key, res)
  if (c.flag) {
    const entry = { dev: c.dev, key, url, body: payload }
    w.clientCreates.push(entry)
    if (c.flag2) await replay(w, c.dev, 1 - c.inst, entry)
  }
  return key
}

/** The same POST again (a retry after a lost answer): 200, the stored resource as it is now, its ETag, nothing created. */
async function replay (w: World, dev: number, inst: number, entry: World['clientCreates'][number]): Promise<void> {
  const res = await send(w, inst, 'POST', entry.url, { payload: entry.body })
  note(w, `  replay POST ${entry.url} ${entry.key} on ${INSTANCE[inst]} → ${res.statusCode}`)
  count(`replayed create → ${res.statusCode}`)
  assert.equal(res.statusCode, 200, `replay of ${entry.key}: ${res.body}`)
  const now = await truth(w, entry.key, 1 - inst)
  assert.deepEqual(resourceOf(res.json()), now.body, `replay of ${entry.key}: the stored resource`)
  assert.equal(res.headers.etag, now.etag, `replay of ${entry.key}: its current ETag`)
  w.devices[dev].replica.set(entry.key, resourceOf(res.json()))
  learn(w, dev, entry.key, res)
}

/** GET with If-None-Match = the known ETag: 304 exactly when it is current; the device keeps the ETag (never the body). */
async function refresh (w: World, c: Cmd): Promise<void> {
  const device = w.devices[c.dev]
  const keys = w.created.filter((k) => typeOf(k) !== 'user' && device.replica.has(k))
  const key = pickFrom(w, keys, c.pick, 'resource')
  if (key === undefined) return
  const now = await truth(w, key, 1 - c.inst)
  let url = pathOf(key)
  if (c.flag && now.status === 200) {
    // A child's GET carries the parent's ETag and honours If-None-Match with it.
    const child = typeOf(key) === 'workout'
      ? (now.body.exercises as Json[]).flatMap((e) => [`${url}/exercises/${e.id as string}`, ...(e.sets as Json[]).map((s) => `${url}/exercises/${e.id as string}/sets/${s.id as string}`)])
      : typeOf(key) === 'plan'
        ? (now.body.days as Json[]).flatMap((d) => [`${url}/days/${d.id as string}`, ...(d.items as Json[]).map((i) => `${url}/days/${d.id as string}/items/${i.id as string}`)])
        : []
    url = child.length === 0 ? url : child[c.value % child.length]
  }
  const known = device.etags.get(key)
  const res = await send(w, c.inst, 'GET', url, { ifNoneMatch: known })
  note(w, `  GET ${url} If-None-Match ${known ?? '-'} (current ${now.etag ?? 'gone'}) → ${res.statusCode}`)
  const where = `${c.toString()}: GET ${url} If-None-Match ${known ?? '(none)'}`
  count(`GET ${url === pathOf(key) ? '' : 'child '}If-None-Match → ${res.statusCode}`)
  if (now.status === 404) {
    assertProblem(res, 404, where)
    return
  }
  if (known === now.etag) {
    assert.equal(res.statusCode, 304, `${where}: the copy is current`)
    assert.equal(res.body, '', `${where}: a 304 has no body`)
  } else {
    assert.equal(res.statusCode, 200, `${where}: the copy is stale: ${res.body}`)
  }
  assert.equal(res.headers.etag, now.etag, `${where}: the (parent's) current ETag`)
  learn(w, c.dev, key, res)
}

const RACED: ResourceType[] = ['workout', 'plan', 'goal', 'progress_log', 'exercise']
interface Raced { method: 'POST' | 'PATCH', url: string, payload: Json, full: boolean }

/** Two writes to one resource (a child write when `child`), as two devices would make them. */
function racePair (w: World, key: string, body: Json, child: boolean, value: number): [Raced, Raced] {
  const url = pathOf(key)
  const patch = (payload: Json): Raced => ({ method: 'PATCH', url, payload, full: true })
  const n = (): number => ++w.serial
  switch (typeOf(key)) {
    case 'workout': {
      const we = (body.exercises as Json[])[0]
      return [patch({ name: `Race ${n()}` }), child && we !== undefined
        ? { method: 'POST', url: `${url}/exercises/${we.id as string}/sets`, payload: setFor(we.exercise.tracking, value), full: false }
        : patch({ notes: `Race ${n()}` })]
    }
    case 'plan': {
      const d = (body.days as Json[])[0]
      return [patch({ name: `Race ${n()}` }), child && d !== undefined
        ? { method: 'POST', url: `${url}/days/${d.id as string}/items`, payload: itemFor(w, value, value), full: false }
        : patch({ isActive: true })]
    }
    case 'goal':
      return [patch({ title: `Race ${n()}` }), child
        ? { method: 'POST', url: `${url}/progress`, payload: { value: 40 + 3 * value, recordedAt: `2026-02-${day(value)}T09:00:00.000Z` }, full: false }
        : patch({ title: `Race ${n()}` })]
    case 'progress_log': return [patch({ note: `Race ${n()}` }), patch({ value: 70 + value })]
    default: return [patch({ name: `Race exercise ${n()}` }), patch({ name: `Race exercise ${n()}` })]
  }
}

/**
 * Two devices that both just read a resource's ETag write with it at once, one through each
 * instance (a PATCH each, or a PATCH and a child POST): exactly one wins, the other is a 412.
 */
async function concurrent (w: World, c: Cmd): Promise<void> {
  const type = RACED[c.value % RACED.length]
  const live = (t: ResourceType): string[] => w.created.filter((k) => typeOf(k) === t && w.live.has(k))
  let key = pickFrom(w, live(type), c.pick, `live ${type}`) ?? pickFrom(w, live('workout'), c.pick, 'live workout')
  if (key === undefined) key = await create(w, new Cmd('createWorkout', c.dev, 0, c.pick, c.value, false, false), 'workout', '/workouts', workoutBody(w, c))
  const now = await truth(w, key, 0)
  const etag = now.etag as string
  const devs = [c.dev, (c.dev + 1) % 3]
  for (const d of devs) w.devices[d].etags.set(key, etag)
  const both = racePair(w, key, now.body, c.flag, c.value)
  const inst = [c.inst, 1 - c.inst]
  const answers = await Promise.all(both.map(async (r, i) => await send(w, inst[i], r.method, r.url, { payload: r.payload, ifMatch: etag })))
  const told = both.map((r, i) => `${r.method} ${r.url} ${JSON.stringify(r.payload)} on ${INSTANCE[inst[i]]} → ${answers[i].statusCode}`)
  note(w, `  at once with If-Match ${etag}: ${told.join(' | ')}`)
  count(`concurrent ${typeOf(key)} ${both.map((r) => r.method).join('+')} → ${answers.map((a) => a.statusCode).join('+')}`)
  const winners = answers.flatMap((res, i) => is2xx(res) ? [i] : [])
  assert.equal(winners.length, 1, `${c.toString()}: exactly one of two writes with one ETag wins: ${answers.map((a) => `${a.statusCode} ${a.body}`).join(' | ')}`)
  const [win] = winners
  assertProblem(answers[1 - win], 412, `${c.toString()}: the other is refused`)
  const after = await truth(w, key, inst[1 - win])
  assert.equal(answers[win].headers.etag, after.etag, `${c.toString()}: the winner answers the new ETag`)
  assert.notEqual(after.etag, etag)
  learn(w, devs[win], key, answers[win])
  if (both[win].full) {
    assert.deepEqual(answers[win].json(), after.body, `${c.toString()}: the winner's answer is the resource`)
    for (const [field, v] of Object.entries(both[win].payload as Json)) assert.deepEqual(after.body[field], v, `${c.toString()}: the winner's ${field}`)
    w.devices[devs[win]].replica.set(key, answers[win].json())
  }
}

/** A child create's client-made id (flag). */
const childId = (c: Cmd): { id?: string } => c.flag ? { id: randomUUID() } : {}

/**
 * A child create with the parent's ETag; with a client-made id and flag2, retried at once on the
 * other instance as a device would after losing the answer: the same request, If-Match included.
 * The retry creates nothing. The contract has two rules for it: a repeated create answers 200
 * with the stored resource, and a stale If-Match (the first attempt changed the parent) answers
 * 412; either is accepted (with no If-Match it must be the 200).
 */
async function childCreate (w: World, a: Cmd, key: string, url: string, body: Json, exists: (parent: Json) => boolean): Promise<void> {
  const sent = w.devices[a.dev].etags.get(key)
  const first = await conditional(w, a, key, 'POST', url, body, { child: exists })
  if (first.statusCode !== 201 || body.id === undefined || !a.flag2) return
  const before = await truth(w, key, a.inst)
  const res = await send(w, 1 - a.inst, 'POST', url, { payload: body, ifMatch: sent })
  note(w, `  retry POST ${url} If-Match ${sent ?? '-'} on ${INSTANCE[1 - a.inst]} → ${res.statusCode}`)
  count(`retried child create, ${sent === undefined ? 'unconditional' : 'same If-Match'} → ${res.statusCode}`)
  const where = `${a.toString()}: the retry of POST ${url} (id ${body.id as string})`
  assert.deepEqual(await truth(w, key, a.inst), before, `${where} created nothing`)
  if (res.statusCode === 412 && sent !== undefined) {
    assertProblem(res, 412, where)
    return
  }
  assert.equal(res.statusCode, 200, `${where}: ${res.body}`)
  assert.deepEqual(resourceOf(res.json()), resourceOf(first.json()), `${where}: the stored child`)
  assert.equal(res.headers.etag, before.etag, `${where}: the parent's current ETag`)
  learn(w, a.dev, key, res)
}

const hasExercises = (data: Json): boolean => (data.exercises as Json[]).length > 0
const hasSets = (data: Json): boolean => (data.exercises as Json[]).some((e) => (e.sets as Json[]).length > 0)
const hasItems = (data: Json): boolean => (data.days as Json[]).some((d) => (d.items as Json[]).length > 0)

async function step (w: World, c: Cmd): Promise<void> {
  note(w, c.toString())
  switch (c.kind) {
    case 'sync': {
      await sync(w, c.dev, c.inst, 1 + (c.value % 5))
      assertReplica(w, c.dev, await serverState(w, 1 - c.inst), `${c.toString()}`)
      return
    }
    case 'refresh': return await refresh(w, c)
    case 'concurrent': return await concurrent(w, c)
    case 'replayCreate': {
      const entry = pickFrom(w, w.clientCreates.filter((e) => e.dev === c.dev && w.live.has(e.key)), c.pick, 'own create with a client id')
      if (entry !== undefined) await replay(w, c.dev, c.inst, entry)
      return
    }
    case 'createWorkout': {
      await create(w, c, 'workout', '/workouts', workoutBody(w, c))
      return
    }
    case 'patchWorkout':
    case 'deleteWorkout': {
      const hit = choose(w, c, 'workout')
      if (hit === undefined) return
      const { a, key } = hit
      if (c.kind === 'deleteWorkout') await conditional(w, a, key, 'DELETE', pathOf(key), undefined)
      else await conditional(w, a, key, 'PATCH', pathOf(key), c.flag ? { notes: `Notes ${++w.serial}` } : { name: `Renamed ${++w.serial}` }, { full: true })
      return
    }
    case 'addSet': {
      const hit = choose(w, c, 'workout', hasExercises)
      if (hit === undefined) return
      const { a, key } = hit
      const exercises = w.devices[a.dev].replica.get(key).exercises as Json[]
      const we = exercises[c.value % exercises.length]
      const body = { ...childId(c), ...setFor(we.exercise.tracking, c.value), completed: c.value % 4 !== 0 }
      await childCreate(w, a, key, `${pathOf(key)}/exercises/${we.id as string}/sets`, body, (b) => (b.exercises as Json[]).some((e) => e.id === we.id))
      return
    }
    case 'patchSet':
    case 'deleteSet': {
      const hit = choose(w, c, 'workout', hasSets)
      if (hit === undefined) return
      const { a, key } = hit
      const sets = (w.devices[a.dev].replica.get(key).exercises as Json[]).flatMap((e) => (e.sets as Json[]).map((s) => ({ e, s })))
      const { e: we, s: set } = sets[c.value % sets.length]
      const url = `${pathOf(key)}/exercises/${we.id as string}/sets/${set.id as string}`
      const child = (b: Json): boolean => (b.exercises as Json[]).some((e) => e.id === we.id && (e.sets as Json[]).some((s) => s.id === set.id))
      if (c.kind === 'deleteSet') await conditional(w, a, key, 'DELETE', url, undefined, { child })
      else await conditional(w, a, key, 'PATCH', url, { ...setFor(we.exercise.tracking, c.value + 3), ...(c.flag ? { completed: !set.completed } : {}) }, { child })
      return
    }
    case 'createLog': {
      const n = ++w.serial
      await create(w, c, 'progress_log', '/progress-logs', {
        metric: c.pick % 2 === 0 ? 'body_weight' : 'waist', value: 60 + c.value, measuredAt: `2026-01-${day(n)}T07:00:00.000Z`
      })
      return
    }
    case 'patchLog':
    case 'deleteLog': {
      const hit = choose(w, c, 'progress_log')
      if (hit === undefined) return
      const { a, key } = hit
      if (c.kind === 'deleteLog') await conditional(w, a, key, 'DELETE', pathOf(key), undefined)
      else await conditional(w, a, key, 'PATCH', pathOf(key), c.flag ? { note: `Note ${++w.serial}` } : { value: 61 + c.value }, { full: true })
      return
    }
    case 'createGoal': {
      const kind = c.value % 3
      const body = kind === 0
        ? { type: 'exercise_weight', exerciseId: c.pick % 2 === 0 ? w.ex.weight_reps : w.ex.weightRepsAlt, targetValue: 60 + 10 * (c.pick % 10) }
        : kind === 1
          ? { type: 'exercise_reps', exerciseId: w.ex.reps, targetValue: 10 + (c.pick % 20) }
          : { type: 'body_metric', metric: 'body_weight', targetValue: 60 + (c.pick % 40) }
      await create(w, c, 'goal', '/goals', body)
      return
    }
    case 'patchGoal':
    case 'goalProgress':
    case 'deleteGoal': {
      const hit = choose(w, c, 'goal')
      if (hit === undefined) return
      const { a, key } = hit
      if (c.kind === 'deleteGoal') await conditional(w, a, key, 'DELETE', pathOf(key), undefined)
      else if (c.kind === 'patchGoal') {
        // A new target on the goal's side of its start (as the device knows it; neither changes after creation).
        const goal = w.devices[a.dev].replica.get(key)
        const targetValue = goal.direction === 'decrease' ? Math.max(0, goal.startValue - 1 - c.value) : goal.startValue + 1 + c.value
        await conditional(w, a, key, 'PATCH', pathOf(key), { targetValue }, { full: true })
      } else {
        const body = { ...childId(c), value: 40 + 3 * c.value, recordedAt: `2026-02-${day(c.pick)}T09:00:00.000Z` }
        await childCreate(w, a, key, `${pathOf(key)}/progress`, body, () => true)
      }
      return
    }
    case 'createPlan': {
      const n = ++w.serial
      await create(w, c, 'plan', '/plans', {
        name: `Plan ${n}`,
        ...(c.value % 3 === 0 ? { isActive: true } : {}),
        days: [{ name: 'Day 1', items: [itemFor(w, c.pick, c.value)] }]
      })
      return
    }
    case 'addItem': {
      const hit = choose(w, c, 'plan', (data) => (data.days as Json[]).length > 0)
      if (hit === undefined) return
      const { a, key } = hit
      const days = w.devices[a.dev].replica.get(key).days as Json[]
      const d = days[c.value % days.length]
      const body = { ...childId(c), ...itemFor(w, c.value, c.pick) }
      await childCreate(w, a, key, `${pathOf(key)}/days/${d.id as string}/items`, body, (b) => (b.days as Json[]).some((x) => x.id === d.id))
      return
    }
    case 'patchItem':
    case 'deleteItem': {
      const hit = choose(w, c, 'plan', hasItems)
      if (hit === undefined) return
      const { a, key } = hit
      const items = (w.devices[a.dev].replica.get(key).days as Json[]).flatMap((d) => (d.items as Json[]).map((i) => ({ d, i })))
      const { d: pd, i: item } = items[c.value % items.length]
      const url = `${pathOf(key)}/days/${pd.id as string}/items/${item.id as string}`
      const child = (b: Json): boolean => (b.days as Json[]).some((d) => d.id === pd.id && (d.items as Json[]).some((i) => i.id === item.id))
      if (c.kind === 'deleteItem') await conditional(w, a, key, 'DELETE', url, undefined, { child })
      else await conditional(w, a, key, 'PATCH', url, { sets: 1 + (c.value % 5) }, { child })
      return
    }
    case 'activatePlan':
    case 'deletePlan': {
      const hit = choose(w, c, 'plan')
      if (hit === undefined) return
      const { a, key } = hit
      if (c.kind === 'deletePlan') await conditional(w, a, key, 'DELETE', pathOf(key), undefined)
      else await conditional(w, a, key, 'PATCH', pathOf(key), { isActive: !(c.flag && c.flag2) }, { full: true })
      return
    }
    case 'renameExercise': {
      const hit = choose(w, c, 'exercise')
      if (hit !== undefined) await conditional(w, hit.a, hit.key, 'PATCH', pathOf(hit.key), { name: `Exercise ${++w.serial}` }, { full: true })
      return
    }
    case 'patchMe': {
      const res = await send(w, c.inst, 'PATCH', '/me', { payload: { displayName: `${w.devices[c.dev].name} ${++w.serial}` } })
      note(w, `  PATCH /me → ${res.statusCode}`)
      assert.equal(res.statusCode, 200, res.body)
      const key = keyOf('user', w.session.userId)
      assert.deepEqual(res.json(), (await truth(w, key, 1 - c.inst)).body)
      w.devices[c.dev].replica.set(key, res.json())
    }
  }
}

/** A device that just followed the feed to its end holds exactly the server's state (nothing else writes meanwhile). */
function assertReplica (w: World, dev: number, server: Map<string, Json>, when: string): void {
  const device = w.devices[dev]
  const keys = [...server.keys()].sort()
  assert.deepEqual(keys, [...w.live].sort(), `${when}: the server holds what was created and not deleted (no replay made a duplicate)`)
  assert.deepEqual([...device.replica.keys()].sort(), keys, `${when}: ${device.name}'s replica holds exactly the server's resources`)
  for (const [k, body] of server) assert.deepEqual(device.replica.get(k), body, `${when}: ${device.name}'s copy of ${k} is the server's`)
}

/** Every device follows the feed to its end; then every replica is the server's state, exactly, on both instances. */
async function converged (w: World): Promise<void> {
  note(w, 'final: every device syncs to the end')
  for (let d = 0; d < w.devices.length; d++) await sync(w, d, d % 2, 4)
  const server = await serverState(w, 0)
  const keys = [...server.keys()].sort()
  const onB = await serverState(w, 1)
  assert.deepEqual([...onB.keys()].sort(), keys, 'both instances list the same resources')
  for (const [k, body] of server) assert.deepEqual(onB.get(k), body, `${k}: both instances show the same body`)
  for (let d = 0; d < w.devices.length; d++) assertReplica(w, d, server, 'at the end')
  for (const k of w.gone) assert.equal((await truth(w, k, 0)).status, 404, `${k} was deleted`)
}

describe('Sync: three offline devices, two instances, one database (model)', () => {
  let db: { url: string, drop: () => Promise<void> }
  let apps: TestApp[] = []
  before(async () => {
    db = await sharedDatabase()
    apps = [await createTestApp({}, db.url), await createTestApp({}, db.url)]
  })
  after(async () => {
    for (const t of apps) await t.app.close()
    await db.drop()
  })

  test('every replica converges to the server; If-Match and If-None-Match judged against the truth', async () => {
    const started = Date.now()
    let runs = 0
    const property = fc.asyncProperty(runArb, async (cmds) => {
      runs++
      const session = await register(apps[0].app)
      const ex = await createExercises(apps[1].app, session)
      const w: World = {
        apps: [apps[0].app, apps[1].app],
        session,
        ex,
        devices: [0, 1, 2].map((i) => ({ name: `d${i}`, replica: new Map(), etags: new Map() })),
        created: [],
        live: new Set(),
        gone: new Set(),
        clientCreates: [],
        seen: new Map(),
        transcript: [],
        serial: 0
      }
      for (const key of [keyOf('user', session.userId), ...exerciseIds(w).map((id) => keyOf('exercise', id))]) {
        w.created.push(key)
        w.live.add(key)
      }
      try {
        for (const c of [...PROLOGUE, ...cmds]) if (c !== null) await step(w, c)
        await converged(w)
      } catch (error) {
        if (error instanceof Error) error.message += `\n--- what happened ---\n${w.transcript.join('\n')}`
        throw error
      }
    })
    const details = await fc.check(property, {
      numRuns,
      seed,
      ...(env.SYNC_MODEL_PATH === undefined ? {} : { path: env.SYNC_MODEL_PATH }),
      plugins: [fc.interruptAfterTimeLimit(timeLimitMs)]
    })
    if (details.failed) {
      // The smallest failing sequence, one step a line, then what the error was and what the steps did.
      const example = details.counterexample as [Array<Cmd | null>] | null
      const steps = (example?.[0] ?? []).filter((c) => c !== null).map((c, i) => `  ${i + 1}. ${c.toString()}`).join('\n')
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
      assert.fail(`Sync model failed (seed ${details.seed}, path "${details.counterexamplePath ?? ''}", ` +
        `after ${details.numRuns} runs, shrunk ${details.numShrinks} times; SYNC_MODEL_SEED/SYNC_MODEL_PATH replay it):\n${steps}\n${cause}`)
    }
    console.log(`sync model: ${runs} runs (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s; outcomes: ${
      [...tally].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}: ${n}`).join(', ')}`)
  })

  // Gaps the model met and src then closed, pinned here so they stay closed.
  test('a child DELETE answers the parent\'s new ETag', async () => {
    const session = await register(apps[0].app)
    const ex = await createExercises(apps[0].app, session)
    const headers = (etag?: string): Record<string, string> => ({ authorization: `Bearer ${session.token}`, ...(etag === undefined ? {} : { 'if-match': etag }) })
    const made = await apps[0].app.inject({
      method: 'POST',
      url: '/api/v1/workouts',
      headers: headers(),
      payload: { name: 'W', startedAt: '2026-01-05T10:00:00.000Z', exercises: [{ exerciseId: ex.weight_reps, sets: [{ reps: 5, weightKg: 50 }] }] }
    })
    const w = made.json()
    const url = `/api/v1/workouts/${w.id as string}/exercises/${w.exercises[0].id as string}/sets/${w.exercises[0].sets[0].id as string}`
    const res = await apps[0].app.inject({ method: 'DELETE', url, headers: headers(made.headers.etag as string) })
    assert.equal(res.statusCode, 204)
    const now = await apps[1].app.inject({ method: 'GET', url: `/api/v1/workouts/${w.id as string}`, headers: headers() })
    assert.notEqual(now.headers.etag, made.headers.etag)
    assert.equal(res.headers.etag, now.headers.etag, 'the answer carries the parent\'s new ETag')
  })

  test('an archived custom exercise, still readable by id, answers with an ETag', async () => {
    const session = await register(apps[0].app)
    const ex = await createExercises(apps[0].app, session)
    const res = await apps[1].app.inject({ method: 'GET', url: `/api/v1/exercises/${ex.archived}`, headers: { authorization: `Bearer ${session.token}` } })
    assert.equal(res.statusCode, 200)
    assert.ok(typeof res.headers.etag === 'string', 'every single-resource answer of a custom exercise carries an ETag')
  })
})
