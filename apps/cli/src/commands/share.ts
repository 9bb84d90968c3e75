import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli, printJson, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { configArg, jsonArg } from './shared-args.js'

/** Shared by `rsp share` and `rsp unshare`. */
export function shareCommand(teardown: boolean) {
  const verb = teardown ? 'unshare' : 'share'
  return defineCommand({
    meta: {
      name: verb,
      description: [
        teardown
          ? 'Tear the datashares down (the last first): consumer databases first, then revoke, then drop the share.'
          : 'Plan every datashare of the config (desired vs actual → minimal SQL) and apply them: producer first, then consumers.',
        '',
        'Targets: local (the embedded database; consumers are roles with read-only grants) and',
        'redshift (--dry-run prints the Redshift SQL per side with namespace-id placeholders, offline).',
        '',
        'Examples:',
        `  rsp ${verb} --target local --dir .rsp/db`,
        `  rsp ${verb} --target redshift --dry-run`,
      ].join('\n'),
    },
    args: {
      ...configArg,
      target: {
        type: 'enum',
        options: ['local', 'redshift'],
        description: 'Where',
        default: 'local',
      },
      dir: {
        type: 'string',
        description: 'Local target: PGlite data directory (rsp demo --keep DIR)',
        valueHint: 'DIR',
      },
      'dry-run': { type: 'boolean', description: 'Print the plan; change nothing', default: false },
      ...jsonArg,
    },
    async run({ args }) {
      const ctx = cli()
      const config = await loadConfigOrFail(args.config, ctx.cwd)
      const c = ctx.colors
      if (args.target === 'redshift') {
        if (!args['dry-run']) {
          throw new UsageError(
            `rsp ${verb} --target redshift without --dry-run is not available: rsp deploy${teardown ? ' and rsp destroy' : ''} ${teardown ? 'tear' : 'apply'} the datashare on AWS; add --dry-run for the SQL`,
            '--target',
            args.target,
          )
        }
        const { offlineSharePlan } = await import('../share/offline-share-plan.js')
        // unshare: the teardown of everything the share plan creates on a fresh deployment.
        const { plans, scripts, placeholders } = await offlineSharePlan(config, { teardown })
        if (args.json)
          return printJson({
            shares: plans.map((p) => p.share),
            plan: plans.flatMap((p) => p.statements.map((st) => ({ share: p.share, ...st }))),
            placeholders,
          })
        for (const script of scripts) println(script.sql)
        return
      }
      const [{ usingLocalWarehouse, migrateLocal }, { shareLocal }] = await Promise.all([
        import('../local/local-warehouse.js'),
        import('../share/apply-local-share.js'),
      ])
      await usingLocalWarehouse({ dir: args.dir }, async (w) => {
        if (!teardown) await migrateLocal(w.producer)
        const { plans, outcomes } = await shareLocal(config, w, {
          dryRun: args['dry-run'],
          teardown,
        })
        const statements = plans.flatMap((p) =>
          p.statements.map((st) => ({ share: p.share, ...st })),
        )
        if (args.json) {
          printJson({
            kind: teardown ? 'teardown' : 'apply',
            isEmpty: plans.every((p) => p.isEmpty),
            shares: plans.map((p) => ({
              name: p.share,
              isEmpty: p.isEmpty,
              statements: p.statements.length,
            })),
            statements: statements.map((s) => ({
              share: s.share,
              side: s.side,
              sql: s.sql,
              purpose: s.purpose,
            })),
            applied: outcomes.length,
          })
          return
        }
        for (const p of plans) {
          if (p.isEmpty) {
            println(`${c.green('✔')} ${p.share}: nothing to change`)
            continue
          }
          for (const st of p.statements) println(`${c.dim(`[${p.share} ${st.side}]`)} ${st.sql};`)
        }
        if (statements.length === 0) return
        println(
          args['dry-run']
            ? `${statements.length} statements planned for ${plans.length} datashare(s) (dry run: nothing applied)`
            : `${c.green('✔')} applied ${outcomes.length} statements (${teardown ? 'teardown' : 'apply'}) for ${plans.length} datashare(s) on the local target`,
        )
      })
    },
  })
}

export default shareCommand(false)
