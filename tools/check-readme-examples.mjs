#!/usr/bin/env node
// Docs are tests: runs each package README's example as a newcomer would. For every package
// under packages/ it packs the workspace packages (their built dist), makes an empty project,
// runs the README's own `npm install` lines there — exactly as written, except that
// `@redshift-playground/*` (not on the registry) resolve to the packed tarballs — writes the
// example to a file and runs it with Node. TypeScript examples are stripped of their types
// with TypeScript's transpiler (the runner's tool, not one the README asks to install).
//
// Which example: the first ```ts/```js block after a `<!-- readme-example -->` comment, else
// the first such block with an import. Its install lines are every `npm install` line in the
// ```sh blocks before it. `<!-- readme-example: skip REASON -->` skips a package.
//
//   node tools/check-readme-examples.mjs [package ...]   (e.g. datagen infra)
//
// Needs the registry (npm) and built packages (`nx run-many -t build`).
import { execFileSync, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

/** The example and install lines a README declares (see the header). */
export function readmeExample(readme) {
  const skip = /<!--\s*readme-example:\s*skip\s*([^>]*?)\s*-->/.exec(readme)
  if (skip) return { skip: skip[1] || 'skipped' }
  const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1],
    code: m[2],
    at: m.index,
  }))
  const marker = readme.search(/<!--\s*readme-example(?:\s*-->|:(?!\s*skip)[^>]*-->)/)
  const isCode = (b) => b.lang === 'ts' || b.lang === 'js'
  const example =
    marker === -1
      ? blocks.find((b) => isCode(b) && /^import /m.test(b.code))
      : blocks.find((b) => isCode(b) && b.at > marker)
  if (!example) return { skip: 'no example' }
  const install = blocks
    .filter((b) => b.at < example.at && (b.lang === 'sh' || b.lang === 'bash'))
    .flatMap((b) => b.code.split('\n'))
    .map((l) => l.trim())
    .filter((l) => /^npm (install|i) /.test(l))
  return { lang: example.lang, code: example.code, install }
}

function workspacePackages() {
  return readdirSync(join(root, 'packages'))
    .map((d) => join(root, 'packages', d))
    .filter((d) => existsSync(join(d, 'package.json')))
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
}

/** Packs every workspace package; returns name → tarball path. */
function packAll(into) {
  const tarballs = {}
  for (const { dir, pkg } of workspacePackages()) {
    if (!existsSync(join(dir, 'dist')))
      throw new Error(`${pkg.name}: not built (run: npx nx run-many -t build)`)
    const out = execFileSync(npm, ['pack', '--json', '--pack-destination', into], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    tarballs[pkg.name] = join(into, JSON.parse(out)[0].filename)
  }
  return tarballs
}

function words(line) {
  return line.split(/\s+/).filter(Boolean)
}

/** Runs one package's README example; returns { ok, detail }. */
export function checkPackage(dir, tarballs, work) {
  const name = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name
  const example = readmeExample(readFileSync(join(dir, 'README.md'), 'utf8'))
  if (example.skip) return { name, ok: true, skipped: example.skip }
  const app = join(work, name.replace(/\W+/g, '-'))
  mkdirSync(app, { recursive: true })
  // Internal packages come from the tarballs wherever they appear in the tree. The same
  // relative spec in `overrides` and on the command line: npm refuses an override of a direct
  // dependency unless the specs are equal.
  const spec = (tarball) => `../packs/${basename(tarball)}`
  const overrides = Object.fromEntries(
    Object.entries(tarballs).map(([n, t]) => [n, `file:${spec(t)}`]),
  )
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'readme-example', private: true, type: 'module', overrides }, null, 2),
  )
  for (const line of example.install) {
    const args = words(line)
      .slice(2)
      .map((w) => {
        const tarball = tarballs[w] ?? tarballs[w.replace(/(.)@[^@/]*$/, '$1')]
        return tarball ? spec(tarball) : w
      })
    const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error', ...args], {
      cwd: app,
      encoding: 'utf8',
    })
    if (r.status !== 0)
      return { name, ok: false, detail: `\`${line}\` failed:\n${(r.stderr || r.stdout).trim()}` }
  }
  let code = example.code
  if (example.lang === 'ts') {
    const ts = createRequire(import.meta.url)('typescript')
    code = ts.transpileModule(code, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText
  }
  writeFileSync(join(app, 'example.mjs'), code)
  const r = spawnSync(process.execPath, ['example.mjs'], {
    cwd: app,
    encoding: 'utf8',
    timeout: 300_000,
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      CDK_DISABLE_VERSION_CHECK: '1',
      CDK_DISABLE_CLI_TELEMETRY: 'true',
    },
  })
  if (r.status !== 0)
    return {
      name,
      ok: false,
      detail: `the example failed (exit ${r.status ?? r.signal}) after ${example.install.map((l) => `\`${l}\``).join(', ')}:\n${(r.stderr || r.stdout).trim().split('\n').slice(0, 40).join('\n')}`,
    }
  return { name, ok: true, install: example.install }
}

/** Checks the named packages (folder names under packages/), or all of them. */
export function checkReadmeExamples(only = []) {
  const work = mkdtempSync(join(tmpdir(), 'rsp-readme-'))
  const packs = join(work, 'packs')
  mkdirSync(packs)
  try {
    const tarballs = packAll(packs)
    return workspacePackages()
      .filter(({ dir }) => only.length === 0 || only.some((o) => dir.endsWith(`/${o}`)))
      .filter(({ dir }) => existsSync(join(dir, 'README.md')))
      .map(({ dir }) => checkPackage(dir, tarballs, work))
  } finally {
    // RSP_KEEP_README_EXAMPLES=1 keeps the projects to look into a failure.
    if (!process.env.RSP_KEEP_README_EXAMPLES) rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = checkReadmeExamples(process.argv.slice(2))
  for (const r of results)
    console.log(
      r.skipped
        ? `SKIP ${r.name}: ${r.skipped}`
        : r.ok
          ? `OK   ${r.name} (${r.install.join('; ')})`
          : `FAIL ${r.name}: ${r.detail}`,
    )
  process.exitCode = results.every((r) => r.ok) ? 0 : 1
}
