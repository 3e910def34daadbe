import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'

const SHUTDOWN_GRACE_MS = 10_000

async function main (): Promise<void> {
  let config
  try {
    config = loadConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`spotter: configuration error: ${error.message}`)
      process.exit(1)
    }
    throw error
  }
  const app = await buildApp(config)

  // Drain in-flight requests (src/plugins/drain.ts: requests arriving meanwhile on open keep-alive
  // sockets get a 503), then close the database (onClose hooks). A stuck request cannot hold the
  // process forever.
  let closing = false
  const shutdown = (signal: string): void => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    const timer = setTimeout(() => { app.log.error('shutdown timed out'); process.exit(1) }, SHUTDOWN_GRACE_MS)
    timer.unref()
    app.close().then(
      () => process.exit(0),
      (err: unknown) => { app.log.error({ err }, 'shutdown failed'); process.exit(1) }
    )
  }
  process.once('SIGTERM', () => { shutdown('SIGTERM') })
  process.once('SIGINT', () => { shutdown('SIGINT') })

  await app.listen({ host: config.host, port: config.port })
}

main().catch((error: unknown) => {
  console.error('spotter: failed to start:', error)
  process.exit(1)
})
