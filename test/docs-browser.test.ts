import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { chromium, type Browser } from 'playwright-core'
import { startServer, type ServerProcess } from './helpers/server-process.js'

// /docs in a real browser, opened by a host name that is not localhost over plain HTTP: a CSP
// with upgrade-insecure-requests (or HSTS) made the browser fetch Swagger UI's assets over https
// there, and the page stayed blank. CI installs Debian's chromium (.ci/run).

const CHROMIUM = '/usr/bin/chromium'
const HOST = 'spotter.test'
const missing = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install chromium); CI installs it`

let server: ServerProcess
let browser: Browser

describe('Swagger UI in Chromium from a non-localhost host', { skip: missing }, () => {
  before(async () => {
    server = await startServer()
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`, '--no-sandbox']
    })
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('renders every operation, with no CSP violation or failed asset', async () => {
    const base = `http://${HOST}:${server.port}`
    const spec = await (await fetch(`http://127.0.0.1:${server.port}/openapi.json`)).json() as {
      paths: Record<string, Record<string, { summary?: string }>>
    }
    const operations = Object.values(spec.paths).flatMap((p) => Object.values(p))
    const summary = operations.find((o) => typeof o.summary === 'string')?.summary ?? ''
    assert.ok(operations.length > 50 && summary !== '')

    const page = await browser.newPage()
    const problems: string[] = []
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`) })
    page.on('pageerror', (e) => { problems.push(`page error: ${e.message}`) })
    page.on('requestfailed', (r) => { problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`) })
    const res = await page.goto(`${base}/docs`)
    assert.equal(res?.status(), 200)
    assert.ok(page.url().startsWith(`${base}/docs`), page.url())

    await page.locator('.opblock').first().waitFor({ timeout: 20_000 })
    assert.equal(await page.locator('.opblock').count(), operations.length)
    await page.getByText(summary, { exact: true }).first().waitFor({ state: 'visible' })
    assert.deepEqual(problems.filter((p) => /content security policy|csp|https:\/\//i.test(p) || p.startsWith('failed')), [])
    assert.deepEqual(problems, [])
    await page.close()
  })
})
