import { parse, type CsvError } from 'csv-parse/sync'

/**
 * Reads a CSV export into records with their physical line numbers. csv-parse does the reading
 * (quotes, BOM, CRLF, fields spanning lines). Empty lines are kept as records so that every
 * record is one physical line plus the line breaks inside its quoted fields: a record's line is
 * then 1 + the lines of the records before it. (csv-parse's own `info.lines` counts a CRLF inside
 * a quoted field twice, and its per-record info objects cost a third of the parse.)
 */

export type Delimiter = ',' | ';' | '\t'

export interface CsvRecord {
  line: number
  fields: string[]
}

export interface CsvFile {
  delimiter: Delimiter
  header: CsvRecord | null
  /** Data records after the header; blank lines and records of empty fields left out. */
  records: CsvRecord[]
  /** False when the file holds no NUL byte, so rows need not be searched for one. */
  mayHoldNul: boolean
  /** The physical line of a quote that is never closed: the rest of the file from there is unreadable. */
  unclosedQuoteLine: number | null
}

const DELIMITERS: Delimiter[] = [',', ';', '\t']

/** UTF-16 exports (Excel's "Unicode text") are turned into UTF-8; everything else is read as UTF-8. */
export function toUtf8 (body: Buffer | string): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8')
  if (body[0] === 0xff && body[1] === 0xfe) return Buffer.from(body.subarray(2).toString('utf16le'), 'utf8')
  if (body[0] === 0xfe && body[1] === 0xff) {
    const swapped = Buffer.from(body.subarray(2))
    swapped.swap16()
    return Buffer.from(swapped.toString('utf16le'), 'utf8')
  }
  return body
}

const isBlank = (fields: string[]): boolean => fields.every((field) => field.trim() === '')

/** The header line's delimiter: whichever of `,` `;` tab splits it into the most fields. */
function detectDelimiter (bytes: Buffer): Delimiter {
  let best: Delimiter = ','
  let bestCount = 0
  for (const delimiter of DELIMITERS) {
    const count = firstRecordWidth(bytes, delimiter)
    if (count > bestCount) {
      best = delimiter
      bestCount = count
    }
  }
  return best
}

function firstRecordWidth (bytes: Buffer, delimiter: Delimiter): number {
  try {
    const first = parse(bytes, { bom: true, delimiter, relax_quotes: true, relax_column_count: true, to_line: 1 })
    return first[0]?.length ?? 0
  } catch {
    return 0
  }
}

const isQuoteNotClosed = (error: unknown): boolean => (error as CsvError | undefined)?.code === 'CSV_QUOTE_NOT_CLOSED'

/** Line breaks inside a record's fields (CRLF counts once; a lone CR, as old Mac files end lines, once too). */
function breaksInside (fields: string[]): number {
  let breaks = 0
  for (const field of fields) {
    if (field.length === 0 || (!field.includes('\n') && !field.includes('\r'))) continue
    breaks += field.match(/\r\n|\r|\n/g)?.length ?? 0
  }
  return breaks
}

const OPTIONS = { bom: true, relax_quotes: true, relax_column_count: true } as const

/**
 * All records; after a quote that is never closed, the records before it (read again with a
 * per-record callback, which csv-parse makes slow, so only on that rare path).
 */
function parseRecords (bytes: Buffer, delimiter: Delimiter): { raw: string[][], unclosed: boolean } {
  try {
    return { raw: parse(bytes, { ...OPTIONS, delimiter }), unclosed: false }
  } catch (error) {
    if (!isQuoteNotClosed(error)) throw error
  }
  const raw: string[][] = []
  try {
    parse(bytes, { ...OPTIONS, delimiter, on_record: (fields: string[]) => { raw.push(fields); return null } })
  } catch (error) {
    if (!isQuoteNotClosed(error)) throw error
  }
  return { raw, unclosed: true }
}

export function readCsv (body: Buffer | string): CsvFile {
  const bytes = toUtf8(body)
  const delimiter = detectDelimiter(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)))
  const { raw, unclosed } = parseRecords(bytes, delimiter)
  const all: CsvRecord[] = []
  let line = 1
  for (const fields of raw) {
    if (!isBlank(fields)) all.push({ line, fields })
    line += 1 + breaksInside(fields)
  }
  const [header, ...records] = all
  const unclosedQuoteLine = unclosed ? line : null
  return { delimiter, header: header ?? null, records, mayHoldNul: bytes.includes(0), unclosedQuoteLine }
}
