import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { checkWorkspace } from './check-boundaries.mjs'

function workspace(projects) {
  const root = mkdtempSync(join(tmpdir(), 'rsp-boundaries-'))
  writeFileSync(join(root, 'nx.json'), '{}')
  for (const [dir, { deps = {}, source = 'export {}\n' }] of Object.entries(projects)) {
    const full = join(root, dir)
    mkdirSync(join(full, 'src'), { recursive: true })
    const name = `@redshift-playground/${dir.split('/').pop()}`
    writeFileSync(join(full, 'package.json'), JSON.stringify({ name, dependencies: deps }))
    writeFileSync(join(full, 'src', 'index.ts'), source)
  }
  return root
}

test('the real workspace follows the rules', () => {
  const root = fileURLToPath(new URL('..', import.meta.url))
  assert.deepEqual(checkWorkspace(root), [])
})

test('a package importing the CLI fails', () => {
  const root = workspace({
    'packages/schema': {},
    'packages/sharing': {
      deps: { '@redshift-playground/cli': '0.0.0' },
      source: "import { run } from '@redshift-playground/cli'\nexport { run }\n",
    },
    'apps/cli': { deps: { '@redshift-playground/sharing': '0.0.0' } },
  })
  try {
    const v = checkWorkspace(root)
    assert.ok(
      v.some((m) => m.includes('sharing: package.json depends on @redshift-playground/cli')),
      v.join('\n'),
    )
    assert.ok(
      v.some((m) =>
        m.includes('sharing: packages/sharing/src/index.ts imports @redshift-playground/cli'),
      ),
      v.join('\n'),
    )
    assert.ok(
      v.some((m) => m.startsWith('dependency cycle:')),
      v.join('\n'),
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})

test('an undeclared import of an allowed sibling fails', () => {
  const root = workspace({
    'packages/schema': {},
    'packages/datagen': { source: "export * from '@redshift-playground/schema'\n" },
  })
  try {
    assert.deepEqual(checkWorkspace(root), [
      'datagen: packages/datagen/src/index.ts imports @redshift-playground/schema without declaring it in package.json',
    ])
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})

test('redshift-data may not depend on schema', () => {
  const root = workspace({
    'packages/schema': {},
    'packages/redshift-data': { deps: { '@redshift-playground/schema': '0.0.0' } },
  })
  try {
    const v = checkWorkspace(root)
    assert.equal(v.length, 1)
    assert.match(v[0], /redshift-data: package.json depends on @redshift-playground\/schema/)
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})
