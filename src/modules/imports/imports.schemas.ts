import Type, { type Static } from 'typebox'
import { Body, Instant, ListQuery, Nullable, Page, StringEnum, Uuid } from '../../lib/schemas.js'

/** The contract's Import and ExerciseMatch (shared/API.md, Import and export). */
const ro = { readOnly: true }
const Count = Type.Integer({ minimum: 0 })
const WeightUnit = StringEnum(['kg', 'lb'] as const)
const DistanceUnit = StringEnum(['km', 'mi'] as const)

export const ImportSourceSchema = StringEnum(['strong', 'hevy', 'fitnotes', 'spotter'] as const,
  'The app the file comes from; spotter: a GET /export document')

export const ExerciseMatchSchema = Type.Object({
  sourceName: Type.String({ description: 'The name as the file spells it' }),
  exerciseId: Nullable(Uuid),
  exerciseName: Nullable(Type.String()),
  tracking: Type.String({ description: 'The exercise\'s tracking (new_custom: inferred from the file\'s columns)' }),
  match: StringEnum(['library', 'custom', 'new_custom', 'chosen'] as const,
    'library/custom: found by name; new_custom: created at commit; chosen: set by PATCH'),
  sets: Type.Integer({ minimum: 0, description: 'Sets of it the commit will create' })
}, { $id: 'ExerciseMatch' })

export const LineWarningSchema = Type.Object({
  line: Type.Integer({ minimum: 1, description: 'Physical line of the file (1 is the header)' }),
  message: Type.String()
}, { $id: 'ImportWarning' })

export const ImportSchema = Type.Object({
  id: Type.String({ format: 'uuid', ...ro }),
  source: ImportSourceSchema,
  status: StringEnum(['preview', 'completed', 'undone'] as const),
  fileName: Nullable(Type.String()),
  weightUnit: WeightUnit,
  distanceUnit: DistanceUnit,
  timeZone: Type.String({ description: 'IANA time zone the file\'s local times were read in' }),
  counts: Type.Object({
    workouts: Count,
    duplicates: Count,
    exercises: Count,
    sets: Count,
    progressLogs: Count
  }, { description: 'What the commit will create (or created); duplicates: workouts already imported' }),
  exercises: Type.Array(ExerciseMatchSchema),
  warnings: Type.Array(LineWarningSchema),
  createdAt: Instant,
  committedAt: Nullable(Instant)
}, { $id: 'Import' })
export type ImportDto = Static<typeof ImportSchema>

export const ImportPage = Page(ImportSchema, 'ImportPage')

export const CreateImportQuery = Type.Object({
  source: ImportSourceSchema,
  weightUnit: Type.Optional(StringEnum(['kg', 'lb'] as const,
    'Unit of weights when the file does not name it (default kg)')),
  distanceUnit: Type.Optional(StringEnum(['km', 'mi'] as const,
    'Unit of distances when the file does not name it (default km)')),
  timeZone: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'IANA time zone of the file\'s local times (default: the user\'s timeZone)'
  })),
  fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'Shown back in the Import' })),
  skipBadLines: Type.Optional(Type.Boolean({
    description: 'Leave out lines that cannot be imported (each reported as a warning) instead of refusing the file'
  }))
})
export type CreateImportQueryInput = Static<typeof CreateImportQuery>

export const ListImportsQuery = Type.Object({ ...ListQuery })

export const PatchImportBody = Body({
  exercises: Type.Array(Body({
    sourceName: Type.String({ minLength: 1, maxLength: 200 }),
    exerciseId: Uuid
  }), { minItems: 1, maxItems: 1000 })
})
export type PatchImportInput = Static<typeof PatchImportBody>
