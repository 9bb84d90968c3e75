#!/usr/bin/env node
import { isVerbose, run } from './cli.js'
import { guardProcess } from './errors/process-guards.js'

const argv = process.argv.slice(2)
guardProcess(process, { verbose: isVerbose(argv, process.env), json: argv.includes('--json') })
process.exitCode = await run(argv)
