// aws-cdk-lib and constructs, loaded with `require` (TypeScript's `import x = require()`, which
// compiles to `createRequire(import.meta.url)` in this ESM package) instead of `import`.
//
// Why: both are CommonJS, and aws-cdk-lib defines its exports as lazy getters so that a module
// is only evaluated when a class is first used. An ESM `import` of a CommonJS module makes Node
// parse every re-exported file with cjs-module-lexer and then read every named export, which
// evaluates all of them: importing this package that way loaded ~850 aws-cdk-lib files (about a
// second of every cold `cdk synth`) where `require` loads the ~400 that the constructs use.
// The aliases below keep both meanings (value and type) of each namespace and class, so the
// construct sources read as with ordinary imports.

import core = require('aws-cdk-lib')
import constructsLib = require('constructs')

export import cloudwatch = require('aws-cdk-lib/aws-cloudwatch')
export import cloudwatchActions = require('aws-cdk-lib/aws-cloudwatch-actions')
export import cr = require('aws-cdk-lib/custom-resources')
export import ec2 = require('aws-cdk-lib/aws-ec2')
export import elbv2 = require('aws-cdk-lib/aws-elasticloadbalancingv2')
export import events = require('aws-cdk-lib/aws-events')
export import eventsTargets = require('aws-cdk-lib/aws-events-targets')
export import iam = require('aws-cdk-lib/aws-iam')
export import kms = require('aws-cdk-lib/aws-kms')
export import lambda = require('aws-cdk-lib/aws-lambda')
export import logs = require('aws-cdk-lib/aws-logs')
export import redshift = require('aws-cdk-lib/aws-redshift')
export import redshiftserverless = require('aws-cdk-lib/aws-redshiftserverless')
export import sns = require('aws-cdk-lib/aws-sns')
export import snsSubscriptions = require('aws-cdk-lib/aws-sns-subscriptions')

export import Construct = constructsLib.Construct
export type IConstruct = constructsLib.IConstruct

export import App = core.App
export import Arn = core.Arn
export import ArnFormat = core.ArnFormat
export import CfnOutput = core.CfnOutput
export import CustomResource = core.CustomResource
export import Duration = core.Duration
export import Fn = core.Fn
export import RemovalPolicy = core.RemovalPolicy
export import Stack = core.Stack
export import Tags = core.Tags
export import Token = core.Token
export import Validations = core.Validations
export type AppProps = core.AppProps
export type IPolicyValidationPlugin = core.IPolicyValidationPlugin
export type StackProps = core.StackProps
