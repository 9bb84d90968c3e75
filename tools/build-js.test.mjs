// tools/build-js.mjs, the quick JavaScript-only build behind `npm run demo`: its reading of
// the workspace and of build scripts, and a build of a small workspace made here (a package
// with a `import x = require()`, a source map, a test file tsc would not compile, and a second
// build step), run twice to see that up-to-date files are left alone.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { pathToFileURL } from 'node:url'
import { buildJs, buildSteps, runtimeClosure, workspacePackages } from './build-js.mjs'

test('reads a build script into tsc stand-ins and other commands', () => {
  assert.deepEqual(buildSteps('tsc -p tsconfig.build.json && node scripts/bundle.mjs'), [
    { tsconfig: 'tsconfig.build.json' },
    { command: 'node scripts/bundle.mjs' },
  ])
  assert.deepEqual(buildSteps('tsc --project a.json && tsc -p b.json'), [
    { tsconfig: 'a.json' },
    { tsconfig: 'b.json' },
  ])
  assert.throws(() => buildSteps('tsc -b'), /cannot stand in for `tsc -b`/)
})

test('the CLI needs every workspace package, each after its dependencies', () => {
  const packages = workspacePackages()
  const order = runtimeClosure(packages, ['@redshift-playground/cli'])
  assert.equal(order.at(-1), '@redshift-playground/cli')
  assert.deepEqual([...order].sort(), [...packages.keys()].sort())
  for (const [i, name] of order.entries()) {
    const { dependencies = {} } = packages.get(name).pkg
    for (const dep of Object.keys(dependencies))
      if (packages.has(dep)) assert.ok(order.indexOf(dep) < i, `${dep} before ${name}`)
  }
  // devDependencies are not followed: sharing's tests use redshift-local, its code does not.
  assert.ok(
    !runtimeClosure(packages, ['@redshift-playground/sharing']).includes(
      '@redshift-playground/redshift-local',
    ),
  )
})

function fixture() {
  const root = mkdtempSync(join(tmpdir(), 'rsp-build-js-'))
  const write = (file, text) => {
    mkdirSync(join(root, file, '..'), { recursive: true })
    writeFileSync(join(root, file), typeof text === 'string' ? text : JSON.stringify(text))
  }
  write('package.json', { private: true, workspaces: ['packages/*'] })
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      verbatimModuleSyntax: true,
      isolatedModules: true,
      sourceMap: true,
      rootDir: 'src',
      outDir: 'dist',
    },
    include: ['src'],
    exclude: ['src/**/*.test.ts'],
  }
  write('packages/a/package.json', {
    name: 'a',
    type: 'module',
    dependencies: {},
    scripts: { build: 'tsc -p tsconfig.build.json && node post.mjs' },
  })
  write('packages/a/tsconfig.build.json', tsconfig)
  write(
    'packages/a/post.mjs',
    "import { writeFileSync } from 'node:fs'\nwriteFileSync('dist/post.txt', 'ran')\n",
  )
  write(
    'packages/a/src/index.ts',
    [
      "import path = require('node:path')",
      "import type { Sep } from './types.js'",
      'export class Counter {',
      '  count = 0',
      '  readonly sep: Sep = path.sep as Sep',
      '}',
      '',
    ].join('\n'),
  )
  write('packages/a/src/types.ts', "export type Sep = '/' | '\\\\'\n")
  write('packages/a/src/index.test.ts', "throw new Error('not built')\n")
  write('packages/b/package.json', {
    name: 'b',
    type: 'module',
    dependencies: { a: '0.0.0' },
    scripts: { build: 'tsc -p tsconfig.build.json' },
  })
  write('packages/b/tsconfig.build.json', tsconfig)
  write('packages/b/src/deep/b.mts', 'export const b: number = 2\n')
  return root
}

test('builds the JavaScript tsc would write, and leaves up-to-date files alone', async () => {
  const root = fixture()
  try {
    const first = await buildJs({ root, names: ['b'] })
    assert.deepEqual(
      first.map((r) => [r.name, r.written, r.upToDate]),
      [
        ['a', 2, 0],
        ['b', 1, 0],
      ],
    )
    const a = join(root, 'packages/a/dist')
    const { Counter } = await import(pathToFileURL(join(a, 'index.js')).href)
    assert.deepEqual({ ...new Counter() }, { count: 0, sep: '/' })
    assert.match(
      readFileSync(join(a, 'index.js'), 'utf8'),
      /\/\/# sourceMappingURL=index\.js\.map\n$/,
    )
    assert.deepEqual(JSON.parse(readFileSync(join(a, 'index.js.map'), 'utf8')).sources, [
      '../src/index.ts',
    ])
    assert.equal(readFileSync(join(a, 'post.txt'), 'utf8'), 'ran')
    assert.throws(() => readFileSync(join(a, 'index.test.js')), /ENOENT/)
    assert.equal(
      readFileSync(join(root, 'packages/b/dist/deep/b.mjs'), 'utf8').includes('const b = 2'),
      true,
    )

    // Again: nothing to do. A source newer than its output is built again; --force builds all.
    assert.deepEqual(
      (await buildJs({ root, names: ['b'] })).map((r) => r.written),
      [0, 0],
    )
    const later = new Date(Date.now() + 5000)
    utimesSync(join(root, 'packages/a/src/types.ts'), later, later)
    assert.deepEqual(
      (await buildJs({ root, names: ['b'] })).map((r) => r.written),
      [1, 0],
    )
    assert.deepEqual(
      (await buildJs({ root, names: ['b'], force: true })).map((r) => r.written),
      [2, 1],
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})
