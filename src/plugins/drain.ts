import type { ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { ServiceUnavailableError } from '../lib/errors.js'

/** Idle keep-alive sockets stay open at least this long after close() began. */
const LINGER_MS = 1000
const POLL_MS = 50

/**
 * Graceful shutdown without connection resets. Node's server.close() drops idle keep-alive
 * sockets at once, so a request a client is already sending on one meets a reset. Here, once
 * app.close() has begun, every request that arrives (on a socket that is still open: no new
 * connections are accepted) is answered 503 + Retry-After + `Connection: close`, responses
 * still in flight get `Connection: close` too, and idle sockets are closed only when no request
 * is left in flight (and LINGER_MS have passed). The caller bounds the whole drain.
 */
export default fp(async function drain (app: FastifyInstance) {
  let draining = false
  const inFlight = new Set<ServerResponse>()

  app.addHook('onRequest', (_request, reply, done) => {
    if (draining) {
      const headers = { connection: 'close' }
      done(new ServiceUnavailableError('The server is shutting down; retry later', { headers }))
      return
    }
    const res = reply.raw
    inFlight.add(res)
    res.once('close', () => inFlight.delete(res))
    done()
  })
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) reply.header('connection', 'close')
    done(null, payload)
  })

  app.addHook('preClose', (done) => {
    draining = true
    const server = app.server
    if (!server.listening) { done(); return }
    const closeIdleConnections = server.closeIdleConnections.bind(server)
    server.closeIdleConnections = () => {}
    const started = Date.now()
    // Polled rather than tied to the last response: the socket becomes idle a moment after it.
    const timer = setInterval(() => {
      if (inFlight.size === 0 && Date.now() - started >= LINGER_MS) closeIdleConnections()
    }, POLL_MS).unref()
    server.once('close', () => {
      clearInterval(timer)
      server.closeIdleConnections = closeIdleConnections
    })
    done()
  })
}, { name: 'drain' })
