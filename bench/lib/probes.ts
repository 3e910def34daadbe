// What runs beside a timed phase (an import's preview, commit or undo, an export): GET /health
// every PROBE_MS, and another user logging sets in a loop, each request timed; and the raw HTTP
// requests the timed phases make (a CSV body, a streamed download).
import { expectStatus, type Session } from './api.js'

const sleep = async (ms: number): Promise<void> => { await new Promise((resolve) => setTimeout(resolve, ms)) }

export interface ProbeStats {
  requests: number
  p50Ms: number | null
  p99Ms: number | null
  maxMs: number | null
  /** Answers by status; `error` for a request that got no answer. */
  statuses: Record<string, number>
}

/** Nearest-rank percentile of sorted values. */
export function percentile (sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

export function summarize (latencies: number[], statuses: Record<string, number>): ProbeStats {
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    requests: sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? null,
    statuses
  }
}

export interface Probe { stop: () => Promise<ProbeStats> }

/**
 * Calls `once` (which answers an HTTP status) again and again, starts `everyMs` apart (or right
 * after a slower answer), until stop(); the request in flight then is awaited and counted.
 */
export function probeLoop (once: () => Promise<number>, everyMs: number): Probe {
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  const state = { stopped: false }
  const loop = (async () => {
    while (!state.stopped) {
      const t = performance.now()
      let status = 'error'
      try { status = String(await once()) } catch { /* counted as error */ }
      const ms = performance.now() - t
      latencies.push(ms)
      statuses[status] = (statuses[status] ?? 0) + 1
      if (ms < everyMs && !state.stopped) await sleep(everyMs - ms)
    }
  })()
  return { stop: async () => { state.stopped = true; await loop; return summarize(latencies, statuses) } }
}

export function healthProbe (base: string, everyMs: number): Probe {
  return probeLoop(async () => {
    const res = await fetch(`${base}/health`)
    await res.arrayBuffer()
    return res.status
  }, everyMs)
}

export interface WriteTarget { workoutId: string, workoutExerciseId: string }

/**
 * An in-progress workout of `session`'s user with `count` exercises (no sets yet), to log sets
 * into round robin: the contract holds 100 sets per exercise, so `count` x 100 sets in all.
 */
export async function writeTargets (session: Session, exerciseIds: string[], count: number): Promise<WriteTarget[]> {
  const body = {
    name: 'Logging beside an import',
    startedAt: new Date().toISOString(),
    exercises: Array.from({ length: count }, (_, i) => ({ exerciseId: exerciseIds[i % exerciseIds.length] }))
  }
  type Created = { id: string, exercises: Array<{ id: string }> }
  const res = expectStatus(await session.request<Created>('POST', '/workouts', body), [201], 'create writer workout')
  return res.json.exercises.map((e) => ({ workoutId: res.json.id, workoutExerciseId: e.id }))
}

/** `session`'s user logs a set, then the next, into `targets` round robin, `everyMs` apart. */
export function setWriter (base: string, session: Session, targets: WriteTarget[], everyMs: number): Probe {
  let n = 0
  return probeLoop(async () => {
    const t = targets[n++ % targets.length]
    const res = await fetch(`${base}/api/v1/workouts/${t.workoutId}/exercises/${t.workoutExerciseId}/sets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reps: 5 + (n % 8), weightKg: 40 + 2.5 * (n % 9) })
    })
    await res.arrayBuffer()
    return res.status
  }, everyMs)
}

export interface Timed { status: number, ms: number, text: string }

/** One request, timed from sending to the end of the answer. */
export async function timedRequest (base: string, method: string, path: string, token: string,
  body?: { type: string, text: string }): Promise<Timed> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` }
  if (body !== undefined) headers['content-type'] = body.type
  const t = performance.now()
  const res = await fetch(`${base}/api/v1${path}`, { method, headers, body: body?.text })
  const text = await res.text()
  return { status: res.status, ms: performance.now() - t, text }
}

export interface Download { status: number, bytes: number, firstByteMs: number | null, ms: number, body: Buffer }

/** A download read as it arrives: bytes, time to the first body byte and to the last. */
export async function download (base: string, path: string, token: string): Promise<Download> {
  const t = performance.now()
  const res = await fetch(`${base}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } })
  const chunks: Buffer[] = []
  let bytes = 0
  let firstByteMs: number | null = null
  for await (const chunk of res.body ?? []) {
    firstByteMs ??= performance.now() - t
    const buffer = Buffer.from(chunk as Uint8Array)
    bytes += buffer.length
    chunks.push(buffer)
  }
  return { status: res.status, bytes, firstByteMs, ms: performance.now() - t, body: Buffer.concat(chunks) }
}
