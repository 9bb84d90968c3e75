// Acceptance for publishability: pack every workspace package, install the tarballs into an
// empty project (no workspace links), import each one under Node ESM, and type-check an import
// of each with TypeScript's NodeNext resolution. Runs after the builds in `npm test`.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const projects = ['packages', 'apps'].flatMap((g) =>
  readdirSync(join(root, g))
    .map((d) => join(root, g, d))
    .filter((d) => existsSync(join(d, 'package.json'))),
)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

test('every package installs from its tarball and imports with types', { timeout: 600_000 }, () => {
  for (const dir of projects) {
    assert.ok(existsSync(join(dir, 'dist', 'index.js')), `${dir}: not built (run the build first)`)
  }
  const work = mkdtempSync(join(tmpdir(), 'rsp-smoke-'))
  try {
    const packs = join(work, 'packs')
    mkdirSync(packs)
    const names = []
    const tarballs = []
    for (const dir of projects) {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      const out = execFileSync(npm, ['pack', '--json', '--pack-destination', packs], {
        cwd: dir,
        encoding: 'utf8',
      })
      tarballs.push(join(packs, JSON.parse(out)[0].filename))
      names.push(pkg.name)
    }
    const app = join(work, 'app')
    mkdirSync(app)
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'smoke', private: true, type: 'module' }),
    )
    execFileSync(
      npm,
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...tarballs],
      {
        cwd: app,
        stdio: 'inherit',
      },
    )
    const imports = names.map((n, i) => `import * as m${i} from '${n}'`).join('\n')
    writeFileSync(
      join(app, 'smoke.mjs'),
      `${imports}\nconst mods = [${names.map((_, i) => `m${i}`).join(', ')}]\nconsole.log(JSON.stringify(mods.map((m) => Object.keys(m).length)))\n`,
    )
    const counts = JSON.parse(
      execFileSync(process.execPath, ['smoke.mjs'], { cwd: app, encoding: 'utf8' }),
    )
    assert.equal(counts.length, names.length)
    for (const [i, n] of names.entries()) assert.ok(counts[i] > 0, `${n} exports nothing`)
    writeFileSync(
      join(app, 'smoke.ts'),
      `${imports}\nexport const all = [${names.map((_, i) => `m${i}`).join(', ')}]\n`,
    )
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['smoke.ts'],
      }),
    )
    execFileSync(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
      {
        cwd: app,
        stdio: 'inherit',
      },
    )
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
})
