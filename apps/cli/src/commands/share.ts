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
          ? 'Tear every datashare of the config down, as one plan: consumer databases first, then revoke, then drop the shares.'
          : 'Plan every datashare of the config as one plan (desired vs actual → minimal SQL) and apply it: producer first, then consumers. A share rsp made that is no longer in the config is dropped.',
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
        const [{ offlineSharePlan }, { statementsByShare }] = await Promise.all([
          import('../share/offline-share-plan.js'),
          import('../share/share-parts.js'),
        ])
        // unshare: the teardown of everything the share plan creates on a fresh deployment.
        const offline = await offlineSharePlan(config, { teardown })
        const { byShare, scripts, placeholders } = offline
        if (args.json)
          return printJson({
            shares: byShare.map((p) => p.share),
            plan: statementsByShare(offline.plan, byShare),
            placeholders,
          })
        for (const script of scripts) println(script.sql)
        return
      }
      const [{ usingLocalWarehouse, migrateLocal }, { shareLocal }] = await Promise.all([
        import('../local/local-warehouse.js'),
        import('../share/apply-local-share.js'),
      ])
      const { statementsByShare } = await import('../share/share-parts.js')
      await usingLocalWarehouse({ dir: args.dir }, async (w) => {
        if (!teardown) await migrateLocal(w.producer)
        const { plan, byShare, removed, outcomes } = await shareLocal(config, w, {
          dryRun: args['dry-run'],
          teardown,
        })
        // In run order: the plan orders the shares' statements together.
        const statements = statementsByShare(plan, byShare)
        if (args.json) {
          printJson({
            kind: teardown ? 'teardown' : 'apply',
            isEmpty: plan.isEmpty,
            shares: byShare.map((p) => ({
              name: p.share,
              isEmpty: p.isEmpty,
              statements: p.statements.length,
              ...(removed.includes(p.share) ? { removed: true } : {}),
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
        for (const p of byShare)
          if (p.isEmpty) println(`${c.green('✔')} ${p.share}: nothing to change`)
          else if (removed.includes(p.share))
            println(`${p.share}: no longer in the config; rsp made it, so it is dropped`)
        for (const st of statements) println(`${c.dim(`[${st.share} ${st.side}]`)} ${st.sql};`)
        if (statements.length === 0) return
        println(
          args['dry-run']
            ? `${statements.length} statements planned for ${byShare.length} datashare(s) (dry run: nothing applied)`
            : `${c.green('✔')} applied ${outcomes.length} statements (${teardown ? 'teardown' : 'apply'}) for ${byShare.length} datashare(s) on the local target, in one transaction`,
        )
      })
    },
  })
}

export default shareCommand(false)
