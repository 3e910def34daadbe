/** Event bus channels (see lib/event-bus.ts). Payloads are JSON text. */
export const CHANNELS = {
  /** Payload: { workoutId, userId }. Published after any committed change to a workout, its exercises or sets. */
  workoutChanged: 'spotter_workout_changed',
  /**
   * Payload: { workoutId, userId }. Published after a committed change to a guide's own state (skips, rest) that
   * touched no set.
   */
  guideChanged: 'spotter_guide_changed',
  /** Payload: { sessionIds?, userId? }. Published after logout, refresh reuse, password change or account deletion. */
  sessionRevoked: 'spotter_session_revoked'
} as const
