import type { CommandDef } from 'citty'

/** A command known to `rsp`: its description (for the root help) and a lazy loader. */
export interface CommandEntry {
  readonly description: string
  // biome-ignore lint/suspicious/noExplicitAny: each command has its own args type
  readonly load: () => Promise<CommandDef<any>>
}

// Loaders are functions so `rsp --help` and `rsp cost` never import aws-cdk-lib, the AWS SDK
// or PGlite: each command file imports those inside its `run`.
export const catalogue: Readonly<Record<string, CommandEntry>> = Object.freeze({
  demo: {
    description:
      'The whole flow locally on embedded PGlite, no AWS: synth, load, share, query, diagnose, cost',
    load: () => import('./demo.js').then((m) => m.default),
  },
  init: {
    description: 'Write an rsp.config.json (interactive prompts, or flags for scripts)',
    load: () => import('./init.js').then((m) => m.default),
  },
  config: {
    description: 'Validate the configuration or print its JSON Schema',
    load: () => import('./config.js').then((m) => m.default),
  },
  plan: {
    description: 'Validate, synthesise the CDK app offline, print stacks, cost and sharing plan',
    load: () => import('./plan.js').then((m) => m.default),
  },
  diagnose: {
    description:
      'Health checks with remediation: config, local data plane, AWS control plane and NLB',
    load: () => import('./diagnose.js').then((m) => m.default),
  },
  query: {
    description: 'Run a flagship query (embedded, PostgreSQL) or print its SQL',
    load: () => import('./query.js').then((m) => m.default),
  },
  bootstrap: {
    description: 'Bootstrap the AWS account and region for the CDK (rsp deploy asks to do it)',
    load: () => import('./bootstrap.js').then((m) => m.default),
  },
  deploy: {
    description:
      'Bootstrap if needed, deploy the stacks in order, wait, load, share, diagnose (resumable)',
    load: () => import('./deploy.js').then((m) => m.default),
  },
  restore: {
    description: 'Restore a snapshot into the producer, wait, re-apply the datashare',
    load: () => import('./restore.js').then((m) => m.default),
  },
  destroy: {
    description: 'Unshare, then destroy the stacks in reverse order (asks unless --yes)',
    load: () => import('./destroy.js').then((m) => m.default),
  },
  cost: {
    description: 'Monthly cost estimate per component, both consumer modes side by side',
    load: () => import('./cost.js').then((m) => m.default),
  },
  schema: {
    description: 'The airline schema: rsp schema ddl --target redshift|postgres',
    load: () => import('./schema.js').then((m) => m.default),
  },
  datagen: {
    description: 'Generate the data set as gzip CSV parts, COPY manifests and COPY SQL',
    load: () => import('./datagen.js').then((m) => m.default),
  },
  load: {
    description:
      'Load generated data: embedded database, PostgreSQL, or S3 + COPY into Redshift (Data API)',
    load: () => import('./load.js').then((m) => m.default),
  },
  etl: {
    description:
      'Keep writing on the producer: append the next day(s) of flights, bookings and revenue (one transaction a day)',
    load: () => import('./etl.js').then((m) => m.default),
  },
  share: {
    description: 'Plan and apply the datashare (local target, or the Redshift SQL offline)',
    load: () => import('./share.js').then((m) => m.default),
  },
  unshare: {
    description: 'Tear the datashare down: consumer databases, revoke, drop',
    load: () => import('./unshare.js').then((m) => m.default),
  },
  loadtest: {
    description: 'Postgres-wire load test: throughput, latency percentiles, namespace spread',
    load: () => import('./loadtest.js').then((m) => m.default),
  },
  local: {
    description: 'The embedded database: `rsp local serve` speaks the Postgres wire protocol',
    load: () => import('./local.js').then((m) => m.default),
  },
})
