import Type from 'typebox'
import { FieldErrorSchema } from '../../lib/schemas.js'

const Checks = Type.Object({
  database: Type.String({ description: '`ok`, or `down: <reason>` (e.g. "down: schema missing")' })
}, { description: 'Each dependency\'s state' })

// Named components (src/plugins/components.ts), so clients get them by name.
export const Health = Type.Object({ status: Type.Literal('ok') }, { $id: 'Health', description: 'The process answers' })

export const Readiness = Type.Object({ status: Type.Literal('ok'), checks: Checks }, {
  $id: 'Readiness',
  description: 'The database can serve reads and writes'
})

// The problem document with the `checks` extension, which the bare Problem schema would drop.
export const ReadinessProblem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(FieldErrorSchema)),
  checks: Type.Optional(Checks)
}, { $id: 'ReadinessProblem', description: 'RFC 9457 problem document with the state of each dependency' })
