import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { type GuardedProcess, guardProcess } from './process-guards.js'

function fakeProcess() {
  const proc = new EventEmitter() as EventEmitter &
    GuardedProcess & { codes: number[]; text: string }
  const stdout = Object.assign(new EventEmitter(), { write: () => true })
  const stderr = Object.assign(new EventEmitter(), {
    write: (t: string) => {
      proc.text += t
      return true
    },
  })
  Object.assign(proc, {
    codes: [],
    text: '',
    stdout,
    stderr,
    exit: (code: number) => proc.codes.push(code),
  })
  return proc
}

describe('guardProcess: errors that never reach run()', () => {
  it('stops quietly with exit 0 when the reader of stdout goes away (rsp cost | head -1)', () => {
    const proc = fakeProcess()
    guardProcess(proc, { verbose: false, json: false })
    proc.stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
    expect(proc.codes).toEqual([0])
    expect(proc.text).toBe('')
  })

  it('formats a driver error event nobody listened to (exit 1, no stack unless verbose)', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), {
      code: 'ECONNRESET',
      errno: -104,
      syscall: 'read',
    })
    const proc = fakeProcess()
    guardProcess(proc, { verbose: false, json: false })
    proc.emit('uncaughtException', reset)
    expect(proc.codes).toEqual([1])
    expect(proc.text).toBe(
      'error read ECONNRESET\n  ↳ the server closed the connection (was it stopped or restarted?); run the command again\n',
    )
    const verbose = fakeProcess()
    guardProcess(verbose, { verbose: true, json: false })
    verbose.emit('unhandledRejection', reset)
    expect(verbose.text).toMatch(/\n\s+at /)
  })

  it('ends on Ctrl-C with a message and 130, unless the command took Ctrl-C over', () => {
    const proc = fakeProcess()
    guardProcess(proc, { verbose: false, json: false })
    proc.emit('SIGINT')
    expect(proc.codes).toEqual([130])
    expect(proc.text).toContain('error interrupted (SIGINT)')
    const serving = fakeProcess()
    guardProcess(serving, { verbose: false, json: false })
    const stop = () => serving.off('SIGINT', stop)
    serving.on('SIGINT', stop) // what interruption() does
    serving.emit('SIGINT')
    expect(serving.codes).toEqual([])
    serving.emit('SIGINT') // the second Ctrl-C ends it
    expect(serving.codes).toEqual([130])
  })
})
