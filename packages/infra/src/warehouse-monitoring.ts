import type { ConsumerLoadBalancer } from './consumer-load-balancer.js'
import { invalidProp } from './errors.js'
import {
  Arn,
  ArnFormat,
  cloudwatchActions as actions,
  Construct,
  cloudwatch,
  Duration,
  iam,
  kms,
  RemovalPolicy,
  Stack,
  sns,
  snsSubscriptions as subscriptions,
} from './private/cdk.js'
import { who } from './private/validate.js'
import type { IServerlessWarehouse } from './serverless-warehouse.js'

/**
 * Redshift Serverless CloudWatch metric names (namespace `AWS/Redshift-Serverless`), from
 * "Amazon Redshift Serverless metrics" in the Redshift management guide, read 2025-11.
 * Query metrics carry several dimensions (DatabaseName, QueryType, LatencyRange), so they are
 * aggregated per workgroup with Metrics Insights queries. `QueriesFailedPerSecond` is
 * unconfirmed: check it in the console of a real account.
 */
export const SERVERLESS_METRICS = Object.freeze({
  namespace: 'AWS/Redshift-Serverless',
  computeCapacity: 'ComputeCapacity',
  queriesCompleted: 'QueriesCompletedPerSecond',
  queriesFailed: 'QueriesFailedPerSecond',
  queryDuration: 'QueryDuration',
  dataStorage: 'DataStorage',
})

export interface WarehouseMonitoringProps {
  readonly producer: IServerlessWarehouse
  readonly consumers: readonly IServerlessWarehouse[]
  /** @default - no load balancer widgets or alarms */
  readonly loadBalancer?: ConsumerLoadBalancer
  /**
   * Email address subscribed to the alarm topic (the subscription must be confirmed).
   * @default - no subscription
   */
  readonly alarmEmail?: string
  /**
   * Alarm when a workgroup's RPU reaches this fraction of its `maxCapacity`.
   * @default 0.9
   */
  readonly rpuAlarmFraction?: number
  /** @default - generated */
  readonly dashboardName?: string
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/**
 * A CloudWatch dashboard (RPU, queries completed and failed, query duration, storage, NLB
 * healthy hosts and active flows) and alarms (unhealthy NLB targets, RPU near max, failed
 * queries) that notify an encrypted SNS topic.
 *
 * @example
 * new WarehouseMonitoring(stack, 'Monitoring', {
 *   producer: architecture.producer,
 *   consumers: architecture.consumers,
 *   loadBalancer: nlb,
 *   alarmEmail: 'oncall@example.com',
 * })
 */
export class WarehouseMonitoring extends Construct {
  readonly dashboard: cloudwatch.Dashboard
  readonly topic: sns.Topic
  readonly alarms: readonly cloudwatch.Alarm[]

