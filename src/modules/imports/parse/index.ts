import type { ParsedFile, ParseOptions } from '../import.types.js'
import { readCsv } from './csv.js'
import { parseFitNotes } from './fitnotes.js'
import { parseHevy } from './hevy.js'
import { parseStrong } from './strong.js'

/**
 * The CSV importers: a file exactly as Strong, Hevy or FitNotes exported it, read into plain
 * workouts (or, for FitNotes' body tracker, progress logs) in SI units and UTC instants, with the
 * lines that could not be read as badLines and the odd ones as warnings (physical line numbers,
 * the header being line 1). A file that is not that source's export (an unknown header, no header
 * line) throws a 400 on `/line/1`.
 */
export type CsvSource = 'strong' | 'hevy' | 'fitnotes'

const PARSERS = { strong: parseStrong, hevy: parseHevy, fitnotes: parseFitNotes }

export function parseImport (source: CsvSource, body: Buffer | string, options: ParseOptions): ParsedFile {
  return PARSERS[source](readCsv(body), options)
}

export { metricOf } from './body-tracker.js'
export { parseDuration } from './durations.js'
export { wallTimeToInstant } from './local-time.js'
