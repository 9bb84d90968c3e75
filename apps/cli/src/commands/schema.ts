import { writeFile } from 'node:fs/promises'
import { defineCommand } from 'citty'
import { cli, printJson, println } from '../context/cli-context.js'
import { outputFileOrFail } from '../output/output-path.js'
import { describe } from './catalogue.js'
import { jsonArg } from './shared-args.js'

const ddl = defineCommand({
  meta: {
    name: 'ddl',
    description: [
      'Print the airline schema DDL: Redshift (DISTKEY, SORTKEY, ENCODE, informational keys) or',
      'PostgreSQL/PGlite (enforced keys, Redshift-only clauses dropped).',
      '',
      'Examples:',
      '  rsp schema ddl --target redshift > airline.sql',
      '  rsp schema ddl --target postgres --if-not-exists | psql "$DATABASE_URL"',
      '  rsp schema ddl --target redshift --drop',
    ].join('\n'),
  },
  args: {
    target: {
      type: 'enum',
      options: ['redshift', 'postgres'],
      description: 'SQL dialect',
      default: 'redshift',
    },
    drop: {
      type: 'boolean',
      description: 'Print the drop script instead (reverse dependency order)',
      default: false,
    },
    'if-not-exists': { type: 'boolean', description: 'CREATE … IF NOT EXISTS', default: false },
    comments: { type: 'boolean', description: 'COMMENT ON statements', default: true },
    out: { type: 'string', description: 'Write to a file instead of stdout', valueHint: 'FILE' },
    ...jsonArg,
  },
  async run({ args }) {
    const { airlineModel, renderPostgresDdl, renderRedshiftDdl } = await import(
      '@redshift-playground/schema'
    )
    const render = args.target === 'postgres' ? renderPostgresDdl : renderRedshiftDdl
    const ddl = render(airlineModel, {
      ifNotExists: args['if-not-exists'],
      comments: args.comments,
    })
    if (args.json) return printJson(args.drop ? ddl.dropStatements : ddl.statements)
    const script = args.drop ? ddl.dropScript : ddl.script
    if (args.out) {
      await writeFile(await outputFileOrFail('--out', args.out, cli().cwd), script)
      println(
        `wrote ${args.out} (${(args.drop ? ddl.dropStatements : ddl.statements).length} statements, ${args.target})`,
      )
    } else cli().out(script)
  },
})

export default defineCommand({
  meta: { name: 'schema', description: describe('schema') },
  subCommands: { ddl },
})
