// Run by scripts/test.mjs after the suite (not a *.test.ts, so `node --test` leaves it out):
// fails when an operation of /openapi.json never got a success answer that was validated
// against its documented schema, i.e. a route no test calls. Answers come from the files that
// test/helpers/openapi-check.ts wrote to $SPOTTER_OPERATIONS_DIR during the run.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTestApp } from './helpers/app.js'
import { operationsOf, type OpenApiDoc, type Recorded } from './helpers/openapi-check.js'

/** `METHOD /path/{template}` → why no test can get a success answer from it. Keep it empty if you can. */
const ALLOWED: Record<string, string> = {}

const dir = process.env.SPOTTER_OPERATIONS_DIR
if (dir === undefined || dir === '') {
  console.error('SPOTTER_OPERATIONS_DIR is not set: run `npm test`, which records the answers first')
  process.exit(2)
}

const { app, close } = await createTestApp()
const doc = (await app.inject({ url: '/openapi.json' })).json<OpenApiDoc>()
await close()
// By path, then method, so the list reads like the document.
const operations = operationsOf(doc).sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))
  .map((op) => `${op.method} ${op.path}`)

const exercised = new Set<string>()
for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
    if (line === '') continue
    const answer = JSON.parse(line) as Recorded
    if (answer.status >= 200 && answer.status < 400) exercised.add(`${answer.method} ${answer.path}`)
  }
}

const missing = operations.filter((op) => !exercised.has(op) && ALLOWED[op] === undefined)
// An allow-list entry for a route that is gone or now tested is stale and must be removed.
const stale = Object.keys(ALLOWED).filter((op) => !operations.includes(op) || exercised.has(op))

console.log(`operations check: ${operations.length - missing.length} of ${operations.length} documented operations ` +
  `got a validated success answer (${Object.keys(ALLOWED).length} allowed without one)`)
for (const op of missing) console.error(`  never exercised with a validated 2xx/3xx answer: ${op}`)
for (const op of stale) console.error(`  stale allow-list entry (not documented, or exercised after all): ${op}`)
process.exit(missing.length > 0 || stale.length > 0 ? 1 : 0)
