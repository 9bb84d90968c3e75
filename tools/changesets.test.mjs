// Every changeset must parse (front matter of package: bump lines), name a workspace package
// and a valid bump, so `changeset version` never fails at release time.
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import parse from '@changesets/parse'

const root = fileURLToPath(new URL('..', import.meta.url))
const dir = join(root, '.changeset')
const names = new Set(
  ['packages', 'apps'].flatMap((g) =>
    readdirSync(join(root, g))
      .filter((d) => existsSync(join(root, g, d, 'package.json')))
      .map((d) => JSON.parse(readFileSync(join(root, g, d, 'package.json'), 'utf8')).name),
  ),
)

test('every changeset parses and names workspace packages', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md')
  for (const file of files) {
    const parsed = parse(readFileSync(join(dir, file), 'utf8'))
    assert.ok(parsed.releases.length > 0, `${file}: names no package`)
    assert.ok(parsed.summary.trim().length > 0, `${file}: has no summary`)
    for (const r of parsed.releases) {
      assert.ok(names.has(r.name), `${file}: ${r.name} is not a workspace package`)
      assert.ok(['major', 'minor', 'patch', 'none'].includes(r.type), `${file}: bump ${r.type}`)
    }
  }
})
