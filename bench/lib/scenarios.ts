// The measured scenarios. Each one: wait for an idle server, WARMUP seconds unmeasured, wait
// again, then DURATION seconds measured with autocannon (closed loop: every connection waits for
// its answer) while the server's RSS is sampled.
import autocannon from 'autocannon'
import { expectStatus, type Session } from './api.js'
import type { Seeded } from './seed.js'
import { sampleRss, waitIdle } from './server.js'

export const SCENARIOS = ['get-workout', 'list-workouts', 'stats-summary', 'stats-records', 'stats-volume-muscle', 'exercise-search', 'log-set', 'login', 'tools-plates', 'plan-next', 'sync-feed', 'sync-poll', 'etag-304', 'health'] as const
export type ScenarioName = typeof SCENARIOS[number]

export interface Settings { duration: number, warmup: number, connections: number, loginConnections: number, logSetWorkouts: number }
export interface Context { base: string, pid: number, session: Session, seeded: Seeded, settings: Settings }

export interface Latency { requests: number, bytesPerReq: number, rps: number, p50Ms: number, p90Ms: number, p99Ms: number, maxMs: number, non2xx: number, errors: number, timeouts: number }
export interface ScenarioResult extends Latency {
  scenario: ScenarioName
  connections: number
  durationSec: number
  statusCodes: Record<string, number>
  peakRssMb: number | null
  idleWaitSec: number
  /** GET /health with one connection while login runs: does hashing block the event loop? */
  health?: Latency
  setsAdded?: number
}

interface Plan {
  path: string
  connections: number
  method?: string
  body?: string
  setup?: () => { path?: string, body?: string, headers?: Record<string, string> }
  probeHealth?: boolean
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]
const API = '/api/v1'
/** What people type into the exercise picker: one word, a prefix, two words, an alias. */
const SEARCHES = ['row', 'bench press', 'squ', 'barbell row', 'pullup', 'dumbbell curl', 'rdl', 'développé', 'b']

// In-progress workouts for log-set, one exercise each, cycling through the seeded exercises, so
// that each set's record check reads a realistic share of the history.
async function logSetTargets (ctx: Context): Promise<Array<{ w: string, we: string }>> {
  const startedAt = new Date().toISOString()
  const targets = []
  for (let i = 0; i < ctx.settings.logSetWorkouts; i++) {
    const exercise = ctx.seeded.exercises[i % ctx.seeded.exercises.length]
    const res = expectStatus(await ctx.session.request<{ id: string, exercises: Array<{ id: string }> }>('POST', '/workouts', {
      name: `Live session ${i + 1}`,
      startedAt,
      exercises: [{ exerciseId: exercise.id, sets: [{ type: 'warmup', reps: 10, weightKg: 20 }] }]
    }), [201], 'create log-set workout')
    targets.push({ w: res.json.id, we: res.json.exercises[0].id })
  }
  return targets
}

// Targets for the plate calculator, with microplates so the exact solver has the most states to fill.
const PLATE_LIST = encodeURIComponent('25,20,15,10,5,2.5,1.25,1,0.5,0.25')
const PLAN_SESSIONS = 40

/**
 * A six-item day with progression rules and warm-ups, trained PLAN_SESSIONS times (every set left undone, so
 * each item's failure streak runs back through the whole history): the most work GET …/next can have.
 */
async function planWithHistory (ctx: Context): Promise<string> {
  const items = ctx.seeded.exercises.slice(0, 6).map((e, i) => ({
    exerciseId: e.id,
    sets: 5,
    ...(i % 2 === 0 ? { reps: 5 } : { repsMin: 8, repsMax: 12 }),
    weightKg: 60,
    progression: i % 2 === 0 ? { type: 'linear', incrementKg: 2.5, failuresBeforeDeload: 10 } : { type: 'double', incrementKg: 2.5 }
  }))
  const plan = expectStatus(await ctx.session.request<{ id: string, days: Array<{ id: string }> }>('POST', '/plans', {
    name: 'Bench plan', days: [{ name: 'A', items }]
  }), [201], 'create plan')
  const day = `/plans/${plan.json.id}/days/${plan.json.days[0].id}`
  for (let i = 0; i < PLAN_SESSIONS; i++) {
    const w = expectStatus(await ctx.session.request<{ id: string }>('POST', `${day}/start`, {}), [201], 'start day')
    expectStatus(await ctx.session.request('POST', `/workouts/${w.json.id}/guide/finish`, {}), [200], 'finish')
  }
  return `${API}${day}/next`
}

const SYNC_PAGE = 500

/** The feed's cursors: one every SYNC_PAGE changes from the start, so each request reads a full page. */
async function feedCursors (ctx: Context): Promise<{ starts: string[], latest: string }> {
  const starts: string[] = []
  let since: string | undefined
  for (;;) {
    const query = since === undefined ? `?limit=${SYNC_PAGE}` : `?limit=${SYNC_PAGE}&since=${since}`
    const page = expectStatus(await ctx.session.request<{ nextCursor: string, hasMore: boolean }>(
      'GET', `/sync/changes${query}`), [200], 'read the feed')
    if (!page.json.hasMore) return { starts, latest: page.json.nextCursor }
    since = page.json.nextCursor
    starts.push(since)
  }
}

/** Current ETags of the seeded workouts (a client's cache), read once. */
async function workoutEtags (ctx: Context): Promise<Array<{ id: string, etag: string }>> {
  const tags = []
  for (const id of ctx.seeded.workoutIds.slice(0, 200)) {
    const res = await fetch(`${ctx.base}${API}/workouts/${id}`, { headers: { authorization: `Bearer ${ctx.session.token}` } })
    await res.arrayBuffer()
    tags.push({ id, etag: res.headers.get('etag') ?? '' })
  }
  return tags
}

