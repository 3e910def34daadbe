import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import { createTestApp, dialect, type TestApp } from './helpers/app.js'
import { contractOf } from './helpers/openapi-check.js'
import { describeRequest } from './helpers/fuzz-oracle.js'
import { fuzzOperations, weightedRequests, type Doc } from './helpers/fuzz-operations.js'
import { prepare, type Prepared } from './helpers/fuzz-requests.js'
import { FuzzRun } from './helpers/fuzz-run.js'
import { World } from './helpers/fuzz-world.js'

// A contract fuzzer in the spirit of Schemathesis: requests to every operation of /openapi.json,
// made from its schemas by fast-check (valid bodies, mutated ones, garbage; real ids of the fuzz
// user, another user's, random and broken ones; with and without a token), each answer checked
// against the document and the contract's error rules (helpers/fuzz-oracle.ts). It keeps going
// after a finding and fails at the end with every distinct one and its smallest request.
// FUZZ_SEED replays a run (the same requests in the same order, as far as the time limit reaches).
const env = process.env
const seed = env.FUZZ_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(env.FUZZ_SEED)
// About 60 s of requests on either database; the file then takes some 65 s.
const timeLimitMs = Number(env.FUZZ_TIME_LIMIT_MS ?? 60_000)
const maxRequests = Number(env.FUZZ_MAX_REQUESTS ?? 10_000_000)
// Fresh users (and so fresh, small state) every this many requests.
const resetEvery = Number(env.FUZZ_RESET_EVERY ?? 5_000)
// Temporary focus while fixing: a regular expression over "METHOD /path" templates (unset: every operation).
const only = env.FUZZ_OPERATIONS === undefined ? undefined : new RegExp(env.FUZZ_OPERATIONS)

describe('contract fuzzing of every documented operation', () => {
  let t: TestApp
  before(async () => { t = await createTestApp() })
  after(async () => { await t.close() })

  test('no 5xx, only documented answers, problem documents, and the statuses the contract fixes', async (ctx) => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<Doc>()
    const contract = contractOf(t.app)
    const ops = fuzzOperations(doc).filter((op) => only === undefined || only.test(`${op.method} ${op.path}`))
    const world = new World(contract.operations)
    const run = new FuzzRun(t.app, contract, world)
    const harness: string[] = []
    const database = dialect === 'postgres' ? 'DATABASE_URL=postgres://postgres@127.0.0.1:5432/test ' : ''
    const limit = env.FUZZ_TIME_LIMIT_MS === undefined ? '' : ` FUZZ_TIME_LIMIT_MS=${timeLimitMs}`
    const replay = `${database}FUZZ_SEED=${seed}${limit} npm test -- test/contract-fuzz.test.ts`
    ctx.diagnostic(`${dialect}: seed ${seed}, ${ops.length} operations, ${timeLimitMs} ms (replay: ${replay})`)
    const started = Date.now()
    await world.reset(run.send)
    const authorization = `Bearer ${world.users[0].token}`
    const url = '/api/v1/exercises?limit=8&custom=false'
    const library = await run.send({ method: 'GET', url, headers: { authorization } })
    for (const e of library?.json().items ?? []) world.share(`/api/v1/exercises/${String(e.id)}`)

    let sinceReset = run.requests
    let lastEnd = performance.now()
    const property = fc.asyncProperty(weightedRequests(ops, {}), async (spec) => {
      run.time('(generating)', performance.now() - lastEnd)
      if (run.resetNeeded || run.requests - sinceReset >= resetEvery) {
        await world.reset(run.send)
        run.resetNeeded = false
        sinceReset = run.requests
      }
      // A fuzzer bug is reported on its own (fast-check would print the whole, possibly huge, spec).
      let p: Prepared | undefined
      try {
        const t0 = performance.now()
        p = prepare(spec, ops, world, contract.operations)
        run.time('(preparing requests)', performance.now() - t0)
        await run.send(p.options, p)
      } catch (error) {
        const request = p === undefined ? '-' : describeRequest(p.options)
        harness.push(`${(error as Error).stack ?? String(error)}\n  request: ${request}`)
      }
      lastEnd = performance.now()
    })
    const plugins = [fc.interruptAfterTimeLimit(timeLimitMs)]
    await fc.assert(property, { seed, numRuns: maxRequests, plugins, includeErrorInReport: true })
    for (const line of run.summary((Date.now() - started) / 1000)) ctx.diagnostic(line)
    const never = ops.map((op) => `${op.method} ${op.path}`).filter((o) => !run.succeeded.has(o))
    ctx.diagnostic(`${run.succeeded.size} of ${ops.length} operations got a validated 2xx; never: ${never.join(', ')}`)
    assert.equal(harness.length, 0, `the fuzzer itself failed ${harness.length} times; the first:\n${harness[0]}`)
    if (run.findings.size > 0) {
      assert.fail(`${run.findings.size} distinct findings (replay: ${replay}):\n\n${run.findings.report()}`)
    }
  })
})
