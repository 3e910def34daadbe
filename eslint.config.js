import neostandard from 'neostandard'

const restrict = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] }
})

export default [
  ...neostandard({ ts: true, ignores: ['dist/**', 'data/**', 'node_modules/**', 'bench/results/**', 'test-results/**', 'clients/typescript/schema.d.ts'] }),
  // The owner of derived state sits below the features: its imports never climb back up.
  restrict(['src/projections/**'], ['**/modules/**', '**/plugins/**', '**/app.js', '**/routes.js'],
    'src/projections depends on src/db, src/lib and src/rules only; features call it, never the reverse'),
  // Pure rules: no database, no features.
  restrict(['src/rules/**'], ['**/modules/**', '**/db/**', '**/lib/**', '**/projections/**', '**/plugins/**'],
    'src/rules holds pure rules: it imports nothing but other rules'),
  // Migrations are frozen in time: they never import application code.
  restrict(['src/db/migrations/0*.ts'], ['./*', '../*'], 'a migration imports no application code: freeze what it needs in the file'),
  // Lines in src stay under 120 characters (the style guide); URLs and regular expressions may run longer.
  {
    files: ['src/**'],
    rules: { '@stylistic/max-len': ['error', { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true }] }
  }
]
