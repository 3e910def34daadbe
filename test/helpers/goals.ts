import assert from 'node:assert/strict'
import type { as } from './app.js'

/** Small builders shared by the goal tests: each asserts its create answered 201. */
export type Client = ReturnType<typeof as>
export const DAY = 86_400_000

export async function created (res: Awaited<ReturnType<Client['post']>>): Promise<any> {
  assert.equal(res.statusCode, 201, res.body)
  return res.json()
}
export const weigh = async (c: Client, value: number, measuredAt: string) => await created(await c.post('/progress-logs', { metric: 'body_weight', value, measuredAt }))
export const goal = async (c: Client, body: object) => await created(await c.post('/goals', body))
export const get = async (c: Client, id: string) => (await c.get(`/goals/${id}`)).json()
