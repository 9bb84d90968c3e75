#!/usr/bin/env node
// Docs are tests: every command block (```sh, ```bash, ```console, or no language) of
// docs/*.md and of the root README.md carries a marker saying how CI checks it, and the check
// runs. (Blocks in other languages — json, ts, sql, python — are code examples, not commands;
// they need no marker.) The marker is an HTML comment (invisible on
// GitHub) on the lines just before the block:
//
//   <!-- rsp-doc: run -->
//       Every command runs, as written, in a new folder shared by the blocks of that file
//       (a reader following the page), with `rsp` being the repo's built CLI. Exit 0 or fail.
//   <!-- rsp-doc: run except "rsp deploy" "PGPASSWORD=" (needs AWS) -->
//       The same, except the commands starting with one of the quoted texts: an `rsp` one
//       has its arguments checked (below), any other is not run. A reason is required.
//   <!-- rsp-doc: argv-only (needs AWS) -->
//       Every line is an `rsp` command; each one's arguments are checked, nothing runs.
//   <!-- rsp-doc: skip (a Python example for AWS) -->
//       Not run: output, a diagram, code in another language. Not allowed on a block that
//       holds an `rsp` command (those are at least argument-checked). A reason is required.
//
// A command block without a marker fails, so a new doc cannot skip its commands silently.
//
// Argument checks use the CLI's own checker (apps/cli/dist/args/check-argv.js,
// `resolveCommandOrFail`, the one `rsp` runs before any command): an unknown command,
// sub-command or option, a missing value or a value outside an enum fails, without running.
// Every `rsp` command in every block gets it, run or not.
//
// How a `run` block runs (the small interpreter a reader's terminal is):
// - each line (`\` continues it) is one `bash -c`, in the file's folder; the folder stands
//   for a clone's root (`apps/` links to the repo's, so `node $PWD/apps/cli/dist/bin.js` is
//   the built CLI); `alias` lines hold for the lines after them; `#` lines are comments;
// - a line that starts `rsp local serve` (in the background with `&`, or in the foreground
//   as a reader runs it in its own terminal) runs until the block ends, once it said it
//   serves; then it gets Ctrl-C (SIGINT), as a reader would stop it;
// - lines after a `psql` line that begin with a prompt (`analytics=> …`) are what the reader
//   types into that psql: its standard input (with ON_ERROR_STOP, so a failing statement
//   fails the block);
// - the environment has no PG* variables, NO_COLOR=1, and the AWS SDK / CDK quiet flags.
//
//   node tools/check-doc-commands.mjs [--argv-only] [file.md ...]   (default: docs/*.md README.md)
//
// Needs the built CLI (`npm run demo` builds it; so does `nx run @redshift-playground/cli:build`),
// and for the local-serve blocks psql (`.ci/run` installs PostgreSQL).
import { spawn } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
// Command blocks: shell, or no language (output, diagrams: say so with skip). Blocks in other
// languages (json, ts, sql, python) are code examples and need no marker.
const SHELL_LANGS = new Set(['', 'sh', 'bash', 'shell', 'console', 'zsh'])
const NO_MARKER = 'no rsp-doc marker on a command block'

/** The files checked by default: docs/*.md and the root README. */
export function defaultFiles() {
  return [
    ...readdirSync(join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => join(root, 'docs', f)),
    join(root, 'README.md'),
  ]
}

/**
 * Parses a marker's text (after `rsp-doc:`): `{ kind, except, reason }`, or `{ error }`.
 */
export function parseMarker(text) {
  const m =
    /^\s*(run|argv-only|skip)\b\s*(?:except\s+((?:"[^"]+"\s*)+))?\s*(?:\((.+)\))?\s*$/s.exec(text)
  if (!m) return { error: `unreadable marker "rsp-doc:${text}"` }
  const kind = m[1]
  const except = m[2] ? [...m[2].matchAll(/"([^"]+)"/g)].map((x) => x[1]) : []
  const reason = m[3]?.trim()
  if (except.length > 0 && kind !== 'run') return { error: `"except" goes with run only` }
  if ((kind !== 'run' || except.length > 0) && !reason)
    return { error: `rsp-doc: ${kind}${except.length ? ' except …' : ''} needs a (reason)` }
  return { kind, except, reason }
}

/** The fenced blocks of a Markdown text, each with its marker (or an error). */
export function docBlocks(markdown) {
  const lines = markdown.split('\n')
  const blocks = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i])
    if (!open) continue
    const fence = open[2]
    let end = i + 1
    while (end < lines.length && !lines[end].trimStart().startsWith(fence)) end++
    // The marker: the last non-blank line before the fence, as an HTML comment.
    let k = i - 1
    while (k >= 0 && lines[k].trim() === '') k--
    const comment = k >= 0 ? /^\s*<!--\s*rsp-doc:(.*?)-->\s*$/.exec(lines[k]) : null
    blocks.push({
      line: i + 1,
      lang: open[3].toLowerCase(),
      code: lines.slice(i + 1, end).join('\n'),
      marker: comment ? parseMarker(comment[1]) : { error: NO_MARKER },
    })
    i = end
  }
  return blocks
}

