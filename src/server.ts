import type { AddressInfo } from 'node:net'
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { StartupError } from './db/errors.js'

/** The drain (src/plugins/drain.ts) and the database's close must fit in this. */
const SHUTDOWN_GRACE_MS = 10_000
/**
 * Ctrl-C in a terminal running `npm start` reaches npm and the server, and npm forwards it to the
 * server again: a signal repeated this soon is that one, not a second request to stop at once.
 */
const REPEAT_MS = 1000

/** `.env` in the working directory, when there is one. Variables already set win, empty ones too. */
function loadDotEnv (): void {
  try {
    process.loadEnvFile()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

/** The address the server actually bound, as a URL a browser on this machine can open. */
export function baseUrl (address: AddressInfo): string {
  const host = address.address === '0.0.0.0' || address.address === '::'
    ? 'localhost'
    : address.family === 'IPv6' ? `[${address.address}]` : address.address
  return `http://${host}:${address.port}`
}

async function main (): Promise<void> {
  let config
  try {
    loadDotEnv()
    config = loadConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError || (error as NodeJS.ErrnoException).code !== undefined) {
      console.error(`spotter: configuration error: ${(error as Error).message}`)
      process.exit(1)
    }
    throw error
  }
  const app = await buildApp(config)

  // Signals, uncaught errors and unhandled rejections all end here: drain in-flight requests
  // (src/plugins/drain.ts: requests arriving meanwhile on open keep-alive sockets get a 503),
  // close the database (onClose hooks), exit 0 (1 after an error). A stuck request cannot hold
  // the process past SHUTDOWN_GRACE_MS, and a real second signal ends it at once.
  let stopSignal: NodeJS.Signals | undefined
  const grace = closeWithGrace({
    delay: SHUTDOWN_GRACE_MS,
    skip: ['SIGINT', 'SIGTERM'],
    logger: { error: (message: unknown) => { app.log.error(message) } },
    onTimeout: (delay) => { app.log.error({ delay }, 'shutdown timed out') }
  }, async ({ signal, err }) => {
    if (err !== undefined) app.log.fatal({ err }, 'uncaught error: shutting down')
    else app.log.info({ signal: signal ?? stopSignal }, 'shutting down')
    await app.close()
  })
  let firstSignalAt = 0
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (firstSignalAt === 0) {
        firstSignalAt = Date.now()
        stopSignal = signal
        grace.close()
      } else if (Date.now() - firstSignalAt > REPEAT_MS) {
        app.log.error({ signal }, 'second signal: exiting without finishing the drain')
        process.exit(1)
      }
    })
  }

  try {
    await app.listen({ host: config.host, port: config.port })
  } catch (error) {
    app.log.fatal({ err: error }, 'could not start listening')
    await app.close()
    process.exit(1)
  }
  const url = baseUrl(app.server.address() as AddressInfo)
  app.log.info({ url, api: `${url}/api/v1`, docs: `${url}/docs` },
    `Spotter listening on ${url} — API ${url}/api/v1, docs ${url}/docs`)
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) console.error(`spotter: failed to start: ${error.message}`)
  else console.error('spotter: failed to start:', error)
  process.exit(1)
})
