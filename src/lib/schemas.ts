import Type, { type Static, type TObjectOptions, type TSchema, type TProperties } from 'typebox'

/**
 * Schema building blocks shared by every feature, so each rule (id format, instant format,
 * list shape, problem shape) is written once.
 */

/** A request body object: unknown fields are a 400, never silently dropped. `options` adds e.g. examples. */
export const Body = <T extends TProperties>(properties: T, options: TObjectOptions = {}) =>
  Type.Object(properties, { ...options, additionalProperties: false })

/**
 * Allows null. Prefers `type: [X, 'null']` over anyOf (simpler OpenAPI, faster serializer), and
 * keeps enums and unions valid by adding null to them too.
 */
export function Nullable<T extends TSchema> (schema: T) {
  const { type, enum: values, anyOf, ...rest } = schema as unknown as {
    type?: string
    enum?: unknown[]
    anyOf?: unknown[]
  }
  if (anyOf !== undefined) return Type.Unsafe<Static<T> | null>({ ...rest, anyOf: [...anyOf, { type: 'null' }] })
  // A named component (`$id`) stays whole, so it is still referenced as itself.
  if (typeof type !== 'string' || '$id' in schema) {
    return Type.Unsafe<Static<T> | null>({ anyOf: [schema, { type: 'null' }] })
  }
  return Type.Unsafe<Static<T> | null>({
    ...rest,
    type: [type, 'null'],
    ...(values !== undefined ? { enum: [...values, null] } : {})
  })
}

/** A closed vocabulary as a plain string enum: one readable OpenAPI enum and one error message. */
export const StringEnum = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description === undefined ? {} : { description }) })

export const Uuid = Type.String({ format: 'uuid', description: 'UUID; server-made ids are UUIDv7' })
export const Instant = Type.String({
  format: 'date-time',
  description: 'ISO 8601 instant; answered in UTC with milliseconds'
})
export const CalendarDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' })
export const Name = Type.String({ minLength: 1, maxLength: 200 })
export const Notes = Type.String({ maxLength: 4000 })
/** Optional client-made id on every create (offline sync): a replay answers 200 with the stored resource. */
export const ClientId = Type.Optional(Type.String({
  format: 'uuid',
  description: 'Client-made id; replaying the same create answers 200 and creates nothing'
}))

/** A UUID path or query parameter; `description` says what it identifies (documented on the parameter). */
export const UuidOf = (description: string) => Type.String({ format: 'uuid', description })

export const IdParams = Type.Object({ id: Uuid })

export const ListQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Items per page (1–100)' })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 512, description: 'Opaque cursor from nextCursor' }))
}

/** A page of a list; `$id` names it as an OpenAPI component (src/plugins/components.ts). */
export const Page = <T extends TSchema>(item: T, $id?: string) => Type.Object({
  items: Type.Array(item),
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null on the last page' }))
}, $id === undefined ? {} : { $id })

export const FieldErrorSchema = Type.Object({ path: Type.String(), message: Type.String() })

export const ProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.Optional(Type.String()),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(FieldErrorSchema))
}, { $id: 'Problem', description: 'RFC 9457 problem document (application/problem+json)' })