  constructor(scope: Construct, id: string, props: WarehouseMonitoringProps) {
    super(scope, id)
    const owner = who('WarehouseMonitoring', id)
    const fraction = props.rpuAlarmFraction ?? 0.9
    if (!(fraction > 0 && fraction <= 1)) {
      invalidProp(
        'rpuAlarmFraction',
        fraction,
        `${owner}: rpuAlarmFraction ${fraction} is out of range; use a fraction above 0 and at most 1 (e.g. 0.9).`,
      )
    }
    if (props.alarmEmail !== undefined && !EMAIL.test(props.alarmEmail)) {
      invalidProp(
        'alarmEmail',
        props.alarmEmail,
        `${owner}: alarmEmail '${props.alarmEmail}' is not an email address.`,
      )
    }

    const key = new kms.Key(this, 'TopicKey', {
      description: 'Redshift playground alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    })
    // CloudWatch publishes alarms to the encrypted topic with this key.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    )
    this.topic = new sns.Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true })
    // A topic policy replaces SNS's default one, so the TLS-only Deny (enforceSSL) alone would
    // leave no one allowed to publish: alarms would fire and never notify. CloudWatch
    // publishes as its service principal; the source conditions keep other accounts' alarms
    // (the confused-deputy case) out.
    const stack = Stack.of(this)
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsOfThisAccount',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': Arn.format(
              {
                service: 'cloudwatch',
                resource: 'alarm',
                resourceName: '*',
                arnFormat: ArnFormat.COLON_RESOURCE_NAME,
              },
              stack,
            ),
          },
        },
      }),
    )
    if (props.alarmEmail)
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail))

    const warehouses = [props.producer, ...props.consumers]
    const period = Duration.minutes(5)
    const perWorkgroup = (
      w: IServerlessWarehouse,
      metricName: string,
      stat: 'SUM' | 'AVG' | 'MAX',
      label: string,
    ) =>
      new cloudwatch.MathExpression({
        expression: `SELECT ${stat}(${metricName}) FROM "${SERVERLESS_METRICS.namespace}" WHERE Workgroup = '${w.workgroupName}'`,
        label,
        period,
      })
    const rpu = (w: IServerlessWarehouse) =>
      new cloudwatch.Metric({
        namespace: SERVERLESS_METRICS.namespace,
        metricName: SERVERLESS_METRICS.computeCapacity,
        dimensionsMap: { Workgroup: w.workgroupName },
        statistic: 'Maximum',
        period,
        label: w.workgroupName,
      })

    const widgets: cloudwatch.IWidget[] = [
      new cloudwatch.GraphWidget({ title: 'RPU in use', left: warehouses.map(rpu), width: 12 }),
      new cloudwatch.GraphWidget({
        title: 'Queries completed / s',
        left: warehouses.map((w) =>
          perWorkgroup(w, SERVERLESS_METRICS.queriesCompleted, 'SUM', w.workgroupName),
        ),
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Queries failed / s',
        left: warehouses.map((w) =>
          perWorkgroup(w, SERVERLESS_METRICS.queriesFailed, 'SUM', w.workgroupName),
        ),
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Query duration (µs, average)',
        left: warehouses.map((w) =>
          perWorkgroup(w, SERVERLESS_METRICS.queryDuration, 'AVG', w.workgroupName),
        ),
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Managed storage (producer namespace)',
        left: [
          new cloudwatch.Metric({
            namespace: SERVERLESS_METRICS.namespace,
            metricName: SERVERLESS_METRICS.dataStorage,
            dimensionsMap: { Namespace: props.producer.namespaceName },
            statistic: 'Maximum',
            period: Duration.hours(1),
          }),
        ],
        width: 12,
      }),
    ]

    const alarms: cloudwatch.Alarm[] = []
    for (const w of warehouses) {
      if (w.maxCapacity !== undefined) {
        alarms.push(
          rpu(w).createAlarm(this, `RpuNearMax-${w.workgroupName}`, {
            alarmDescription: `Workgroup ${w.workgroupName} is using ${Math.round(fraction * 100)}% or more of its max ${w.maxCapacity} RPU: raise maxCapacity or spread the load.`,
            threshold: Math.floor(w.maxCapacity * fraction),
            comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            evaluationPeriods: 3,
            treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
          }),
        )
      }
      alarms.push(
        perWorkgroup(
          w,
          SERVERLESS_METRICS.queriesFailed,
          'SUM',
          `${w.workgroupName} failed`,
        ).createAlarm(this, `FailedQueries-${w.workgroupName}`, {
          alarmDescription: `Queries are failing on workgroup ${w.workgroupName}: check SYS_QUERY_HISTORY for the errors.`,
          threshold: 0,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 2,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      )
    }

    if (props.loadBalancer) {
      const tg = props.loadBalancer.targetGroup
      const healthy = tg.metrics.healthyHostCount({ period: Duration.minutes(1) })
      const unhealthy = tg.metrics.unHealthyHostCount({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      })
      widgets.push(
        new cloudwatch.GraphWidget({ title: 'NLB targets', left: [healthy, unhealthy], width: 12 }),
        new cloudwatch.GraphWidget({
          title: 'NLB active flows',
          left: [
            props.loadBalancer.loadBalancer.metrics.activeFlowCount({
              period: Duration.minutes(1),
            }),
          ],
          width: 12,
        }),
      )
      alarms.push(
        unhealthy.createAlarm(this, 'UnhealthyTargets', {
          alarmDescription:
            'The consumer NLB has unhealthy targets: a consumer is down or its endpoint IPs changed (run `rsp diagnose`).',
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 3,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      )
    }

    for (const alarm of alarms) alarm.addAlarmAction(new actions.SnsAction(this.topic))
    this.alarms = alarms
    this.dashboard = new cloudwatch.Dashboard(this, 'Resource', {
      ...(props.dashboardName ? { dashboardName: props.dashboardName } : {}),
      widgets: chunk(widgets, 2),
    })
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const rows: T[][] = []
  for (let i = 0; i < items.length; i += size) rows.push(items.slice(i, i + size))
  return rows
}
