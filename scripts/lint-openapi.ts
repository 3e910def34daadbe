import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openapiDocument } from './openapi-document.js'

// npm run lint:openapi: the generated document through `redocly lint` (redocly.yaml: recommended).
// Any error or warning fails the run.
const dir = mkdtempSync(join(tmpdir(), 'spotter-openapi-'))
try {
  const file = join(dir, 'openapi.json')
  writeFileSync(file, await openapiDocument())
  const run = spawnSync('npx', ['redocly', 'lint', file, '--config', 'redocly.yaml', '--max-problems', '1000'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8'
  })
  process.stdout.write(run.stdout)
  const clean = run.status === 0 && !/warning/i.test(run.stdout.replace(/Deprecation warning[^\n]*/g, ''))
  process.exitCode = clean ? 0 : 1
} finally {
  rmSync(dir, { recursive: true, force: true })
}
