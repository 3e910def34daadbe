import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import {
  conditionalContext, entityTags, etagOf, matchesStrong, matchesWeak, type ConditionalContext
} from '../lib/conditional.js'
import { PreconditionFailedError } from '../lib/errors.js'
import { changes, type ChangeType } from '../projections/changes.js'

/**
 * Which resource's ETag a route answers with and honours: `param` names the path parameter
 * holding its id (a child route names its parent's); a create without one takes the id its write
 * recorded (or its Location, on a replay).
 */
export interface SyncRoute {
  type: ChangeType
  param?: string
  /** The handler sets the ETag itself, read with the body in one statement (GET /workouts/{id}). */
  selfTagged?: boolean
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Conditional requests (shared/API.md, Sync): ETag, If-None-Match on GET, If-Match on writes. */
    sync?: SyncRoute
  }
}

interface Conditional { etag?: string }
const state = new WeakMap<FastifyRequest, Conditional>()

const idOf = (request: FastifyRequest, sync: SyncRoute): string | undefined =>
  sync.param === undefined ? undefined : (request.params as Record<string, string>)[sync.param]

/** Before the handler: a 304 for a GET whose copy is current, a 412 for a stale If-Match, and the check to repeat. */
async function precondition (app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const sync = request.routeOptions.config.sync
  const id = sync === undefined ? undefined : idOf(request, sync)
  if (sync === undefined || id === undefined) return
  const read = request.method === 'GET' || request.method === 'HEAD'
  const ifMatch = request.headers['if-match']
  // A write without If-Match answers with the number it records, a self-tagged read with the number read
  // with its body: no lookup before either.
  if (!read && ifMatch === undefined) return
  if (read && sync.selfTagged === true && request.headers['if-none-match'] === undefined) return
  // Read before the answer is built, so an ETag is never newer than the body it goes with.
  const etag = await currentEtag(app, request.auth.userId, sync.type, id)
  state.set(request, { etag })
  if (read) {
    const ifNoneMatch = request.headers['if-none-match']
    if (ifNoneMatch !== undefined && matchesWeak(entityTags(ifNoneMatch), etag)) {
      await reply.code(304).header('etag', etag).send()
    }
    return
  }
  const tags = entityTags(ifMatch as string)
  // Cheap early answer; the write checks again under its lock (src/projections/changes.ts).
  if (etag !== undefined && !matchesStrong(tags, etag)) throw new PreconditionFailedError()
  const context = conditionalContext.getStore()
  if (context !== undefined) context.ifMatch = { type: sync.type, id, tags }
}

async function currentEtag (
  app: FastifyInstance,
  userId: string,
  type: ChangeType,
  id: string
): Promise<string | undefined> {
  const seq = await changes.seqOf(app.database.db, userId, type, id)
  return seq === undefined ? undefined : etagOf(seq)
}

/**
 * The ETag of a 2xx answer: what this request's write recorded, else what it read before the body, else (a
 * write that changed nothing: a replayed create) the current one.
 */
async function etagFor (
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  sync: SyncRoute
): Promise<string | undefined> {
  const recorded = conditionalContext.getStore()?.recorded
  const id = idOf(request, sync) ?? createdId(reply, recorded, sync.type)
  const key = `${sync.type}:${id ?? ''}`
  // A deleted resource has no ETag; a child's delete answers with its parent's new one.
  if (recorded?.has(key) === true) {
    const seq = recorded.get(key)
    return seq === undefined ? undefined : etagOf(seq)
  }
  if (state.has(request)) return state.get(request)?.etag
  return id === undefined ? undefined : await currentEtag(app, request.auth.userId, sync.type, id)
}

/** A create's id: the one resource of its type the write recorded, else the answer's Location. */
function createdId (
  reply: FastifyReply,
  recorded: Map<string, number | undefined> | undefined,
  type: string
): string | undefined {
  const mine = [...recorded?.keys() ?? []].filter((k) => k.startsWith(`${type}:`))
  if (mine.length === 1) return mine[0].slice(type.length + 1)
  const location = reply.getHeader('location')
  return typeof location === 'string' ? location.slice(location.lastIndexOf('/') + 1) : undefined
}

/**
 * Conditional requests for the routes that declare `config.sync`, and the per-request context
 * their writes record into. Registered in the /api/v1 scope after authentication.
 */
export default fp(async function conditional (app: FastifyInstance) {
  app.addHook('onRequest', (_request, _reply, done) => {
    const context: ConditionalContext = { recorded: new Map() }
    conditionalContext.run(context, done)
  })
  // Callback style: most API requests are not conditional, and pass through without a promise.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.routeOptions.config.sync === undefined) { done(); return }
    precondition(app, request, reply).then(() => { if (!reply.sent) done() }, done)
  })
  app.addHook('onSend', (request, reply, payload, done) => {
    const sync = request.routeOptions.config.sync
    const status = reply.statusCode
    if (sync === undefined || status < 200 || status >= 300 || reply.getHeader('etag') !== undefined) {
      done(null, payload)
      return
    }
    etagFor(app, request, reply, sync).then((etag) => {
      if (etag !== undefined) reply.header('etag', etag)
      done(null, payload)
    }, (error: Error) => { done(error) })
  })
}, { name: 'conditional', dependencies: ['database'] })
