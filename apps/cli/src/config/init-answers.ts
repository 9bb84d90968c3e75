import { type ConfigError, UsageError } from '../errors/cli-errors.js'
import { DOMAIN_LAYOUT } from './domain-layout.js'
import { validateConfigOrFail } from './validate-config.js'

export const SCHEMA_REF = './node_modules/@redshift-playground/cli/rsp.config.schema.json'

export interface InitAnswers {
  readonly project: string
  readonly region: string | undefined
  readonly mode: 'workload' | 'pool'
  readonly poolCount: number
  readonly loadBalancer: boolean
  readonly traditionalCluster: boolean
  /**
   * `single`: one datashare to every consumer; `domains`: {@link DOMAIN_LAYOUT} (core to every
   * consumer, sales and operations to their consumers; workload mode only).
   */
  readonly layout: 'single' | 'domains'
}

/** The config `rsp init` writes for the given answers (validated before writing). */
export function initialConfig(a: InitAnswers): Record<string, unknown> {
  const base = singleShareConfig(a)
  if (a.layout === 'single') return base
  const { datashare: _single, ...rest } = base
  const consumers = base.consumers as Record<string, unknown>
  return {
    ...rest,
    consumers: { ...consumers, workloads: structuredClone(DOMAIN_LAYOUT.consumers.workloads) },
    datashares: structuredClone(DOMAIN_LAYOUT.datashares),
    security: { ...(base.security as object), ...DOMAIN_LAYOUT.security },
  }
}

function singleShareConfig(a: InitAnswers): Record<string, unknown> {
  return {
    $schema: SCHEMA_REF,
    project: a.project,
    ...(a.region ? { region: a.region } : {}),
    network: {
      vpcCidr: '10.20.0.0/16',
      availabilityZones: 3,
      subnetPrefix: 23,
      enhancedVpcRouting: true,
    },
    producer: { baseCapacity: 32, maxCapacity: 128, hoursPerDay: 8 },
    consumers: {
      mode: a.mode,
      workloads: [
        { name: 'analytics', baseCapacity: 32, maxCapacity: 128, hoursPerDay: 8 },
        { name: 'reporting', baseCapacity: 32, maxCapacity: 64, hoursPerDay: 8 },
      ],
      pool: { count: a.poolCount, baseCapacity: 32, maxCapacity: 64, hoursPerDay: 8 },
    },
    loadBalancer: { enabled: a.loadBalancer, stickiness: false, syncMinutes: 5 },
    traditionalCluster: {
      enabled: a.traditionalCluster,
      nodeType: 'ra3.xlplus',
      nodes: 2,
      hoursPerDay: 24,
    },
    datashare: {
      name: 'airline_share',
      objects: ['airline_dw'],
      includeNew: true,
      publiclyAccessible: 'auto',
    },
    security: { masking: true, rowLevelSecurity: true, allowedCidrs: [] },
    storage: { gb: 100 },
    local: { scale: 0.01, seed: 42, port: 5439 },
  }
}

/**
 * What is wrong with one answer, checked by the config's own rules (so the prompt refuses
 * what `rsp config validate` would), or `undefined` when it is fine.
 */
export function answerProblem(field: 'project' | 'region', value: string): string | undefined {
  if (field === 'region' && value === '') return undefined // from the profile
  try {
    validateConfigOrFail({ project: 'airline', [field]: value })
  } catch (error) {
    const issue = (error as ConfigError).issues?.find((i) => i.field === field)
    if (issue) return `${issue.message}: ${issue.fix}`
  }
  return undefined
}

/**
 * What is wrong with a datashare layout for a consumer mode, or `undefined`: the domain layout
 * gives consumers different shares, which a pool of identical consumers cannot have.
 */
export function layoutProblem(layout: string, mode: 'workload' | 'pool'): string | undefined {
  if (layout !== 'single' && layout !== 'domains')
    return `--layout ${JSON.stringify(layout)} is not one of single, domains`
  if (layout === 'domains' && mode === 'pool')
    return '--layout domains needs --mode workload: a pool deploys identical consumers behind one endpoint, so every member holds the same shares; use --layout single with a pool'
  return undefined
}

/** The part of `@clack/prompts` that `rsp init` uses (a fake in tests). */
export type InitPrompts = Pick<
  typeof import('@clack/prompts'),
  'intro' | 'cancel' | 'isCancel' | 'text' | 'select' | 'confirm'
>

/**
 * Asks for every answer in a terminal. Each answer is checked as it is given (a bad region
 * is refused at its prompt, not after the last one), and the NLB is only offered over an
 * identical pool, so the answers always make a valid config.
 */
export async function ask(defaults: InitAnswers, prompts?: InitPrompts): Promise<InitAnswers> {
  const p = prompts ?? (await import('@clack/prompts'))
  const stop = (value: unknown) => {
    if (p.isCancel(value)) {
      p.cancel('No config written.')
      throw new UsageError('cancelled')
    }
    return value
  }
  p.intro('rsp init')
  const project = stop(
    await p.text({
      message: 'Project name (prefixes every workgroup)',
      initialValue: defaults.project,
      validate: (v) => answerProblem('project', v ?? ''),
    }),
  ) as string
  const region = stop(
    await p.text({
      message: 'AWS region (empty: from your profile)',
      initialValue: defaults.region ?? '',
      validate: (v) => answerProblem('region', (v ?? '').trim()),
    }),
  ) as string
  const mode = stop(
    await p.select({
      message: 'Consumers',
      initialValue: defaults.mode,
      options: [
        {
          value: 'workload',
          label: 'workload-specific',
          hint: 'analytics 32–128 RPU, reporting 32–64 RPU',
        },
        {
          value: 'pool',
          label: 'identical pool',
          hint: 'N equal consumers, usually behind an NLB',
        },
      ],
    }),
  ) as 'workload' | 'pool'
  const poolCount =
    mode === 'pool'
      ? Number(
          stop(
            await p.text({
              message: 'How many consumers in the pool?',
              initialValue: String(defaults.poolCount),
              validate: (v) =>
                /^([1-9]|1\d|20)$/.test(v ?? '') ? undefined : 'a number from 1 to 20',
            }),
          ),
        )
      : defaults.poolCount
  // The NLB round-robins connections, so it needs identical consumers (a pool).
  const loadBalancer =
    mode === 'pool' &&
    (stop(
      await p.confirm({
        message: 'Network Load Balancer over the consumers?',
        initialValue: true,
      }),
    ) as boolean)
  // Domains give consumers different shares: only named workloads can have that.
  const layout =
    mode === 'workload'
      ? (stop(
          await p.select({
            message: 'Datashares',
            initialValue: defaults.layout,
            options: [
              {
                value: 'single',
                label: 'one share to every consumer',
                hint: 'airline_dw to analytics and reporting',
              },
              {
                value: 'domains',
                label: 'domains: core to every consumer, sales and operations to their consumers',
                hint: 'workloads analytics, sales, operations',
              },
            ],
          }),
        ) as 'single' | 'domains')
      : 'single'
  const traditionalCluster = stop(
    await p.confirm({
      message: 'Provisioned RA3 cluster for the first load?',
      initialValue: false,
    }),
  ) as boolean
  return {
    project,
    region: region.trim() || undefined,
    mode,
    poolCount,
    loadBalancer,
    traditionalCluster,
    layout,
  }
}
