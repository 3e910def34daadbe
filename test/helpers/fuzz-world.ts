import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { matchOperation, type Operation } from './openapi-check.js'

/**
 * What the contract fuzzer's users own, so generated requests can name real resources: path
 * parameter tuples learnt from the Location of every create (`/workouts/{id}/exercises/{wid}` also
 * gives `/workouts/{id}`), per owner and capped, forgotten when deleted. Two users: the fuzz user
 * and another one whose ids and token test isolation. Both are replaced by fresh ones now and then
 * (and when a request ended the fuzz user's session), so state stays small.
 */
export interface FuzzUser { userId: string, email: string, password: string, token: string, refreshToken: string }
export type Send = (options: InjectOptions) => Promise<LightMyRequestResponse | undefined>

interface Entry { owner: string, params: Record<string, string> }
const CAP = 6
const PASSWORD = 'correct horse battery staple'
// Path templates whose ids come from another resource's Location.
const ALIASES: Record<string, [string, Record<string, string>]> = {
  '/api/v1/stats/exercises/{exerciseId}': ['/api/v1/exercises/{id}', { exerciseId: 'id' }]
}
const isParam = (s: string): boolean => s.startsWith('{') && s.endsWith('}')

export class World {
  users: FuzzUser[] = []
  /** Who has a resource with this id: a client-made id may name resources of several users (of other kinds). */
  readonly owners = new Map<string, Set<string>>()
  private readonly pools = new Map<string, Entry[]>()
  private readonly shared = new Map<string, Entry[]>()
  generation = 0

  constructor (private readonly operations: Operation[]) {}

  /** Registers one of the shared (predefined) resources: usable by any caller, owned by none. */
  share (location: string): void {
    const found = this.parse(location)
    if (found !== undefined) this.add(this.shared, found[0], { owner: '', params: found[1] })
  }

  /** The template and path parameters of a Location, as the GET it names. */
  parse (location: string): [string, Record<string, string>] | undefined {
    const op = matchOperation(this.operations, 'GET', location)
    if (op === undefined) return undefined
    const segments = new URL(location, 'http://x.invalid').pathname.split('/')
    const params: Record<string, string> = {}
    op.segments.forEach((s, i) => { if (isParam(s)) params[s.slice(1, -1)] = decodeURIComponent(segments[i]) })
    return [op.path, params]
  }

  learn (location: string, owner: string): void {
    const found = this.parse(location)
    if (found === undefined) return
    const [template, params] = found
    const segments = template.split('/')
    for (let i = 1; i <= segments.length; i++) {
      if (!isParam(segments[i - 1])) continue
      const prefix = segments.slice(0, i).join('/')
      const names = segments.slice(0, i).filter(isParam).map((s) => s.slice(1, -1))
      const entry = { owner, params: Object.fromEntries(names.map((n) => [n, params[n]])) }
      this.add(this.pools, `${owner} ${prefix}`, entry)
    }
    for (const id of Object.values(params)) this.owners.set(id, (this.owners.get(id) ?? new Set()).add(owner))
  }

  private add (pools: Map<string, Entry[]>, key: string, entry: Entry): void {
    const list = pools.get(key) ?? []
    if (list.some((e) => JSON.stringify(e.params) === JSON.stringify(entry.params))) return
    list.push(entry)
    if (list.length > CAP) list.shift()
    pools.set(key, list)
  }

  /** After a 204 DELETE: the deleted id (and everything under it) is no longer offered. */
  forget (id: string): void {
    for (const [key, list] of this.pools) this.pools.set(key, list.filter((e) => !Object.values(e.params).includes(id)))
  }

  /** Real parameters for `template` owned by `owner` (and shared ones), or undefined if none are known. */
  tuple (template: string, owner: string, pick: number): Record<string, string> | undefined {
    const [source, rename] = ALIASES[template] ?? [template, {}]
    const segments = source.split('/')
    let last = segments.length
    while (last > 0 && !isParam(segments[last - 1])) last--
    const prefix = segments.slice(0, last).join('/')
    const list = [...(this.pools.get(`${owner} ${prefix}`) ?? []), ...(this.shared.get(prefix) ?? [])]
    if (list.length === 0) return undefined
    const params = { ...list[pick % list.length].params }
    for (const [to, from] of Object.entries(rename)) params[to] = params[from]
    return params
  }

