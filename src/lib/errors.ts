/**
 * The few error classes the application throws. One handler (plugins/error-handler.ts) turns
 * them into RFC 9457 problem documents; routes and services never build error bodies.
 */
export interface FieldError { path: string, message: string }

export class HttpProblem extends Error {
  readonly status: number
  readonly title: string
  readonly errors: FieldError[] | undefined
  readonly headers: Record<string, string>
  /** Extra members of the problem document (RFC 9457 extensions), e.g. /ready's `checks`. */
  readonly extensions: Record<string, unknown>

  constructor (
    status: number,
    title: string,
    detail: string,
    options: { errors?: FieldError[], headers?: Record<string, string>, extensions?: Record<string, unknown> } = {}
  ) {
    super(detail)
    this.status = status
    this.title = title
    this.errors = options.errors
    this.headers = options.headers ?? {}
    this.extensions = options.extensions ?? {}
  }
}

export class BadRequestError extends HttpProblem {
  /** `path` is a JSON pointer into the body ("/sets/0/reps"), as in schema errors. */
  constructor (detail: string, errors?: FieldError[]) {
    super(400, 'Bad Request', detail, { errors })
  }

  static field (path: string, message: string): BadRequestError {
    return new BadRequestError(`${path} ${message}`, [{ path, message }])
  }
}

export class UnauthorizedError extends HttpProblem {
  constructor (detail = 'Missing, invalid or expired access token') {
    super(401, 'Unauthorized', detail, { headers: { 'www-authenticate': 'Bearer' } })
  }
}

export class ForbiddenError extends HttpProblem {
  constructor (detail: string) { super(403, 'Forbidden', detail) }
}

export class NotFoundError extends HttpProblem {
  constructor (what = 'Resource') { super(404, 'Not Found', `${what} not found`) }
}

export class ConflictError extends HttpProblem {
  constructor (detail: string) { super(409, 'Conflict', detail) }
}

export class TooManyRequestsError extends HttpProblem {
  constructor (detail: string, retryAfterSec: number) {
    super(429, 'Too Many Requests', detail, {
      headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSec))) }
    })
  }
}

export class UnsupportedMediaTypeError extends HttpProblem {
  constructor (detail: string) { super(415, 'Unsupported Media Type', detail) }
}

/** Seconds a client waits before retrying a 503: database outages and restarts are short. */
export const RETRY_AFTER_SEC = 5

/** 503 with Retry-After: the database is unavailable or the server is shutting down (clients retry). */
export class ServiceUnavailableError extends HttpProblem {
  constructor (
    detail: string,
    options: { retryAfterSec?: number, headers?: Record<string, string>, extensions?: Record<string, unknown> } = {}
  ) {
    super(503, 'Service Unavailable', detail, {
      headers: {
        'retry-after': String(Math.max(1, Math.ceil(options.retryAfterSec ?? RETRY_AFTER_SEC))),
        ...options.headers
      },
      extensions: options.extensions
    })
  }
}

/** A conditional request's precondition failed (a stale `If-Match`): nothing was changed. */
export class PreconditionFailedError extends HttpProblem {
  constructor (detail = 'The resource changed since the ETag in If-Match: fetch it again and re-apply the change') {
    super(412, 'Precondition Failed', detail)
  }
}

/** A sync cursor that is well-formed but not usable any more (expired, or not issued to this user). */
export class GoneError extends HttpProblem {
  constructor (detail: string) { super(410, 'Gone', detail) }
}
