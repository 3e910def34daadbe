import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'

/** /openapi.json as the app serves it, built on an in-memory SQLite database (nothing else is touched). */
export async function openapiDocument (): Promise<string> {
  const config = loadConfig({
    JWT_SECRET: 'openapi-document-only-secret-not-used-for-tokens',
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'sqlite::memory:'
  })
  const app = await buildApp(config)
  try {
    await app.ready()
    const res = await app.inject({ method: 'GET', url: '/openapi.json' })
    if (res.statusCode !== 200) throw new Error(`/openapi.json answered ${res.statusCode}`)
    return `${JSON.stringify(res.json(), null, 2)}\n`
  } finally {
    await app.close()
  }
}
