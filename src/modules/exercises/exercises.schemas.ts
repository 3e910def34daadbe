import Type, { type Static } from 'typebox'
import { Body, ClientId, Instant, ListQuery, Name, Page, Uuid, UuidOf } from '../../lib/schemas.js'
import { CATEGORIES, EQUIPMENT, FORCES, LEVELS, MECHANICS, MUSCLES, TRACKING } from './exercises.vocabulary.js'

/** A closed vocabulary as a plain string enum: one readable OpenAPI enum and one error message. */
const OneOf = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description === undefined ? {} : { description }) })

const Category = OneOf(CATEGORIES)
const Muscle = OneOf(MUSCLES)
const EquipmentItem = OneOf(EQUIPMENT)
const Level = OneOf(LEVELS)
// Nullable() alone is not enough for an enum: null must also be one of the enum's values.
const NullableOneOf = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T | null>({ type: ['string', 'null'], enum: [...values, null] })
const Mechanic = NullableOneOf(MECHANICS)
const Force = NullableOneOf(FORCES)
const Tracking = OneOf(
  TRACKING,
  'What a set records: weight_reps, reps (optional added weight), duration, distance_duration'
)

/** The editable fields, with the bounds that apply to custom exercises and to the library alike. */
const Fields = {
  name: Name,
  description: Type.String({ maxLength: 2000 }),
  instructions: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 20 }),
  category: Category,
  primaryMuscles: Type.Array(Muscle, { minItems: 1, maxItems: 5, uniqueItems: true }),
  secondaryMuscles: Type.Array(Muscle, { maxItems: 10, uniqueItems: true }),
  equipment: Type.Array(EquipmentItem, { minItems: 1, maxItems: EQUIPMENT.length, uniqueItems: true }),
  level: Level,
  mechanic: Mechanic,
  force: Force,
  tracking: Tracking
}

export const Exercise = Type.Object({
  id: Uuid,
  ...Fields,
  isCustom: Type.Boolean({ readOnly: true }),
  archived: Type.Boolean({
    readOnly: true,
    description: 'A deleted custom exercise: gone from lists, still readable by id'
  }),
  createdAt: Instant,
  updatedAt: Instant
}, { $id: 'Exercise' })

export const ExercisePage = Page(Exercise, 'ExercisePage')
export const ExerciseItems = Type.Object({ items: Type.Array(Exercise) }, { $id: 'ExerciseList' })

export const CreateExerciseBody = Body({
  id: ClientId,
  name: Fields.name,
  description: Type.Optional(Fields.description),
  instructions: Type.Optional(Fields.instructions),
  category: Fields.category,
  primaryMuscles: Fields.primaryMuscles,
  secondaryMuscles: Type.Optional(Fields.secondaryMuscles),
  equipment: Fields.equipment,
  level: Fields.level,
  mechanic: Type.Optional(Fields.mechanic),
  force: Type.Optional(Fields.force),
  tracking: Fields.tracking
})

export const UpdateExerciseBody = Body({
  name: Type.Optional(Fields.name),
  description: Type.Optional(Fields.description),
  instructions: Type.Optional(Fields.instructions),
  category: Type.Optional(Fields.category),
  primaryMuscles: Type.Optional(Fields.primaryMuscles),
  secondaryMuscles: Type.Optional(Fields.secondaryMuscles),
  equipment: Type.Optional(Fields.equipment),
  level: Type.Optional(Fields.level),
  mechanic: Type.Optional(Fields.mechanic),
  force: Type.Optional(Fields.force),
  tracking: Type.Optional(Fields.tracking)
})

/** One entry of library/exercises.json: every field given, the id fixed forever. */
/** A library file entry; `aliases` are other names it is known and found by (not part of the API's Exercise). */
export const LibraryEntry = Type.Object({
  id: Uuid,
  ...Fields,
  aliases: Type.Optional(Type.Array(Name, { maxItems: 10, uniqueItems: true }))
}, { additionalProperties: false })

// Query values arrive as text; "?muscle=chest&muscle=lats" and "?muscle=chest" both become arrays.
const AnyOf = <T extends string>(item: ReturnType<typeof OneOf<T>>, description: string) =>
  Type.Optional(Type.Array(item, { minItems: 1, maxItems: 20, description }))

export const ListExercisesQuery = Type.Object({
  q: Type.Optional(Type.String({
    maxLength: 200,
    description: 'Words that each start a word of the name or of a known alias, in any order; case, accents ' +
      'and punctuation are ignored. Best match first.'
  })),
  category: AnyOf(Category, 'One or more categories (any of them)'),
  muscle: AnyOf(Muscle, 'One or more muscles, primary or secondary (any of them)'),
  equipment: AnyOf(EquipmentItem, 'One or more equipment values (any of them)'),
  level: AnyOf(Level, 'One or more levels (any of them)'),
  tracking: AnyOf(Tracking, 'One or more tracking kinds (any of them)'),
  custom: Type.Optional(Type.Boolean({
    description: 'true: only your custom exercises; false: only the predefined library'
  })),
  ...ListQuery
})

export const AlternativesQuery = Type.Object({
  equipment: AnyOf(EquipmentItem, 'Equipment at hand: only alternatives whose equipment all lies within this set'),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'At most this many (1–50)' }))
})

export const ExerciseParams = Type.Object({ id: UuidOf('The exercise: a library one, or your own custom one') })

export const Vocabulary = Type.Object({
  categories: Type.Array(Type.String()),
  muscles: Type.Array(Type.String()),
  equipment: Type.Array(Type.String()),
  levels: Type.Array(Type.String()),
  mechanics: Type.Array(Type.String()),
  forces: Type.Array(Type.String()),
  tracking: Type.Array(Type.String())
}, { $id: 'ExerciseVocabulary' })

export type ExerciseDto = Static<typeof Exercise>
export type CreateExerciseInput = Static<typeof CreateExerciseBody>
export type UpdateExerciseInput = Static<typeof UpdateExerciseBody>
export type ListExercisesInput = Static<typeof ListExercisesQuery>
export type LibraryEntryInput = Static<typeof LibraryEntry>
