import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import fp from 'fastify-plugin'
import { STATUS_CODES } from 'node:http'
import { HttpProblem, type FieldError } from '../lib/errors.js'

interface ProblemBody { type: string, title: string, status: number, detail: string, errors?: FieldError[] }

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
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Request bodies must be application/json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'Request body is larger than 1 MiB'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'Body cannot be empty when content-type is application/json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'Body is not valid JSON']
}

function toProblem (error: FastifyError): { body: ProblemBody, headers: Record<string, string> } {
  if (error instanceof HttpProblem) {
    return {
      body: { ...problem(error.status, error.message, error.errors), title: error.title },
      headers: error.headers
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
