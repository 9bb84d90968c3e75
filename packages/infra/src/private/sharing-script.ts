import { airlineModel, DW, SchemaError } from '@redshift-playground/schema/model'
import {
  defineDatashare,
  emptyState,
  placeholder,
  planDatashare,
  redshiftRenderer,
  renderScript,
  SharingError,
} from '@redshift-playground/sharing'
import { InfraError } from '../errors.js'
import type { IServerlessWarehouse } from '../serverless-warehouse.js'
import { Fn } from './cdk.js'

/** The datashare rendered into the architecture's outputs. */
export interface SharingOptions {
  /** @default 'airline_share' */
  readonly shareName?: string
  /**
   * Producer schemas to share, all their tables, new tables included.
   * @default ['airline_dw']
   */
  readonly schemas?: readonly string[]
  /**
   * Database created on each consumer from the share.
   * @default 'airline'
   */
  readonly consumerDatabase?: string
  /**
   * Producer database (the namespace's db name).
   * @default 'dev'
   */
  readonly producerDatabase?: string
}

/** One side's datashare SQL, with namespace ids substituted by CloudFormation. */
export interface SharingScript {
  readonly share: string
  /** `producer` or `consumer:<name>`. */
  readonly side: string
  /** An `Fn::Sub` token: the SQL with the real namespace GUIDs once deployed. */
  readonly sql: string
}

interface ConsumerInput {
  readonly name: string
  readonly warehouse: IServerlessWarehouse
  readonly publiclyAccessible: boolean
}

const pascal = (name: string) =>
  name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('')

/**
 * Renders the share with the sharing package's planner. Namespace ids are CloudFormation
 * tokens at synth time, so the plan holds placeholders (`${ProducerNamespaceId}`), and the
 * script is wrapped in `Fn::Sub` with those variables bound to the namespaces' NamespaceId
 * attributes. Real GUIDs (from the CLI at run time) keep the sharing package's full validation.
 */
export function renderSharingScripts(
  owner: string,
  producer: IServerlessWarehouse,
  consumers: readonly ConsumerInput[],
  options: SharingOptions,
): SharingScript[] {
  const shareName = options.shareName ?? 'airline_share'
  const schemas = options.schemas ?? [DW]
  const variables: Record<string, string> = { ProducerNamespaceId: producer.namespaceId }
  const consumerSpecs = consumers.map((c) => {
    const variable = `Consumer${pascal(c.name)}NamespaceId`
    variables[variable] = c.warehouse.namespaceId
    return {
      // Sharing names are SQL identifiers; workgroup names use hyphens.
      name: c.name.replace(/-/g, '_'),
      namespace: placeholder(variable),
      database: options.consumerDatabase ?? 'airline',
      publiclyAccessible: c.publiclyAccessible,
    }
  })
  // The plan starts from an empty state with the model's tables, so `ALL TABLES` is explicit.
  const tables: Record<string, string[]> = {}
  for (const t of Object.values(airlineModel.tables)) {
    if (!schemas.includes(t.schema)) continue
    const list = tables[t.schema] ?? []
    list.push(t.name)
    tables[t.schema] = list
  }
  try {
    const share = defineDatashare({
      name: shareName,
      producer: {
        namespace: placeholder('ProducerNamespaceId'),
        database: options.producerDatabase ?? 'dev',
      },
      objects: schemas.map((schema) => ({ schema, tables: 'all' as const, includeNew: true })),
      consumers: consumerSpecs,
    })
    const plan = planDatashare(share, emptyState(tables), redshiftRenderer())
    return renderScript(plan, { fnSub: true }).map((s) => {
      const used = Object.fromEntries(
        Object.entries(variables).filter(([name]) => s.sql.includes(`\${${name}}`)),
      )
      return { share: shareName, side: s.side, sql: Fn.sub(s.sql, used) }
    })
  } catch (cause) {
    if (cause instanceof SharingError || cause instanceof SchemaError) {
      throw new InfraError('INVALID_PROP', `${owner}: the datashare is invalid: ${cause.message}`, {
        field: 'sharing',
        value: options,
        cause,
      })
    }
    throw cause
  }
}
