import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import Type from 'typebox'
import type { Db } from '../../db/schema.js'
import { NotFoundError } from '../../lib/errors.js'
import { localDate } from '../../rules/calendar.js'
import type { UserDto } from '../auth/auth.schemas.js'
import { toUser, usersRepository } from '../auth/users.repository.js'
import { writeCsvExport } from './export.csv.js'
import { PART_SCHEMAS, writeJsonExport, type Serializers } from './export.json.js'
import { ExportQuery, SpotterExport } from './export.schemas.js'
import { ExportStreams, withReader, type ExportLimits } from './export.stream.js'

const tags = ['imports']
const problem = { $ref: 'Problem#' }
const DESCRIPTION =
  'Streamed as it is read (Content-Disposition: attachment; filename="spotter-export-YYYY-MM-DD.json" or .csv, ' +
  'the date in your time zone). format=json (default): the SpotterExport document, every resource as its own GET ' +
  'answers it; POST /imports?source=spotter reads it back. format=csv: one row per completed set in Strong\'s ' +
  'classic 12 columns (Date in your time zone, weights in kg, distances in km). A download that fails midway ' +
  'is cut off (never a complete-looking file). 429 while too many exports are running.'

// Each export may hold a pooled connection while its client downloads (PostgreSQL): few at a time.
const LIMITS: ExportLimits = { maxTotal: 4, maxPerUser: 2, graceMs: 3000 }
const MEDIA = { json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8' }

const serializersOf = (reply: FastifyReply): Serializers => Object.fromEntries(
  Object.entries(PART_SCHEMAS).map(([part, schema]) => [part, reply.compileSerializationSchema(schema)])
) as unknown as Serializers

async function loadUser (db: Db, userId: string): Promise<UserDto> {
  const row = await usersRepository.findById(db, userId)
  if (row === undefined) throw new NotFoundError('User')
  return toUser(row)
}

/** GET /export: the caller's whole account, as the Spotter document or as a Strong-style CSV. */
const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db
  const streams = new ExportStreams(LIMITS)
  // Streamed replies count as in flight for the drain: end them first so app.close() never waits on a client.
  app.addHook('preClose', async () => { await streams.closeAll() })

  app.get('/export', {
    schema: {
      operationId: 'exportData',
      tags,
      summary: 'Download everything of your account: a Spotter JSON document, or one CSV row per set',
      description: DESCRIPTION,
      querystring: ExportQuery,
      response: {
        200: {
          description: 'The export, as an attachment',
          content: {
            'application/json': { schema: SpotterExport },
            'text/csv': { schema: Type.String({ description: 'Strong\'s classic 12-column CSV, with a header' }) }
          }
        },
        429: problem
      }
    }
  }, async (request, reply) => {
    const { userId } = request.auth
    const format = request.query.format ?? 'json'
    const exportedAt = new Date().toISOString()
    const serializers = format === 'json' ? serializersOf(reply) : undefined
    let user: UserDto | undefined
    const { stream, ready } = streams.open(userId, async (sink) => await withReader(db, async (read) => {
      // Read in the export's snapshot, before anything is written: a failure here is still a problem answer.
      user = await read(async (trx) => await loadUser(trx, userId))
      if (serializers === undefined) await writeCsvExport(sink, read, userId, user.timeZone)
      else await writeJsonExport(sink, read, user, exportedAt, serializers)
    }), (err) => { request.log.error({ err }, 'export failed while streaming') })
    await ready
    const day = localDate(Date.parse(exportedAt), (user as UserDto).timeZone)
    return await reply
      .type(MEDIA[format])
      .header('content-disposition', `attachment; filename="spotter-export-${day}.${format}"`)
      .send(stream)
  })
}

export default exportRoutes
