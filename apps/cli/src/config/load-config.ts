import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { ConfigError } from '../errors/cli-errors.js'
import type { RspConfig } from './config-schema.js'
import { validateConfigOrFail } from './validate-config.js'

export const CONFIG_FILE = 'rsp.config.json'

/** Reads and validates the config file; every problem becomes a {@link ConfigError} (exit 2). */
export async function loadConfigOrFail(path: string | undefined, cwd: string): Promise<RspConfig> {
  const file = resolve(cwd, path ?? CONFIG_FILE)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as { code?: string }).code
    throw new ConfigError(
      [
        {
          field: '(file)',
          value: file,
          message: code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? 'error'})`,
          fix: 'run `rsp init` to write one, or pass --config PATH',
        },
      ],
      path ?? CONFIG_FILE,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ConfigError(
      [
        {
          field: '(file)',
          value: file,
          message: `not valid JSON (${(error as Error).message})`,
          fix: 'fix the JSON syntax; an editor using rsp.config.schema.json shows where',
        },
      ],
      path ?? CONFIG_FILE,
    )
  }
  return validateConfigOrFail(json, path ?? CONFIG_FILE)
}
