#!/usr/bin/env node
// Enforces the architecture rules of DEVELOPERS.md: which workspace package may depend on
// which, that every import of a sibling is declared in package.json, and that the
// workspace graph has no cycle. Run from a project folder (Nx `lint`) or with a root path.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const SCOPE = '@redshift-playground/'

/** Who may depend on whom (package folder name → allowed sibling folder names). */
export const ALLOWED = Object.freeze({
  schema: [],
  'redshift-data': [],
  datagen: ['schema'],
  sharing: ['schema'],
  diagnostics: ['schema'],
  infra: ['schema', 'sharing'],
  'redshift-local': [],
  cli: ['schema', 'redshift-data', 'redshift-local', 'datagen', 'sharing', 'diagnostics', 'infra'],
})

/**
 * Test-only dependencies: tests of these packages may run against the emulated Redshift
 * account (declared as a devDependency, imported from test files only), so AWS-facing code
 * is tested against rules from AWS's documentation rather than against its own fakes.
 */
export const TEST_ALLOWED = Object.freeze({
  'redshift-data': ['redshift-local'],
  sharing: ['redshift-local'],
  diagnostics: ['redshift-local'],
  datagen: ['redshift-local'],
})

const TEST_FILE = /(\.test\.ts|\.test-d\.ts|[\\/]test-[^\\/]*\.ts)$/

const IMPORT_RE =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g

function listSources(dir) {
  if (!existsSync(dir)) return []
  const out = []
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (entry === 'node_modules' || entry === 'dist' || entry === 'cdk.out') continue
    if (statSync(path).isDirectory()) out.push(...listSources(path))
    else if (/\.(m|c)?[jt]sx?$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path)
  }
  return out
}

function shortName(name) {
  return name.startsWith(SCOPE) ? name.slice(SCOPE.length) : undefined
}

/** Reads every workspace project under packages/ and apps/. */
export function readWorkspace(root) {
  const projects = []
  for (const group of ['packages', 'apps']) {
    const base = join(root, group)
    if (!existsSync(base)) continue
    for (const dir of readdirSync(base)) {
      const pkgPath = join(base, dir, 'package.json')
      if (!existsSync(pkgPath)) continue
      const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'))
      const short = shortName(pkg.name)
      if (!short) continue
      const declared = new Set(
        Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.devDependencies })
          .map(shortName)
          .filter(Boolean),
      )
      const runtime = new Set(
        Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })
          .map(shortName)
          .filter(Boolean),
      )
      const imported = new Map()
      const testImported = new Map()
      const projectDir = join(base, dir)
      for (const file of listSources(join(projectDir, 'src'))) {
        const text = readFileSync(file, 'utf8')
        for (const m of text.matchAll(IMPORT_RE)) {
          const spec = m[1] ?? m[2] ?? m[3] ?? m[4]
          if (!spec?.startsWith(SCOPE)) continue
          const target = spec.slice(SCOPE.length).split('/')[0]
          const into = TEST_FILE.test(file) ? testImported : imported
          if (!into.has(target)) into.set(target, relative(root, file))
        }
      }
      projects.push({ name: short, dir: projectDir, declared, runtime, imported, testImported })
    }
  }
  return projects
}

/** Returns a list of human-readable violations; empty when the workspace is clean. */
export function checkWorkspace(root, only) {
  const projects = readWorkspace(root)
  const violations = []
  for (const p of projects) {
    if (only && p.name !== only) continue
    const allowed = ALLOWED[p.name]
    if (!allowed) {
      violations.push(
        `${p.name}: not in the dependency rules (tools/check-boundaries.mjs ALLOWED); add it there`,
      )
      continue
    }
    const testAllowed = TEST_ALLOWED[p.name] ?? []
    for (const dep of p.declared) {
      if (dep === p.name || allowed.includes(dep)) continue
      if (testAllowed.includes(dep) && !p.runtime.has(dep)) continue
      violations.push(
        `${p.name}: package.json ${p.runtime.has(dep) ? 'depends' : 'depends (dev)'} on ${SCOPE}${dep}, which the architecture rules forbid (allowed: ${allowed.join(', ') || 'none'}${testAllowed.length ? `; in tests only: ${testAllowed.join(', ')}` : ''})`,
      )
    }
    for (const [dep, file] of p.testImported) {
      if (dep === p.name || allowed.includes(dep)) continue
      if (!testAllowed.includes(dep))
        violations.push(
          `${p.name}: ${file} imports ${SCOPE}${dep}, which the architecture rules forbid (allowed: ${allowed.join(', ') || 'none'})`,
        )
      else if (!p.declared.has(dep))
        violations.push(
          `${p.name}: ${file} imports ${SCOPE}${dep} without declaring it in package.json`,
        )
    }
    for (const [dep, file] of p.imported) {
      if (dep === p.name) continue
      if (!allowed.includes(dep))
        violations.push(
          `${p.name}: ${file} imports ${SCOPE}${dep}, which the architecture rules forbid (allowed: ${allowed.join(', ') || 'none'})`,
        )
      else if (!p.declared.has(dep))
        violations.push(
          `${p.name}: ${file} imports ${SCOPE}${dep} without declaring it in package.json`,
        )
    }
  }
  // Cycle detection over declared and imported edges of the whole workspace.
  // Test-only edges do not count: nothing is published or built through them.
  const edges = new Map(
    projects.map((p) => [
      p.name,
      new Set([...p.runtime, ...p.imported.keys()].filter((d) => d !== p.name)),
    ]),
  )
  const state = new Map()
  const stack = []
  const visit = (n) => {
    state.set(n, 'open')
    stack.push(n)
    for (const d of edges.get(n) ?? []) {
      if (!edges.has(d)) continue
      if (state.get(d) === 'open') {
        violations.push(`dependency cycle: ${[...stack.slice(stack.indexOf(d)), d].join(' -> ')}`)
      } else if (!state.has(d)) visit(d)
    }
    stack.pop()
    state.set(n, 'done')
  }
  for (const n of edges.keys()) if (!state.has(n)) visit(n)
  return [...new Set(violations)]
}

function findRoot(start) {
  let dir = resolve(start)
  while (!existsSync(join(dir, 'nx.json'))) {
    const up = resolve(dir, '..')
    if (up === dir) throw new Error(`check-boundaries: no nx.json above ${start}`)
    dir = up
  }
  return dir
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cwd = process.cwd()
  const root = findRoot(cwd)
  let only
  if (cwd !== root && existsSync(join(cwd, 'package.json'))) {
    only = shortName(JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')).name)
  }
  const violations = checkWorkspace(root, only)
  if (violations.length > 0) {
    for (const v of violations) console.error(`boundaries: ${v}`)
    process.exit(1)
  }
  console.log(`boundaries: ${only ?? 'workspace'} ok`)
}