/**
 * Splits one shell line into simple commands at `&&`, `||`, `;`, `|` and `&`, outside quotes,
 * up to a `#` comment. Returns `{ code, segments: [{ words, op }] }`: `code` is the line
 * without its comment, `words` the unquoted words, `op` the operator after the command.
 * Lenient: it reads docs, not scripts (an unclosed quote runs to the end).
 */
export function shellParse(line) {
  const segments = []
  let words = []
  let word = null
  let quote = null
  let i = 0
  const endWord = () => {
    if (word !== null) words.push(word)
    word = null
  }
  const endSegment = (op) => {
    endWord()
    if (words.length > 0 || op) segments.push({ words, op })
    words = []
  }
  for (; i < line.length; i++) {
    const c = line[i]
    if (quote === "'") {
      if (c === "'") quote = null
      else word += c
      continue
    }
    if (quote === '"') {
      if (c === '"') quote = null
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) word += line[++i]
      else word += c
      continue
    }
    if (c === "'" || c === '"') {
      quote = c
      word ??= ''
      continue
    }
    if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i]
      continue
    }
    if (c === '#' && word === null) break
    if (/\s/.test(c)) {
      endWord()
      continue
    }
    const two = line.slice(i, i + 2)
    if (two === '&&' || two === '||') {
      endSegment(two)
      i++
      continue
    }
    if (c === ';' || c === '|' || c === '&') {
      endSegment(c)
      continue
    }
    word = (word ?? '') + c
  }
  endSegment(null)
  return { code: line.slice(0, i).trimEnd(), segments }
}

/** A simple command's words without leading `VAR=value` assignments. */
const commandWords = (words) => {
  let k = 0
  while (k < words.length && /^[A-Za-z_]\w*=/.test(words[k])) k++
  return words.slice(k)
}

/** The `rsp` commands of a shell line, as argument lists (without `rsp`). */
export function rspCommands(line) {
  return shellParse(line)
    .segments.map((s) => commandWords(s.words))
    .filter((w) => w[0] === 'rsp')
    .map((w) => w.slice(1))
}

/**
 * The lines of a shell block as a reader runs them: `\` continuations joined, blank and `#`
 * lines dropped, `prompt=> …` lines gathered as the input of the line before them.
 */
export function blockLines(code) {
  const joined = code.replace(/[ \t]*\\\n\s*/g, ' ').split('\n')
  const out = []
  for (const raw of joined) {
    const text = raw.trim()
    if (text === '' || text.startsWith('#')) continue
    const prompt = /^[\w-]+=[>#]\s?(.*)$/.exec(text)
    if (prompt) {
      const prev = out.at(-1)
      if (!prev) throw new Error(`a psql prompt line with no psql before it: ${text}`)
      prev.input = `${prev.input ?? ''}${prompt[1]}\n`
      continue
    }
    out.push({ text })
  }
  return out
}

/** Loads the CLI's argument checker from its build. */
export async function loadArgvChecker(cliDist = join(root, 'apps', 'cli', 'dist')) {
  const checker = join(cliDist, 'args', 'check-argv.js')
  if (!existsSync(checker))
    throw new Error(`${checker} is missing: build the CLI first (npm run demo, or nx build)`)
  const { resolveCommandOrFail } = await import(pathToFileURL(checker).href)
  const { catalogue } = await import(pathToFileURL(join(cliDist, 'commands', 'catalogue.js')).href)
  return async (argv) => {
    try {
      const { path } = await resolveCommandOrFail(catalogue, argv)
      return { ok: true, path }
    } catch (e) {
      return { ok: false, detail: e instanceof Error ? e.message : String(e) }
    }
  }
}

// ── running ──────────────────────────────────────────────────────────────────────────────
const SERVING = /● (?:serving\b|Redshift Data API of\b)/
const LINE_TIMEOUT_MS = Number(process.env.RSP_DOC_LINE_TIMEOUT_MS ?? 300_000)

function runEnv(bin, psqlrc) {
  const env = { ...process.env }
  for (const k of Object.keys(env)) if (/^PG[A-Z]/.test(k)) delete env[k]
  return {
    ...env,
    PATH: `${bin}:${env.PATH}`,
    PSQLRC: psqlrc,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    CDK_DISABLE_VERSION_CHECK: '1',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
  }
}

/** Starts `bash -c script` in its own process group; resolves helpers to wait or stop it. */
function start(script, { cwd, env, input }) {
  const child = spawn('bash', ['-c', script], {
    cwd,
    env,
    detached: true,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  })
  let output = ''
  const listeners = new Set()
  const onData = (d) => {
    output += d
    for (const l of listeners) l()
  }
  child.stdout.setEncoding('utf8').on('data', onData)
  child.stderr.setEncoding('utf8').on('data', onData)
  if (input !== undefined) child.stdin.end(input)
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal))
    child.on('error', (e) => resolve(e.message))
  })
  const signalGroup = (sig) => {
    try {
      process.kill(-child.pid, sig)
    } catch {}
  }
  return {
    output: () => output,
    exited,
    /** Resolves true once the output matches `re`, false if the process ends first. */
    until(re, ms) {
      return new Promise((resolve) => {
        const check = () => {
          if (re.test(output)) done(true)
        }
        const done = (v) => {
          listeners.delete(check)
          clearTimeout(timer)
          resolve(v)
        }
        const timer = setTimeout(() => done(false), ms)
        listeners.add(check)
        exited.then(() => done(re.test(output)))
        check()
      })
    },
    async stop() {
      signalGroup('SIGINT')
      const t = setTimeout(() => signalGroup('SIGKILL'), 30_000)
      await exited
      clearTimeout(t)
    },
    kill: () => signalGroup('SIGKILL'),
  }
}

