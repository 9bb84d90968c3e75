// Test helper (excluded from the build): runs `rsp` in-process and captures its output.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from './cli.js'

export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

export async function runCli(
  argv: readonly string[],
  options: {
    cwd?: string
    env?: Record<string, string | undefined>
    signal?: AbortSignal
    isTTY?: boolean
    /** Sees each piece of stderr as it is written (to act on progress mid-run). */
    onStderr?: (s: string) => void
  } = {},
): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const code = await run(argv, {
    out: (s) => {
      stdout += s
    },
    err: (s) => {
      stderr += s
      options.onStderr?.(s)
    },
    isTTY: options.isTTY ?? false,
    env: options.env ?? { NO_COLOR: '1' },
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal,
  })
  return { code, stdout, stderr }
}

/** A fresh temporary directory, optionally holding an rsp.config.json. */
export function tempProject(config?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'rsp-test-'))
  if (config !== undefined) {
    writeFileSync(
      join(dir, 'rsp.config.json'),
      typeof config === 'string' ? config : JSON.stringify(config, null, 2),
    )
  }
  return dir
}
