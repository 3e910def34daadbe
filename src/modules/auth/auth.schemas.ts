import Type from 'typebox'
import { Body, Instant, Nullable, Uuid } from '../../lib/schemas.js'

// Surrounding spaces are allowed here because emails are trimmed before they are checked.
// `format: email` documents the field; the service checks it after trimming (src/plugins/validation.ts).
const Email = Type.String({
  format: 'email',
  minLength: 3,
  maxLength: 320,
  description: 'Trimmed and compared case-insensitively'
})
const Password = Type.String({ minLength: 8, maxLength: 128 })
const DisplayName = Type.String({ minLength: 1, maxLength: 100 })
export const UnitSystem = Type.Union([Type.Literal('metric'), Type.Literal('imperial')])

const TimeZone = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'IANA time zone name (e.g. Europe/Berlin): weeks and dates of statistics are in it'
})

export const User = Type.Object({
  id: Uuid,
  email: Type.String({ format: 'email' }),
  displayName: Nullable(Type.String()),
  unitSystem: UnitSystem,
  timeZone: TimeZone,
  createdAt: Instant
}, { $id: 'User' })

export const AuthResult = Type.Object({
  user: User,
  accessToken: Type.String({ description: 'HS256 JWT, sent as Authorization: Bearer <accessToken>' }),
  refreshToken: Type.String({ description: 'Opaque, single-use; exchange at POST /auth/refresh' }),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'Access token lifetime in seconds' })
}, { $id: 'AuthResult' })

export const RegisterBody = Body({ email: Email, password: Password, displayName: Type.Optional(DisplayName) })
export const LoginBody = Body({ email: Email, password: Type.String({ minLength: 1, maxLength: 1024 }) })
export const RefreshBody = Body({ refreshToken: Type.String({ minLength: 1, maxLength: 512 }) })
export const UpdateMeBody = Body({
  displayName: Type.Optional(Nullable(DisplayName)),
  unitSystem: Type.Optional(UnitSystem),
  timeZone: Type.Optional(TimeZone)
})
export const ChangePasswordBody = Body({
  currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  newPassword: Password
})
export const DeleteMeBody = Body({ password: Type.String({ minLength: 1, maxLength: 1024 }) })
// Their examples, like every body's, are in src/plugins/openapi-examples.ts.
export const PasswordResetBody = Body({ email: Email })
export const ConfirmPasswordResetBody = Body({
  token: Type.String({ minLength: 1, maxLength: 512, description: 'The `token` parameter of the mailed link' }),
  newPassword: Password
})
export const PasswordResetAccepted = Type.Object({
  message: Type.String({ description: 'The same whether or not an account has the email' })
})

export type UserDto = Type.Static<typeof User>
export type AuthResultDto = Type.Static<typeof AuthResult>