async function plan (name: ScenarioName, ctx: Context): Promise<Plan> {
  const { connections, loginConnections } = ctx.settings
  switch (name) {
    case 'get-workout':
      return { path: `${API}/workouts/`, connections, setup: () => ({ path: `${API}/workouts/${pick(ctx.seeded.workoutIds)}` }) }
    case 'list-workouts': return { path: `${API}/workouts?limit=20`, connections }
    case 'stats-summary': return { path: `${API}/stats/summary`, connections }
    case 'stats-records': return { path: `${API}/stats/records`, connections }
    case 'stats-volume-muscle': return { path: `${API}/stats/volume?groupBy=muscle`, connections }
    case 'exercise-search':
      return { path: `${API}/exercises?q=row`, connections, setup: () => ({ path: `${API}/exercises?q=${encodeURIComponent(pick(SEARCHES))}` }) }
    case 'log-set': {
      const targets = await logSetTargets(ctx)
      return {
        path: `${API}/workouts/`,
        connections,
        method: 'POST',
        setup: () => {
          const t = pick(targets)
          const body = { reps: 3 + Math.floor(Math.random() * 10), weightKg: 20 + 2.5 * Math.floor(Math.random() * 17) }
          return { path: `${API}/workouts/${t.w}/exercises/${t.we}/sets`, body: JSON.stringify(body) }
        }
      }
    }
    case 'tools-plates':
      return {
        path: `${API}/tools/plates?weightKg=100`,
        connections,
        setup: () => ({ path: `${API}/tools/plates?weightKg=${20 + 0.25 * Math.floor(Math.random() * 1200)}&plates=${PLATE_LIST}` })
      }
    case 'plan-next': return { path: await planWithHistory(ctx), connections }
    case 'sync-feed': {
      // Pages of 500 from the first one, of a history the size of WORKOUTS (1,000: five years at four a week).
      const { starts } = await feedCursors(ctx)
      const pages = [undefined, ...starts.slice(0, -1)]
      const path = (since: string | undefined): string =>
        `${API}/sync/changes?limit=${SYNC_PAGE}${since === undefined ? '' : `&since=${since}`}`
      return { path: path(undefined), connections, setup: () => ({ path: path(pick(pages)) }) }
    }
    case 'sync-poll': {
      const { latest } = await feedCursors(ctx)
      return { path: `${API}/sync/changes?since=${latest}`, connections }
    }
    case 'etag-304': {
      const tags = await workoutEtags(ctx)
      const authorization = `Bearer ${ctx.session.token}`
      return {
        path: `${API}/workouts/${tags[0].id}`,
        connections,
        setup: () => {
          const { id, etag } = pick(tags)
          return { path: `${API}/workouts/${id}`, headers: { authorization, 'if-none-match': etag } }
        }
      }
    }
    case 'health': return { path: '/health', connections }
    case 'login':
      return { path: `${API}/auth/login`, connections: loginConnections, method: 'POST', body: JSON.stringify(ctx.session.credentials), probeHealth: true }
  }
}

function latency (r: autocannon.Result): Latency {
  return {
    requests: r.requests.total,
    bytesPerReq: r.requests.total > 0 ? Math.round(r.throughput.total / r.requests.total) : 0,
    rps: r.duration > 0 ? r.requests.total / r.duration : 0,
    p50Ms: r.latency.p50,
    p90Ms: r.latency.p90,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts
  }
}

async function fire (ctx: Context, p: Plan, seconds: number): Promise<[autocannon.Result, autocannon.Result | null]> {
  const headers: Record<string, string> = { authorization: `Bearer ${ctx.session.token}` }
  if (p.method === 'POST') headers['content-type'] = 'application/json'
  const setup = p.setup
  const main = autocannon({
    url: ctx.base + p.path,
    connections: p.connections,
    duration: seconds,
    method: p.method ?? 'GET',
    headers,
    ...(p.body === undefined ? {} : { body: p.body }),
    ...(setup === undefined ? {} : { requests: [{ setupRequest: (req) => ({ ...req, ...setup() }) }] })
  })
  const probe = p.probeHealth === true ? autocannon({ url: `${ctx.base}/health`, connections: 1, duration: seconds }) : null
  return await Promise.all([main, probe])
}

export async function runScenario (name: ScenarioName, ctx: Context): Promise<ScenarioResult> {
  await ctx.session.login() // a fresh 15-minute token for this scenario
  const p = await plan(name, ctx)
  let idleWaitSec = await waitIdle(ctx.base)
  if (ctx.settings.warmup > 0) {
    await fire(ctx, p, ctx.settings.warmup)
    idleWaitSec += await waitIdle(ctx.base)
  }
  const rss = sampleRss(ctx.pid)
  const [main, probe] = await fire(ctx, p, ctx.settings.duration)
  const peakRssMb = rss.stop()
  const statusCodes = Object.fromEntries(Object.entries(main.statusCodeStats).map(([code, s]) => [code, Number(s.count)]))
  return {
    scenario: name,
    connections: p.connections,
    durationSec: main.duration,
    ...latency(main),
    statusCodes,
    peakRssMb,
    idleWaitSec,
    ...(probe === null ? {} : { health: latency(probe) }),
    ...(name === 'log-set' ? { setsAdded: main['2xx'] } : {})
  }
}
