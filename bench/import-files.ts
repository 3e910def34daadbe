// The import benchmark's files: Strong and Hevy exports of a ten-year history (1,500 workouts of
// 8 exercises x 5 sets, 60,000 set rows each), written by the test suite's generator, and Strong
// files of shorter histories (the same shape, 150 workouts a year) for the export scenario.
//
//   npx tsx bench/import-files.ts <dir>     writes strong-10-years.csv and hevy-10-years.csv to <dir>
import { mkdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildHistory, strongFile, writeHistoryFiles } from '../test/helpers/import-files.js'

export interface HistoryFile { name: string, path: string, text: string, bytes: number, rows: number }

/** Physical lines of a CSV text minus its header (the generator's notes are single-line). */
const dataRows = (text: string): number => text.split('\n').filter((l) => l !== '').length - 1

function loaded (name: string, file: string): HistoryFile {
  const text = readFileSync(file, 'utf8')
  return { name, path: file, text, bytes: statSync(file).size, rows: dataRows(text) }
}

/** Writes the two ten-year files to `dir` (created if needed) and reads them back. */
export function historyFiles (dir: string): { strong: HistoryFile, hevy: HistoryFile } {
  mkdirSync(dir, { recursive: true })
  const written = writeHistoryFiles(dir)
  return { strong: loaded('strong-10-years.csv', written.strong), hevy: loaded('hevy-10-years.csv', written.hevy) }
}

/** A Strong export (classic 12 columns) of `years` years, as dense as the ten-year file. */
export function strongYears (years: number, seed = 7): { text: string, workouts: number, sets: number } {
  const model = buildHistory({
    workouts: Math.round(150 * years), everyDays: 2.43, exercisesPerWorkout: 8, setsPerExercise: 5, rpe: true, seed
  })
  const file = strongFile('classic-12', model)
  return { text: file.text, workouts: file.workouts, sets: file.sets }
}

function main (dir: string | undefined): void {
  if (dir === undefined) {
    console.error('usage: npx tsx bench/import-files.ts <dir>')
    process.exitCode = 2
    return
  }
  const t0 = performance.now()
  const files = historyFiles(path.resolve(dir))
  for (const f of [files.strong, files.hevy]) {
    console.log(`${f.path}: ${(f.bytes / 2 ** 20).toFixed(1)} MiB, ${f.rows} rows`)
  }
  console.log(`written in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv[2])
}
