import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import type { as } from './app.js'

type Client = ReturnType<typeof as>

/** Saves a one-day plan with these items and starts that day; answers the started workout. */
export async function startDay (api: Client, items: object[], name = 'Day 1'): Promise<any> {
  const plan = await api.post('/plans', { name: 'Guided', days: [{ name, items }] })
  assert.equal(plan.statusCode, 201, plan.body)
  const day = plan.json().days[0]
  const res = await api.post(`/plans/${plan.json().id}/days/${day.id}/start`)
  assert.equal(res.statusCode, 201, res.body)
  return res.json()
}

/** The guide of a workout (asserting 200). */
export async function guideOf (api: Client, workoutId: string): Promise<any> {
  const res = await api.get(`/workouts/${workoutId}/guide`)
  assert.equal(res.statusCode, 200, res.body)
  return res.json()
}

/** Posts a guide action (complete, skip) and answers the Guide (asserting 200). */
export async function act (api: Client, workoutId: string, action: string, body: object = {}): Promise<any> {
  const res = await api.post(`/workouts/${workoutId}/guide/${action}`, body)
  assert.equal(res.statusCode, 200, res.body)
  return res.json()
}

/** "name #setNumber" of a step, to compare sequences. */
export const label = (step: any): string | null => step === null ? null : `${step.exercise.name as string} #${step.setNumber as number}`

export interface SseEvent { event: string, id?: string, data?: any }

/**
 * A minimal Server-Sent Events client over fetch that reads the body incrementally (app.inject
 * cannot). Comments are events of type "comment". `next` consumes events in order.
 */
export class SseClient {
  readonly events: SseEvent[] = []
  ended = false
  private cursor = 0
  private wake: () => void = () => {}

  private constructor (readonly status: number, readonly headers: Headers, private readonly abort: AbortController) {}

  static async open (app: FastifyInstance, path: string, headers: Record<string, string> = {}): Promise<SseClient & { body?: any }> {
    const address = app.server.address()
    assert.ok(address !== null && typeof address === 'object', 'the app must listen')
    const abort = new AbortController()
    const res = await fetch(`http://127.0.0.1:${address.port}/api/v1${path}`, { headers, signal: abort.signal })
    const client = new SseClient(res.status, res.headers, abort)
    if (res.status !== 200) return Object.assign(client, { body: await res.json() })
    client.pump(res.body as ReadableStream<Uint8Array>).catch(() => {})
    return client
  }

  private async pump (body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.parse(buffer.slice(0, end))
          buffer = buffer.slice(end + 2)
        }
        this.wake()
      }
    } finally {
      this.ended = true
      this.wake()
    }
  }

  private parse (block: string): void {
    const event: SseEvent = { event: 'message' }
    for (const line of block.split('\n')) {
      const [field, ...rest] = line.split(':')
      const value = rest.join(':').replace(/^ /, '')
      if (field === '') this.events.push({ event: 'comment', data: value })
      else if (field === 'event') event.event = value
      else if (field === 'id') event.id = value
      else if (field === 'data') event.data = JSON.parse(value)
      else if (field === 'retry') event.event = 'retry'
    }
    if (!block.startsWith(':')) this.events.push(event)
  }

  /** The next unread event matching `match` (others before it are passed over), within `timeoutMs`. */
  async next (match: (e: SseEvent) => boolean, timeoutMs = 2000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      while (this.cursor < this.events.length) {
        const e = this.events[this.cursor++]
        if (match(e)) return e
      }
      if (this.ended) throw new Error(`stream ended; events: ${JSON.stringify(this.events)}`)
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms; events: ${JSON.stringify(this.events)}`)
      await new Promise<void>((resolve) => { const timer = setTimeout(resolve, left); this.wake = () => { clearTimeout(timer); resolve() } })
    }
  }

  /** Events of one type received so far. */
  all (event: string): SseEvent[] { return this.events.filter((e) => e.event === event) }

  close (): void { this.abort.abort() }
}

export const isGuide = (e: SseEvent): boolean => e.event === 'guide'
