import type { UserDto } from '../auth/auth.schemas.js'
import {
  customExercisePages, goalPages, planPages, progressLogPages, workoutPages
} from './export.pages.js'
import type { ExportSink, ReadPage } from './export.stream.js'

/**
 * Each resource's JSON as its own GET answers it: the component's serializer (the route's own
 * response serializer for that shape), so the document holds exactly what those routes send.
 */
export interface Serializers {
  user: (value: unknown) => string
  exercise: (value: unknown) => string
  workout: (value: unknown) => string
  progressLog: (value: unknown) => string
  goal: (value: unknown) => string
  plan: (value: unknown) => string
}

/** The component each part of the document is serialized as (src/plugins/components.ts). */
export const PART_SCHEMAS: Record<keyof Serializers, { $ref: string }> = {
  user: { $ref: 'User#' },
  exercise: { $ref: 'Exercise#' },
  workout: { $ref: 'Workout#' },
  progressLog: { $ref: 'ProgressLog#' },
  goal: { $ref: 'ExportedGoal#' },
  plan: { $ref: 'Plan#' }
}

/** One array member of the document, written a page at a time. */
async function writeArray<T> (
  sink: ExportSink,
  name: string,
  pages: AsyncIterable<T[]>,
  serialize: (value: unknown) => string
): Promise<void> {
  await sink.write(`,${JSON.stringify(name)}:[`)
  let separator = ''
  for await (const page of pages) {
    await sink.write(separator + page.map(serialize).join(','))
    separator = ','
  }
  await sink.write(']')
}

/** The whole Spotter document (SpotterExport), member by member, in the order the contract lists them. */
export async function writeJsonExport (
  sink: ExportSink,
  read: ReadPage,
  user: UserDto,
  exportedAt: string,
  s: Serializers
): Promise<void> {
  await sink.write(`{"format":"spotter","version":1,"exportedAt":${JSON.stringify(exportedAt)},"user":${s.user(user)}`)
  await writeArray(sink, 'customExercises', customExercisePages(read, user.id), s.exercise)
  await writeArray(sink, 'workouts', workoutPages(read, user.id, 'desc'), s.workout)
  await writeArray(sink, 'progressLogs', progressLogPages(read, user.id), s.progressLog)
  await writeArray(sink, 'goals', goalPages(read, user.id), s.goal)
  await writeArray(sink, 'plans', planPages(read, user.id), s.plan)
  await sink.write('}')
}
