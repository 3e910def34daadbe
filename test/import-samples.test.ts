import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { HttpProblem } from '../src/lib/errors.js'
import type { ParsedFile, ParseOptions } from '../src/modules/imports/import.types.js'
import { parseImport, type CsvSource } from '../src/modules/imports/parse/index.js'
import { as, createTestApp, register, type TestApp } from './helpers/app.js'

// The importers on real exports (/work/shared/import-samples, see its README), when that folder
// exists. The samples are not part of the repository, so nothing of them is written here: the few
// files with defects of their own are recognised by a SHA-256 prefix of their bytes. Every other
// file must parse without a bad line.

const SAMPLES = '/work/shared/import-samples'
const SOURCES: CsvSource[] = ['strong', 'hevy', 'fitnotes']
const OPTIONS: ParseOptions = { weightUnit: 'kg', distanceUnit: 'km', timeZone: 'UTC' }

interface Expectation {
  /** Bad lines the file really has, each for the reason given. */
  badLines?: number[]
  /** The file is refused whole: a 400 on /line/1 matching this. */
  refused?: RegExp
  why: string
}

const EXPECTED: Record<string, Expectation> = {
  '991568e564080efd': {
    refused: /no header line/,
    why: 'a Strong semicolon export whose owner removed the header line'
  },
  '998043fd49410d45': {
    badLines: [59],
    why: 'a Strong set of 1271 reps, beyond the contract\'s 0–1000 (a typo)'
  },
  e05889b17f7ad311: {
    badLines: [627, 628, 736, 738, 740],
    why: 'a Hevy export re-saved by a spreadsheet that broke multi-line notes into rows of their own: ' +
      'those fragments have no start_time (the rows they were cut from remain, with no values: warnings)'
  }
}

interface Sample { source: CsvSource, path: string, name: string }

const samples = (): Sample[] => SOURCES.flatMap((source) => {
  const dir = join(SAMPLES, source)
  if (!existsSync(dir)) return []
  const files = readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()
  return files.map((f) => ({ source, path: join(dir, f), name: `${source}/${f}` }))
})

const fingerprint = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex').slice(0, 16)

function report (name: string, parsed: ParsedFile): string {
  const sets = parsed.workouts.reduce((n, w) => n + w.exercises.reduce((m, e) => m + e.sets.length, 0), 0)
  return `${name}: rows ${parsed.rows}, workouts ${parsed.workouts.length}, sets ${sets}, ` +
    `logs ${parsed.progressLogs.length}, warnings ${parsed.warnings.length}, bad lines ${parsed.badLines.length}`
}

/** What any real export must look like once read. */
function assertPlausible (parsed: ParsedFile, physicalLines: number): void {
  assert.ok(parsed.rows > 0)
  const setLines = parsed.workouts.flatMap((w) => w.exercises.flatMap((e) => e.sets.map((s) => s.line)))
  if (parsed.progressLogs.length === 0) {
    assert.ok(parsed.workouts.length > 0, 'workouts')
    assert.ok(setLines.length > 0, 'sets')
  }
  assert.equal(new Set(setLines).size, setLines.length, 'one set per line')
  for (const line of [...setLines, ...parsed.progressLogs.map((l) => l.line)]) {
    assert.ok(line >= 2 && line <= physicalLines, `line ${line}`)
  }
  for (const workout of parsed.workouts) {
    const start = Date.parse(workout.startedAt)
    assert.ok(start > Date.parse('2010-01-01') && start < Date.parse('2030-01-01'), workout.startedAt)
    if (workout.endedAt !== null) assert.ok(Date.parse(workout.endedAt) >= start, workout.endedAt)
  }
}

const present = existsSync(SAMPLES)

for (const sample of present ? samples() : []) {
  test(sample.name, () => {
    const bytes = readFileSync(sample.path)
    const expected = EXPECTED[fingerprint(bytes)]
    if (expected?.refused !== undefined) {
      assert.throws(() => parseImport(sample.source, bytes, OPTIONS), (error: unknown) => {
        assert.ok(error instanceof HttpProblem)
        assert.equal(error.errors?.[0].path, '/line/1')
        assert.match(error.errors?.[0].message ?? '', expected.refused as RegExp)
        return true
      })
      console.log(`${sample.name}: refused on /line/1 (${expected.why})`)
      return
    }
    const parsed = parseImport(sample.source, bytes, OPTIONS)
    console.log(report(sample.name, parsed))
    assert.deepEqual(parsed.badLines.map((p) => p.line), expected?.badLines ?? [], expected?.why)
    assertPlausible(parsed, bytes.toString('utf8').split(/\r\n|\r|\n/).length)
  })
}

test('the samples folder', { skip: !present && `${SAMPLES} is not here` }, () => {
  assert.ok(samples().length > 0)
})

// Through the API: each file previews (a file with bad lines is refused naming exactly them, then
// previews with skipBadLines=true), commits with the statistics following, and undoes to nothing.
describe('the samples through the import routes', { skip: !present && `${SAMPLES} is not here` }, () => {
  let t: TestApp
  let library = { sets: 0, all: 0 }
  before(async () => { t = await createTestApp() })
  after(async () => {
    console.log(`library share over every committed sample: ${(100 * library.sets / Math.max(1, library.all)).toFixed(1)} %`)
    await t.close()
  })

  for (const sample of present ? samples() : []) {
    test(sample.name, async () => {
      const bytes = readFileSync(sample.path)
      const expected = EXPECTED[fingerprint(bytes)]
      const session = await register(t.app)
      const api = as(t.app, session)
      const upload = async (query = ''): Promise<LightMyRequestResponse> => await t.app.inject({
        method: 'POST',
        url: `/api/v1/imports?source=${sample.source}${query}`,
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'text/csv' },
        payload: bytes
      })
      const first = await upload()
      if (expected?.refused !== undefined || (expected?.badLines ?? []).length > 0) {
        assert.equal(first.statusCode, 400, first.body)
        const paths = first.json().errors.map((e: { path: string }) => e.path)
        if (expected?.refused !== undefined) { assert.deepEqual(paths, ['/line/1']); return }
        assert.deepEqual(paths, expected?.badLines?.map((l) => `/line/${l}`))
      }
      const preview = expected?.badLines === undefined ? first : await upload('&skipBadLines=true')
      assert.equal(preview.statusCode, 201, preview.body)
      const imp = preview.json()
      const committed = await api.post(`/imports/${imp.id}/commit`)
      assert.equal(committed.statusCode, 200, committed.body)
      const summary = (await api.get('/stats/summary')).json()
      assert.equal(summary.workouts, imp.counts.workouts)
      assert.equal(summary.sets, imp.counts.sets)
      const onLibrary = imp.exercises.filter((m: { match: string }) => m.match === 'library')
        .reduce((n: number, m: { sets: number }) => n + m.sets, 0)
      library = { sets: library.sets + onLibrary, all: library.all + imp.counts.sets }
      console.log(`${sample.name} via the API: workouts ${imp.counts.workouts}, sets ${imp.counts.sets}, ` +
        `logs ${imp.counts.progressLogs}, warnings ${imp.warnings.length}, ` +
        `on library exercises ${(100 * onLibrary / Math.max(1, imp.counts.sets)).toFixed(1)} %`)
      assert.equal((await api.delete(`/imports/${imp.id}`)).statusCode, 204)
      assert.equal((await api.get('/stats/summary')).json().workouts, 0)
      assert.equal((await api.get('/progress-logs')).json().items.length, 0)
    })
  }
})
