#!/usr/bin/env node
// npm run coverage: the whole suite under Node's test coverage, then the line and function
// coverage of src/ alone (test files left out), from the lcov report it writes to coverage/.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'coverage')
mkdirSync(out, { recursive: true })
const files = readdirSync(join(root, 'test')).filter((f) => f.endsWith('.test.ts')).sort().map((f) => `test/${f}`)
const run = spawnSync(process.execPath, [
  '--import', 'tsx', '--test', '--experimental-test-coverage',
  '--test-reporter=dot', '--test-reporter-destination=stdout',
  '--test-reporter=lcov', `--test-reporter-destination=${join(out, 'lcov.info')}`,
  ...files
], { cwd: root, stdio: 'inherit' })

const totals = { lines: [0, 0], functions: [0, 0] }
const perFile = []
let file
for (const line of readFileSync(join(out, 'lcov.info'), 'utf8').split('\n')) {
  if (line.startsWith('SF:')) file = { name: relative(root, line.slice(3)), lines: [0, 0], functions: [0, 0] }
  if (file === undefined || !file.name.startsWith('src/')) continue
  const [key, value] = line.split(':')
  if (key === 'LH') file.lines[0] = Number(value)
  if (key === 'LF') file.lines[1] = Number(value)
  if (key === 'FNH') file.functions[0] = Number(value)
  if (key === 'FNF') file.functions[1] = Number(value)
  if (line === 'end_of_record') {
    perFile.push(file)
    for (const k of ['lines', 'functions']) { totals[k][0] += file[k][0]; totals[k][1] += file[k][1] }
  }
}
const pct = ([hit, all]) => all === 0 ? '100.00' : (100 * hit / all).toFixed(2)
for (const f of perFile.sort((a, b) => a.lines[0] / (a.lines[1] || 1) - b.lines[0] / (b.lines[1] || 1)).slice(0, 10)) {
  console.log(`  ${pct(f.lines).padStart(6)} % lines  ${pct(f.functions).padStart(6)} % functions  ${f.name}`)
}
console.log(`coverage of src/: lines ${pct(totals.lines)} % (${totals.lines[0]}/${totals.lines[1]}), ` +
  `functions ${pct(totals.functions)} % (${totals.functions[0]}/${totals.functions[1]}), ${perFile.length} files`)
process.exit(run.status ?? 1)
