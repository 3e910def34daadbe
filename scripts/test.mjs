#!/usr/bin/env node
// npm test: the whole suite with every checked answer recorded, then test/operations.check.ts,
// which fails when a documented operation never got a validated success answer. Extra arguments
// go to `node --test` (`npm test -- test/foo.test.ts`); a partial run skips the coverage check.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const operationsDir = join(root, 'test-results', 'operations')
const args = process.argv.slice(2)
// Node 20's --test does not expand globs, so the default file list is made here.
const allFiles = readdirSync(join(root, 'test')).filter((f) => f.endsWith('.test.ts')).sort().map((f) => `test/${f}`)
const namesFiles = args.some((a) => !a.startsWith('-') && /\.[cm]?[jt]s$/.test(a))

// Fresh for every run: answers recorded by an earlier run must not count.
rmSync(operationsDir, { recursive: true, force: true })
mkdirSync(operationsDir, { recursive: true })

const run = (nodeArgs) => {
  const result = spawnSync(process.execPath, nodeArgs, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, SPOTTER_OPERATIONS_DIR: operationsDir }
  })
  return result.status ?? 1
}

const suite = run(['--import', 'tsx', '--test', ...args, ...(namesFiles ? [] : allFiles)])
if (args.length > 0) {
  console.log('operations check skipped: not a full run')
  process.exit(suite)
}
if (suite !== 0) {
  console.log('operations check skipped: the suite failed')
  process.exit(suite)
}
process.exit(run(['--import', 'tsx', 'test/operations.check.ts']))
