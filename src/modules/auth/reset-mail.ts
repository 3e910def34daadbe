import type { FastifyBaseLogger } from 'fastify'
import nodemailer from 'nodemailer'
import type { MailConfig } from '../../config.js'

/** How reset links reach their owner: SMTP, the development log, or (production without SMTP) not at all. */
export interface ResetMail {
  /** False in production without SMTP_URL: the reset routes answer 503 rather than lose the link. */
  readonly available: boolean
  send: (to: string, token: string) => Promise<void>
  close: () => void
}

export const resetLink = (appUrl: string, token: string): string => `${appUrl}/reset-password?token=${token}`

const SUBJECT = 'Reset your Spotter password'
const text = (link: string): string => [
  'Someone (hopefully you) asked to reset the password of the Spotter account with this email address.',
  '',
  'Choose a new password within 30 minutes here:',
  link,
  '',
  'The link works once, and only the newest one you asked for. Every device is signed out when you use it.',
  'If you did not ask for it, ignore this mail: your password stays as it is.'
].join('\n')

/** Created once per app; `close` ends the SMTP transport on app close. */
export function createResetMail (config: MailConfig, production: boolean, log: FastifyBaseLogger): ResetMail {
  const { smtpUrl, from, appUrl } = config
  if (smtpUrl === undefined) {
    return {
      available: !production,
      send: async (to, token) => {
        log.info({ to, link: resetLink(appUrl, token) }, 'password reset link (no SMTP_URL: logged, not mailed)')
      },
      close: () => {}
    }
  }
  // Bounded waits: sending runs after the answer, and app close waits for it (password-reset.service.ts).
  const transport = nodemailer.createTransport(
    { url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
    { from }
  )
  return {
    available: true,
    send: async (to, token) => {
      await transport.sendMail({ to, subject: SUBJECT, text: text(resetLink(appUrl, token)) })
    },
    close: () => { transport.close() }
  }
}
