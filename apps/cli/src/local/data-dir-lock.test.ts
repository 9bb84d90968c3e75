import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataDirInUseError, LOCK_FILE, lockDataDirOrFail } from './data-dir-lock.js'

const fresh = () => mkdtempSync(join(tmpdir(), 'rsp-lock-'))

describe('lockDataDirOrFail', () => {
  it('holds the directory until released; a second opener is refused with the holder', () => {
    const dir = fresh()
    const lock = lockDataDirOrFail(dir, 'rsp local serve --dir db')
    const held = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))
    expect(held).toMatchObject({
      pid: process.pid,
      host: hostname(),
      command: 'rsp local serve --dir db',
    })
    let error: unknown
    try {
      lockDataDirOrFail(dir, 'rsp load --to local --dir db')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(DataDirInUseError)
    expect((error as DataDirInUseError).holder.pid).toBe(process.pid)
    expect((error as Error).message).toContain(
      `is in use by \`rsp local serve --dir db\` (PID ${process.pid}`,
    )
    lock.release()
    lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    lockDataDirOrFail(dir, 'again').release()
  })

  it('names another running process that holds it, and takes the lock over once that process is gone', async () => {
    const dir = fresh()
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore',
    })
    const pid = child.pid ?? 0
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({
        pid,
        host: hostname(),
        command: 'rsp load --to local --dir db',
        since: new Date().toISOString(),
        token: 'other',
      }),
    )
    try {
      expect(() => lockDataDirOrFail(dir, 'rsp share --dir db')).toThrow(
        `is in use by \`rsp load --to local --dir db\` (PID ${pid}`,
      )
    } finally {
      child.kill('SIGKILL')
      await new Promise((r) => child.once('exit', r))
    }
    // The holder died without releasing: the lock is stale and taken over.
    const lock = lockDataDirOrFail(dir, 'rsp share --dir db')
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid)
    lock.release()
  })

  it('treats a lock file that does not parse as debris', () => {
    const dir = fresh()
    writeFileSync(join(dir, LOCK_FILE), 'garbage')
    lockDataDirOrFail(dir).release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
  })

  it('release leaves a lock that another holder took alone', () => {
    const dir = fresh()
    const lock = lockDataDirOrFail(dir, 'a')
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.pid, host: hostname(), command: 'b', since: '', token: 'b' }),
    )
    lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true)
  })
})
