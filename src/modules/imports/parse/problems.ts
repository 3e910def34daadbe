import type { LineProblem } from '../import.types.js'
import type { CsvFile, CsvRecord } from './csv.js'
import { checkNoNul, LineError } from './values.js'

export const UNCLOSED_QUOTE =
  'a quoted field that starts on this line is never closed: the rest of the file cannot be read'

/** The warnings and bad lines of one file, in the order they were found. */
export class Problems {
  readonly warnings: LineProblem[] = []
  readonly badLines: LineProblem[] = []

  warn (line: number, message: string): void {
    this.warnings.push({ line, message })
  }

  bad (line: number, message: string): void {
    this.badLines.push({ line, message })
  }

  /** Runs a row reader: a LineError makes the line a bad line; other errors are bugs and propagate. */
  readRow (line: number, read: () => void): void {
    try {
      read()
    } catch (error) {
      if (!(error instanceof LineError)) throw error
      this.bad(line, error.message)
    }
  }

  /** Reads every data record (and reports an unclosed quote); returns the records read, the `rows` of a ParsedFile. */
  readFile (file: CsvFile, readRecord: (record: CsvRecord) => void): number {
    const read = file.mayHoldNul
      ? (record: CsvRecord) => { checkNoNul(record.fields); readRecord(record) }
      : readRecord
    for (const record of file.records) this.readRow(record.line, () => read(record))
    if (file.unclosedQuoteLine === null) return file.records.length
    this.bad(file.unclosedQuoteLine, UNCLOSED_QUOTE)
    return file.records.length + 1
  }

  /** Lines are reported in file order whatever order the rules found them in. */
  sorted (): { warnings: LineProblem[], badLines: LineProblem[] } {
    const byLine = (a: LineProblem, b: LineProblem): number => a.line - b.line
    return { warnings: [...this.warnings].sort(byLine), badLines: [...this.badLines].sort(byLine) }
  }
}
