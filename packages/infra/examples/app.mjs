#!/usr/bin/env node
// A CDK app for `npx cdk synth --app "node examples/app.mjs"` (see the README): the whole
// architecture from one config, cdk-nag's AwsSolutions checks run at synth.
import { buildApp } from '@redshift-playground/infra'
import { AwsSolutionsChecks } from 'cdk-nag'

const { app } = buildApp(
  {
    name: 'rsp',
    producer: { baseCapacity: 32, maxCapacity: 256 },
    consumers: { mode: 'pool', count: 2, baseCapacity: 32, maxCapacity: 64 },
    nlb: { enabled: true, stickiness: true, syncMinutes: 5 },
    traditionalCluster: { enabled: false },
    usageLimits: { consumers: { amount: 500, period: 'monthly', breachAction: 'emit-metric' } },
    monitoring: { email: 'oncall@example.com' },
    access: { allowedCidrs: ['10.0.0.0/8'] },
    copySource: { bucketName: 'my-airline-data', prefix: 'airline/' },
    tags: { project: 'redshift-playground' },
  },
  { validationPlugins: [new AwsSolutionsChecks()] },
)
app.synth()
