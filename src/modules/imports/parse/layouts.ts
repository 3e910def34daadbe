import { BadRequestError } from '../../../lib/errors.js'
import type { CsvFile, CsvRecord } from './csv.js'

/**
 * Choosing a file's layout. Exports are translated (a Chinese Strong export has a Chinese header),
 * so a layout is chosen by the header's column count and then by the shape of the first data rows
 * (which column holds dates, set markers, numbers), with the English header names as a tie-break
 * and as a second way in for files without data rows.
 */

export interface Layout<Role extends string> {
  id: string
  /** The English header, for matching and for error messages. */
  header: string[]
  roles: Role[]
}

export type CellCheck = (cell: string) => boolean

const SAMPLE_ROWS = 20
const DATE_START = /^\s*\d{4}[-/]\d{1,2}[-/]\d{1,2}/
const PLAIN_NUMBER = /^\s*[+-]?\d+(?:[.,]\d+)?\s*$/

export const normalizeHeader = (cell: string): string => cell.trim().toLowerCase()

/** The first line of a file without a header is a data row: it holds a date or a bare number. */
export function checkHasHeader (file: CsvFile, expected: string): CsvRecord {
  const header = file.header
  if (header === null) {
    throw BadRequestError.field('/line/1', `the file is empty: expected a header line such as ${expected}`)
  }
  if (header.fields.some((cell) => DATE_START.test(cell) || PLAIN_NUMBER.test(cell))) {
    throw BadRequestError.field(
      '/line/1',
      `the file has no header line (line 1 is a data row): expected a header line such as ${expected}`
    )
  }
  return header
}

const headerScore = (layout: Layout<string>, header: string[]): number =>
  layout.header.filter((name, i) => normalizeHeader(name) === normalizeHeader(header[i] ?? '')).length

function fitScore<Role extends string> (
  layout: Layout<Role>,
  records: CsvRecord[],
  checks: Partial<Record<Role, CellCheck>>
): { fit: number, sampled: number } {
  const sample = records.filter((record) => record.fields.length === layout.roles.length).slice(0, SAMPLE_ROWS)
  const fits = (record: CsvRecord): boolean =>
    layout.roles.every((role, i) => checks[role]?.(record.fields[i]) ?? true)
  return { fit: sample.filter(fits).length, sampled: sample.length }
}

/**
 * The layout among `layouts` that fits the file, or a 400 on line 1. A layout is taken when most
 * sampled data rows fit it, or when most of its English header names are where the file has them.
 */
export function chooseLayout<Role extends string> (
  header: CsvRecord,
  records: CsvRecord[],
  layouts: Array<Layout<Role>>,
  checks: Partial<Record<Role, CellCheck>>,
  expected: string
): Layout<Role> {
  const width = header.fields.length
  const scored = layouts
    .filter((layout) => layout.roles.length === width)
    .map((layout) => ({ layout, named: headerScore(layout, header.fields), ...fitScore(layout, records, checks) }))
    .filter(({ layout, named, fit, sampled }) => named * 2 >= width || (sampled > 0 && fit * 2 >= sampled))
    .sort((a, b) => b.fit - a.fit || b.named - a.named)
  const best = scored[0]
  if (best === undefined) {
    throw BadRequestError.field('/line/1', `the header (${width} columns) is not recognised: expected ${expected}`)
  }
  return best.layout
}

/** Each role's column in a layout (-1 when the layout lacks it). */
export function columnsOf<Role extends string> (layout: Layout<Role>, roles: readonly Role[]): Record<Role, number> {
  return Object.fromEntries(roles.map((role) => [role, layout.roles.indexOf(role)])) as Record<Role, number>
}
