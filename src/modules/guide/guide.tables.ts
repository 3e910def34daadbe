export interface GuideStatesTable {
  /** One row per guided workout; made with a plan start, or on the first guide write of a free workout. */
  workout_id: string
  user_id: string
  /** While now < rest_ends_at the guide is resting; a past value means the rest is over (no timer needed). */
  rest_ends_at: string | null
  /** JSON text array of the set ids skipped through the guide (they stay completed: false in the workout). */
  skipped_set_ids: string
  /** Incremented by every guide write; part of the SSE event id. */
  version: number
  updated_at: string
}

export interface GuideTicketsTable {
  /** SHA-256 (base64url) of the ticket: the ticket itself is never stored. */
  token_hash: string
  user_id: string
  workout_id: string
  session_id: string
  expires_at: string
  used_at: string | null
  created_at: string
}

export interface GuideTables {
  guide_states: GuideStatesTable
  guide_tickets: GuideTicketsTable
}
