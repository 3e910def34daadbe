#!/usr/bin/env node
// npm's prestart: compiles src/ to dist/ (tsconfig.build.json) when dist/server.js is missing or
// older than a source file or a tsconfig, so a fresh clone's `npm install && npm start` works and
// `npm start` then runs plain JavaScript (one node process, no tsx loader). An installation
// without dev dependencies (no TypeScript) runs whatever dist/ holds.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const entry = join(root, 'dist', 'server.js')

function newest (path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let max = stat.mtimeMs // a deleted or renamed file changes its folder's time
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)))
  return max
}

const sources = ['src', 'tsconfig.json', 'tsconfig.build.json'].map((p) => join(root, p)).filter((p) => existsSync(p))
const built = existsSync(entry) ? statSync(entry).mtimeMs : -Infinity
if (built >= Math.max(...sources.map(newest))) process.exit(0)

let tsc
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
} catch {
  if (existsSync(entry)) {
    console.error('spotter: dist/ is older than src/, but TypeScript is not installed: starting the old build')
    process.exit(0)
  }
  console.error('spotter: dist/ is missing and TypeScript is not installed: run npm install (with dev dependencies), then npm start')
  process.exit(1)
}
console.error(`spotter: ${existsSync(entry) ? 'src/ changed' : 'no build yet'}: compiling to dist/ (npm run build)…`)
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' })
if (result.status !== 0) {
  // tsc emits even with type errors: make sure the next start compiles again instead of running them.
  rmSync(entry, { force: true })
  process.exit(result.status ?? 1)
}
