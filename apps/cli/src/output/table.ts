import { stripAnsi } from '../errors/format-error.js'

/** Renders rows as aligned columns; numbers (and cells starting with $) align right. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const all = [header, ...rows]
  const widths = header.map((_, i) => Math.max(...all.map((r) => stripAnsi(r[i] ?? '').length)))
  const right = header.map((_, i) =>
    rows.every(
      (r) => /^-?\$?[\d.,]+( ?(%|ms|s|MB|GB))?$/.test(stripAnsi(r[i] ?? '')) || (r[i] ?? '') === '',
    ),
  )
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - stripAnsi(cell).length))
        return right[i] && rows.length > 0 ? pad + cell : cell + pad
      })
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n')
}

/** US dollars with thousands separators. */
export function usd(n: number): string {
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
}

/** Milliseconds as a short duration. */
export function ms(n: number): string {
  if (n < 1) return `${n.toFixed(2)} ms`
  if (n < 1000) return `${n.toFixed(n < 10 ? 1 : 0)} ms`
  return `${(n / 1000).toFixed(n < 10_000 ? 2 : 1)} s`
}
