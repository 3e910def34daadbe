import type { Kysely } from 'kysely'

// Word search: search_words holds every word an exercise is found by, each after a space, so
// `like '% word%'` matches words that start with it. Filled here for every existing row (custom
// and predefined) from the name; the library loader adds the predefined entries' aliases at start.
// Frozen: no application code, so the normaliser below is this migration's own copy.
const APOSTROPHES = /['’ʼ`]/g
const SEPARATOR = /[^\p{L}\p{N}]+/u

function searchWords (name: string): string {
  const found = new Set<string>()
  const folded = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(APOSTROPHES, '')
  for (const chunk of folded.split(/\s+/u)) {
    const parts = chunk.split(SEPARATOR).filter((w) => w !== '')
    for (const part of parts) found.add(part)
    if (parts.length > 1) found.add(parts.join(''))
  }
  return [...found].map((w) => ` ${w}`).join('')
}

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('exercises')
    .addColumn('search_words', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  const rows = await db.selectFrom('exercises').select(['id', 'name']).orderBy('id').execute() as
    Array<{ id: string, name: string }>
  for (const row of rows) {
    await db.updateTable('exercises').set({ search_words: searchWords(row.name) }).where('id', '=', row.id).execute()
  }
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('exercises').dropColumn('search_words').execute()
}