const tail = (s, n = 25) => s.trim().split('\n').slice(-n).join('\n')

/** Runs one `run` block's lines; returns one result per line. */
async function runBlock(lines, { cwd, env, aliases, except, checkArgv }) {
  const results = []
  const servers = []
  try {
    for (const { text, input } of lines) {
      const parsed = shellParse(text)
      const rsp = rspCommands(text)
      const argv = []
      for (const a of rsp) {
        const r = await checkArgv(a)
        argv.push(r)
        if (!r.ok) {
          results.push({ text, action: 'argv', ok: false, detail: r.detail })
          break
        }
      }
      if (argv.some((r) => !r.ok)) break
      if (except.some((p) => parsed.code.startsWith(p))) {
        results.push({ text, action: rsp.length > 0 ? 'argv' : 'skip', ok: true })
        continue
      }
      if (/^alias\s/.test(parsed.code)) {
        aliases.push(parsed.code)
        results.push({ text, action: 'run', ok: true })
        continue
      }
      const prelude = aliases.length > 0 ? `shopt -s expand_aliases\n${aliases.join('\n')}\n` : ''
      const serves = rsp.some((a) => a[0] === 'local' && a[1] === 'serve')
      const last = parsed.segments.at(-1)
      if (last?.op === '&' && !serves)
        throw new Error(`${text}: only rsp local serve may run in the background here`)
      const code = parsed.code.replace(/\s*&$/, '')
      const t0 = performance.now()
      const p = start(`${prelude}${code}`, { cwd, env, input })
      if (serves) {
        servers.push(p)
        const ok = await p.until(SERVING, LINE_TIMEOUT_MS)
        results.push({
          text,
          action: 'run',
          ok,
          ms: performance.now() - t0,
          detail: ok ? undefined : `never said it serves:\n${tail(p.output())}`,
        })
        if (!ok) break
        continue
      }
      const timer = setTimeout(() => p.kill(), LINE_TIMEOUT_MS)
      const exit = await p.exited
      clearTimeout(timer)
      const ok = exit === 0
      results.push({
        text,
        action: 'run',
        ok,
        ms: performance.now() - t0,
        detail: ok ? undefined : `exited ${exit}:\n${tail(p.output())}`,
      })
      if (!ok) break
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
  }
  return results
}

/**
 * Checks the given Markdown files. With `argvOnly`, nothing runs: markers are read and every
 * `rsp` command's arguments checked. Returns one result per block:
 * `{ file, line, lang, kind, reason, ok, detail?, commands: [{ text, action, ok, detail? }] }`.
 */
export async function checkDocCommands({
  files = defaultFiles(),
  argvOnly = false,
  log = () => {},
} = {}) {
  const checkArgv = await loadArgvChecker()
  const work = mkdtempSync(join(tmpdir(), 'rsp-doc-'))
  const bin = join(work, 'bin')
  mkdirSync(bin)
  writeFileSync(
    join(bin, 'rsp'),
    `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'apps', 'cli', 'dist', 'bin.js')}" "$@"\n`,
  )
  chmodSync(join(bin, 'rsp'), 0o755)
  const psqlrc = join(work, 'psqlrc')
  writeFileSync(psqlrc, '\\set ON_ERROR_STOP on\n')
  const env = runEnv(bin, psqlrc)
  const results = []
  try {
    for (const file of files) {
      const name = relative(root, file)
      const cwd = join(work, name.replace(/\W+/g, '-'))
      mkdirSync(cwd)
      symlinkSync(join(root, 'apps'), join(cwd, 'apps'))
      const aliases = []
      for (const block of docBlocks(readFileSync(file, 'utf8'))) {
        const where = { file: name, line: block.line, lang: block.lang }
        const m = block.marker
        const shell = SHELL_LANGS.has(block.lang)
        if (m.error && !shell && m.error === NO_MARKER) {
          results.push({ ...where, kind: 'code', ok: true, commands: [] })
          continue
        }
        if (m.error) {
          results.push({ ...where, ok: false, detail: m.error, commands: [] })
          continue
        }
        let lines
        try {
          lines = shell ? blockLines(block.code) : []
        } catch (e) {
          results.push({ ...where, kind: m.kind, ok: false, detail: e.message, commands: [] })
          continue
        }
        const hasRsp = lines.some((l) => rspCommands(l.text).length > 0)
        const base = { ...where, kind: m.kind, reason: m.reason }
        if (m.kind === 'skip') {
          results.push(
            hasRsp
              ? {
                  ...base,
                  ok: false,
                  detail: 'holds rsp commands: mark it run or argv-only',
                  commands: [],
                }
              : { ...base, ok: true, commands: [] },
          )
          continue
        }
        if (!shell) {
          results.push({
            ...base,
            ok: false,
            detail: `a ${block.lang} block cannot ${m.kind}`,
            commands: [],
          })
          continue
        }
        if (m.kind === 'argv-only' || argvOnly) {
          const commands = []
          for (const l of lines) {
            const rsp = rspCommands(l.text)
            if (rsp.length === 0) {
              commands.push(
                m.kind === 'argv-only'
                  ? {
                      text: l.text,
                      action: 'argv',
                      ok: false,
                      detail: 'not an rsp command (argv-only blocks hold rsp commands only)',
                    }
                  : { text: l.text, action: 'skip', ok: true },
              )
              continue
            }
            for (const a of rsp) {
              const r = await checkArgv(a)
              commands.push({
                text: `rsp ${a.join(' ')}`,
                action: 'argv',
                ok: r.ok,
                detail: r.detail,
              })
            }
          }
          results.push({ ...base, ok: commands.every((c) => c.ok), commands })
          continue
        }
        const t0 = performance.now()
        let commands
        try {
          commands = await runBlock(lines, { cwd, env, aliases, except: m.except, checkArgv })
        } catch (e) {
          results.push({ ...base, ok: false, detail: e.message, commands: [] })
          continue
        }
        const ok = commands.every((c) => c.ok) && commands.length === lines.length
        results.push({ ...base, ok, commands, ms: performance.now() - t0 })
        log(
          `${ok ? 'ok  ' : 'FAIL'} ${name}:${block.line} run (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
        )
        for (const c of commands)
          log(
            `     ${c.action.padEnd(4)} ${c.ms === undefined ? '      ' : `${(c.ms / 1000).toFixed(1).padStart(5)} s`}  ${c.text.slice(0, 90)}`,
          )
      }
    }
  } finally {
    // RSP_KEEP_DOC_RUNS=1 keeps the folders to look into a failure.
    if (!process.env.RSP_KEEP_DOC_RUNS) rmSync(work, { recursive: true, force: true })
    else log(`kept ${work}`)
  }
  return results
}

/** Counts for a report: blocks by kind, commands by action. */
export function summarize(results) {
  const blocks = { run: 0, 'argv-only': 0, skip: 0, code: 0 }
  const commands = { run: 0, argv: 0, skip: 0 }
  for (const r of results) {
    if (r.kind) blocks[r.kind]++
    for (const c of r.commands) commands[c.action]++
  }
  return { blocks, commands, failed: results.filter((r) => !r.ok).length }
}

/** Human-readable failures. */
export function failures(results) {
  return results
    .filter((r) => !r.ok)
    .map((r) => {
      const bad = r.commands.find((c) => !c.ok)
      return `${r.file}:${r.line} (${r.kind ?? 'no marker'}): ${r.detail ?? `\`${bad?.text}\` ${bad?.detail ?? `did not run (${r.commands.length} of the block's commands ran)`}`}`
    })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const files = args.filter((a) => !a.startsWith('--')).map((f) => resolve(f))
  const results = await checkDocCommands({
    files: files.length > 0 ? files : undefined,
    argvOnly: args.includes('--argv-only'),
    log: (l) => console.log(l),
  })
  for (const f of failures(results)) console.log(`FAIL ${f}`)
  const s = summarize(results)
  console.log(
    `doc commands: ${results.length} blocks (${s.blocks.run} run, ${s.blocks['argv-only']} argv-only, ${s.blocks.skip} skipped, ${s.blocks.code} code examples in other languages); commands: ${s.commands.run} run, ${s.commands.argv} argument-checked only, ${s.commands.skip} not run; ${s.failed} failed`,
  )
  process.exitCode = s.failed > 0 ? 1 : 0
}
