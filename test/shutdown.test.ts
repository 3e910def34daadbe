import assert from 'node:assert/strict'
import http from 'node:http'
import net from 'node:net'
import { after, describe, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { startServer, type ServerProcess } from './helpers/server-process.js'

// The real server as a child process: what only a listening socket shows (keep-alive sockets
// during a graceful shutdown, request timeouts).

interface Answer { status: number, headers: http.IncomingHttpHeaders, body: string, reusedSocket: boolean }

async function get (agent: http.Agent, port: number, path: string): Promise<Answer> {
  return await new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = ''
      res.setEncoding('utf8').on('data', (c: string) => { body += c }).on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, reusedSocket: req.reusedSocket })
      })
    })
    req.on('error', reject).end()
  })
}

/** A raw connection: everything it received, and a promise for when it closed. */
function connect (port: number): { socket: net.Socket, received: () => string, closed: Promise<void> } {
  const socket = net.connect(port, '127.0.0.1')
  let received = ''
  socket.setEncoding('utf8').on('data', (c: string) => { received += c }).on('error', () => {})
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  return { socket, received: () => received, closed }
}

const servers: ServerProcess[] = []
after(async () => { for (const s of servers) await s.stop() })

describe('graceful shutdown', () => {
  test('after SIGTERM a request on an open keep-alive socket gets 503 + Connection: close, never a reset', async () => {
    const server = await startServer()
    servers.push(server)
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    const first = await get(agent, server.port, '/health')
    assert.equal(first.status, 200)

    // A slow request in flight on a connection of its own: headers and half of its body.
    const body = JSON.stringify({ email: 'nobody@example.com', password: 'long enough' })
    const slow = connect(server.port)
    slow.socket.write('POST /api/v1/auth/login HTTP/1.1\r\nHost: spotter\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`)
    await server.waitForLog(/"url":"\/api\/v1\/auth\/login".*incoming request/)

    server.child.kill('SIGTERM')
    await server.waitForLog(/shutting down/)
    await sleep(300) // close() has begun: the server no longer accepts connections

    const second = await get(agent, server.port, '/api/v1/me')
    assert.equal(second.reusedSocket, true, 'sent on the keep-alive socket of the first request')
    assert.equal(second.status, 503, second.body)
    assert.match(String(second.headers['content-type']), /^application\/problem\+json/)
    assert.equal(second.headers.connection, 'close')
    assert.match(String(second.headers['retry-after']), /^[1-9]\d*$/)
    assert.equal(JSON.parse(second.body).status, 503)

    // The request in flight still gets its full answer, then the process ends cleanly.
    slow.socket.write(body.slice(10))
    await slow.closed
    assert.match(slow.received(), /^HTTP\/1\.1 401 /)
    assert.match(slow.received(), /\r\nconnection: close\r\n/i)
    assert.equal(await server.exited, 0)
    agent.destroy()
  })
})

describe('request timeout', () => {
  test('a client trickling its body is cut after about REQUEST_TIMEOUT_MS, with a 408 problem', async () => {
    const server = await startServer({ REQUEST_TIMEOUT_MS: '1000' })
    servers.push(server)
    const started = Date.now()
    const client = connect(server.port)
    client.socket.write('POST /api/v1/auth/login HTTP/1.1\r\nHost: spotter\r\nContent-Type: application/json\r\n' +
      'Content-Length: 1000\r\n\r\n{')
    const trickle = setInterval(() => { if (!client.socket.destroyed) client.socket.write(' ') }, 200)
    const cut = await Promise.race([client.closed.then(() => true), sleep(15_000).then(() => false)])
    clearInterval(trickle)
    client.socket.destroy()
    // Generous: the bound is 1 s plus the server's check interval; trickled out, the body would take 200 s.
    assert.ok(cut, 'the connection is still open after 15 s')
    assert.ok(Date.now() - started < 15_000)
    assert.match(client.received(), /^HTTP\/1\.1 408 /)
    assert.match(client.received(), /application\/problem\+json/)
  })

  test('so is a client trickling its headers', async () => {
    const server = servers.at(-1) as ServerProcess
    const client = connect(server.port)
    client.socket.write('GET /health HTTP/1.1\r\nHost: spotter\r\n')
    const trickle = setInterval(() => { if (!client.socket.destroyed) client.socket.write('X-Slow: 1\r\n') }, 200)
    const cut = await Promise.race([client.closed.then(() => true), sleep(15_000).then(() => false)])
    clearInterval(trickle)
    client.socket.destroy()
    assert.ok(cut, 'the connection is still open after 15 s')
    assert.match(client.received(), /^HTTP\/1\.1 408 /)
  })
})
