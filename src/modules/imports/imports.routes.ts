import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { UnsupportedMediaTypeError } from '../../lib/errors.js'
import { IdParams } from '../../lib/schemas.js'
import {
  CreateImportQuery, ImportPage, ImportSchema, ListImportsQuery, PatchImportBody
} from './imports.schemas.js'
import { ImportsService } from './imports.service.js'

const tags = ['imports']
const conflict = { $ref: 'Problem#' }
/** The contract's upload limit for a file. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024

// The file exactly as the other app exported it; a Spotter export is the JSON of GET /export.
const ImportFile = {
  content: {
    'text/csv': {
      schema: Type.String({ description: 'A Strong, Hevy or FitNotes CSV export, as the app wrote it (UTF-8)' })
    },
    'application/json': {
      schema: Type.Object({}, { description: 'A GET /export document (source=spotter)', additionalProperties: true })
    }
  }
}

/** CSV is text in UTF-8 (a BOM is fine); any other declared charset is refused rather than misread. */
function csvCharsetOk (contentType: string | undefined): boolean {
  const charset = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType ?? '')?.[2]
  return charset === undefined || charset.toLowerCase() === 'utf-8'
}

const importsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = new ImportsService(app.database.db)

  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: MAX_IMPORT_BYTES }, (request, body, done) => {
    if (!csvCharsetOk(request.headers['content-type'])) {
      done(new UnsupportedMediaTypeError('CSV files must be UTF-8 (charset=utf-8 or none)'))
      return
    }
    done(null, body)
  })

  app.post('/imports', {
    bodyLimit: MAX_IMPORT_BYTES,
    schema: {
      operationId: 'createImport',
      tags,
      summary: 'Upload a file from Strong, Hevy, FitNotes or a Spotter export: a preview, nothing written yet',
      querystring: CreateImportQuery,
      body: ImportFile,
      response: { 201: ImportSchema }
    }
  }, async (request, reply) => {
    const json = typeof request.body !== 'string'
    if (json !== (request.query.source === 'spotter')) {
      throw new UnsupportedMediaTypeError(request.query.source === 'spotter'
        ? 'source=spotter takes the JSON of GET /export (application/json)'
        : `source=${request.query.source} takes the app's CSV export (text/csv)`)
    }
    const created = await service.create(request.auth.userId, request.query, request.body)
    return await reply.code(201).header('location', `/api/v1/imports/${created.id}`).send(created)
  })

  app.get('/imports', {
    schema: {
      operationId: 'listImports',
      tags,
      summary: 'The caller\'s imports, newest first (previews for a day)',
      querystring: ListImportsQuery,
      response: { 200: ImportPage }
    }
  }, async (request) => await service.list(request.auth.userId, request.query))

  app.get('/imports/:id', {
    schema: { operationId: 'getImport', tags, summary: 'One import', params: IdParams, response: { 200: ImportSchema } }
  }, async (request) => await service.get(request.auth.userId, request.params.id))

  app.patch('/imports/:id', {
    schema: {
      operationId: 'updateImport',
      tags,
      summary: 'Choose the exercise for names of a preview (their match becomes chosen)',
      params: IdParams,
      body: PatchImportBody,
      response: { 200: ImportSchema, 409: conflict }
    }
  }, async (request) => await service.patch(request.auth.userId, request.params.id, request.body))

  app.post('/imports/:id/commit', {
    schema: {
      operationId: 'commitImport',
      tags,
      summary: 'Write a preview in one transaction; statistics, records and goals reflect it at once',
      params: IdParams,
      response: { 200: ImportSchema, 409: conflict }
    }
  }, async (request) => await service.commit(request.auth.userId, request.params.id))

  app.delete('/imports/:id', {
    schema: {
      operationId: 'deleteImport',
      tags,
      summary: 'Discard a preview, or undo a completed import (what you changed since is kept)',
      params: IdParams,
      response: { 204: Type.Null() }
    }
  }, async (request, reply) => {
    await service.remove(request.auth.userId, request.params.id)
    return await reply.code(204).send(null)
  })
}

export default importsRoutes
