import { readFile } from 'node:fs/promises'
import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli, printJson, println } from '../context/cli-context.js'
import { describe } from './catalogue.js'
import { configArg, jsonArg } from './shared-args.js'

const validate = defineCommand({
  meta: {
    name: 'validate',
    description:
      'Validate rsp.config.json; exit 2 with every problem (field, value, fix) if invalid.\n\nExamples:\n  rsp config validate\n  rsp config validate --config prod.json --json',
  },
  args: { ...configArg, ...jsonArg },
  async run({ args }) {
    const config = await loadConfigOrFail(args.config, cli().cwd)
    if (args.json) return printJson(config)
    println(`${cli().colors.green('✔')} ${args.config} is valid (project ${config.project})`)
  },
})

const schema = defineCommand({
  meta: {
    name: 'schema',
    description:
      'Print the JSON Schema of rsp.config.json (also shipped as rsp.config.schema.json for editors).',
  },
  async run() {
    cli().out(await readFile(new URL('../../rsp.config.schema.json', import.meta.url), 'utf8'))
  },
})

export default defineCommand({
  meta: { name: 'config', description: describe('config') },
  subCommands: { validate, schema },
})
