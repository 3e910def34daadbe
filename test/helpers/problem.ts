import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'

export interface Problem { type: string, title: string, status: number, detail: string, errors?: Array<{ path: string, message: string }> }

/** Asserts an RFC 9457 problem response with this status and returns its body. */
export function assertProblem (res: LightMyRequestResponse, status: number): Problem {
  assert.equal(res.statusCode, status, res.body)
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
  const body = res.json<Problem>()
  assert.equal(body.status, status)
  assert.equal(body.type, 'about:blank')
  assert.ok(typeof body.title === 'string' && body.title.length > 0, 'title')
  assert.ok(typeof body.detail === 'string' && body.detail.length > 0, 'detail')
  return body
}

/** Asserts a 400 whose errors[] names `path` with a message, and whose detail mentions it. */
export function assertFieldError (res: LightMyRequestResponse, path: string): Problem {
  const body = assertProblem(res, 400)
  assert.ok(Array.isArray(body.errors), `errors[] missing: ${res.body}`)
  const hit = body.errors.find((e) => e.path === path)
  assert.ok(hit !== undefined, `no error at ${path}: ${res.body}`)
  assert.ok(typeof hit.message === 'string' && hit.message.length > 0)
  assert.ok(body.detail.includes(path), `detail should mention ${path}: ${body.detail}`)
  return body
}

/** 401 from the token check: a problem document with `WWW-Authenticate: Bearer`. */
export function assertUnauthorized (res: LightMyRequestResponse): Problem {
  const body = assertProblem(res, 401)
  assert.equal(res.headers['www-authenticate'], 'Bearer')
  return body
}