  /** Every id `owner` has (for uuid fields of bodies and query strings). */
  idsOf (owner: string): string[] {
    return [...this.owners].filter(([, o]) => o.has(owner)).map(([id]) => id)
  }

  exerciseIds (owner: string): string[] {
    const own = this.pools.get(`${owner} /api/v1/exercises/{id}`) ?? []
    return [...own, ...(this.shared.get('/api/v1/exercises/{id}') ?? [])].map((e) => e.params.id)
  }

  /** A new session for a user whose token stopped working (logout, password change, a revoked refresh). */
  async login (send: Send, user: FuzzUser): Promise<boolean> {
    const payload = { email: user.email, password: user.password }
    const res = await send({ method: 'POST', url: '/api/v1/auth/login', payload })
    if (res?.statusCode !== 200) return false
    Object.assign(user, { token: res.json().accessToken, refreshToken: res.json().refreshToken })
    return true
  }

  /** Fresh users with a few resources each, made through `send` (so seeding is checked too). */
  async reset (send: Send): Promise<void> {
    this.generation++
    this.pools.clear()
    this.owners.clear()
    this.users = []
    for (const who of ['fuzz', 'other']) {
      const email = `${who}.${this.generation}.${process.pid}@fuzz.example`
      const res = await send({ method: 'POST', url: '/api/v1/auth/register', payload: { email, password: PASSWORD } })
      if (res?.statusCode !== 201) throw new Error(`fuzz user registration: ${res?.statusCode ?? '-'} ${res?.body}`)
      const body = res.json()
      const user = { userId: body.user.id, email, password: PASSWORD, token: body.accessToken, refreshToken: '' }
      user.refreshToken = body.refreshToken
      this.users.push(user)
      await this.seed(send, user)
    }
  }

  private async seed (send: Send, user: FuzzUser): Promise<void> {
    const headers = { authorization: `Bearer ${user.token}` }
    const create = async (url: string, payload: object): Promise<Record<string, string> | undefined> => {
      const res = await send({ method: 'POST', url: `/api/v1${url}`, headers, payload })
      const location = res?.headers.location
      if (typeof location !== 'string') return undefined
      this.learn(location, user.userId)
      return this.parse(location)?.[1]
    }
    const ex = await create('/exercises', {
      name: 'Fuzz Press',
      category: 'strength',
      primaryMuscles: ['chest'],
      equipment: ['barbell'],
      level: 'beginner',
      tracking: 'weight_reps'
    })
    const exerciseId = ex?.id ?? this.exerciseIds(user.userId)[0]
    const w = await create('/workouts', { name: 'Fuzz session', startedAt: '2026-03-02T10:00:00.000Z' })
    const we = w === undefined ? undefined : await create(`/workouts/${w.id}/exercises`, { exerciseId })
    const set = { reps: 5, weightKg: 100 }
    if (we !== undefined) await create(`/workouts/${we.id}/exercises/${we.workoutExerciseId}/sets`, set)
    await create('/progress-logs', { metric: 'body_weight', value: 80.5 })
    const goal = await create('/goals', { type: 'custom', title: 'Fuzz goal', targetValue: 10 })
    if (goal !== undefined) await create(`/goals/${goal.id}/progress`, { value: 3 })
    const item = { exerciseId, sets: 2, reps: 5, weightKg: 50 }
    const plan = await create('/plans', { name: 'Fuzz plan', days: [{ name: 'A', items: [item] }] })
    const day = plan === undefined ? undefined : await create(`/plans/${plan.id}/days`, { name: 'B', items: [item] })
    if (day !== undefined) {
      await create(`/plans/${day.id}/days/${day.dayId}/items`, { ...item, sets: 1 })
      await create(`/plans/${day.id}/days/${day.dayId}/start`, {})
    }
  }
}
