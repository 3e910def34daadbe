import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { isDatabaseUnavailable } from '../db/errors.js'
import { HttpProblem, ServiceUnavailableError, type FieldError } from '../lib/errors.js'

interface ProblemBody {
  type: string, title: string, status: number, detail: string, errors?: FieldError[], [extension: string]: unknown
}

function problem (status: number, detail: string, errors?: FieldError[]): ProblemBody {
  const body: ProblemBody = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail }
  if (errors !== undefined) body.errors = errors
  return body
}

/** Ajv errors → contract paths: "/sets/0/reps"; a missing or unknown field points at itself. */
function fieldErrors (error: FastifyError): FieldError[] {
  return (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>
    let path = v.instancePath
    let message = v.message ?? 'is invalid'
    if (typeof params.missingProperty === 'string') { path += `/${params.missingProperty}`; message = 'is required' }
    if (typeof params.additionalProperty === 'string') {
      path += `/${params.additionalProperty}`
      message = 'is not allowed'
    }
    return { path: path === '' ? '/' : path, message }
  })
}

// Fastify's own client errors, mapped to the contract's statuses and plain-language details.
const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Request bodies must be application/json (POST /imports also takes text/csv)'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'Request body is too large: 1 MiB at most (32 MiB for POST /imports)'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'Body cannot be empty when content-type is application/json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'Body is not valid JSON']
}

const DATABASE_UNAVAILABLE = 'The database is unavailable; retry later'

function toProblem (error: FastifyError): { body: ProblemBody, headers: Record<string, string> } {
  // Fastify's own errors carry a status: a client that hangs up mid-body is ECONNRESET with 400.
  const fromDatabase = error.statusCode === undefined && isDatabaseUnavailable(error)
  const thrown = fromDatabase ? new ServiceUnavailableError(DATABASE_UNAVAILABLE) : error
  if (thrown instanceof HttpProblem) {
    return {
      body: { ...thrown.extensions, ...problem(thrown.status, thrown.message, thrown.errors), title: thrown.title },
      headers: thrown.headers
    }
  }
  if (error.validation !== undefined) {
    const errors = fieldErrors(error)
    const context = error.validationContext ?? 'body'
    const detail = errors.map((e) => `${context}${e.path === '/' ? '' : e.path} ${e.message}`).join('; ')
    return { body: problem(400, detail, errors), headers: {} }
  }
  const known = error.code !== undefined ? FASTIFY_CODES[error.code] : undefined
  if (known !== undefined) return { body: problem(known[0], known[1]), headers: {} }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON') {
    return { body: problem(400, 'Body is not valid JSON'), headers: {} }
  }
  const status = error.statusCode ?? 500
  if (status >= 400 && status < 500) return { body: problem(status, error.message), headers: {} }
  return { body: problem(500, 'An unexpected error occurred. It has been logged.'), headers: {} }
}

export function sendProblem (
  reply: FastifyReply,
  body: ProblemBody,
  headers: Record<string, string> = {}
): FastifyReply {
  return reply.code(body.status).headers(headers).type('application/problem+json; charset=utf-8').send(body)
}

/**
 * Errors Fastify meets before a route is found (a path that is not valid percent-encoding, a
 * path segment over the router's 200 characters): the same 400 problem document an invalid id
 * gets, rather than Fastify's own JSON and an undocumented 414.
 */
export function frameworkErrorHandler (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const detail = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? 'A path segment is longer than 200 characters'
    : 'The request path is not valid percent-encoding'
  request.log.info({ status: 400, code: error.code }, detail)
  sendProblem(reply.header('cache-control', 'no-store'), problem(400, detail))
}

/**
 * Errors Node's HTTP parser reports before Fastify has a request (a request that took longer than
 * REQUEST_TIMEOUT_MS, headers too large, bytes that are not HTTP): a problem document too, then
 * the connection is closed.
 */
export function clientErrorHandler (error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
    ? 408
    : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400
  const details: Record<number, string> = {
    408: 'The request was not received in time',
    431: 'Request headers are too large',
    400: 'The request is not valid HTTP'
  }
  const body = JSON.stringify(problem(status, details[status]))
  const response = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage
  if (socket.writable && response?.headersSent !== true) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n` +
      'Content-Type: application/problem+json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
  }
  socket.destroy(error)
}

export default fp(async function errorHandler (app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { body, headers } = toProblem(error)
    // The real error reaches the log only; the client gets a generic 500.
    if (body.status >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.info({ status: body.status, code: error.code }, body.detail)
    return sendProblem(reply, body, headers)
  })
  app.setNotFoundHandler((request, reply) => {
    return sendProblem(reply, problem(404, `Route ${request.method} ${request.url.split('?')[0]} not found`))
  })
}, { name: 'error-handler' })
