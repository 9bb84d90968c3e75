import { airlineModel } from '@redshift-playground/schema/model';
const DAY_MS = 86_400_000;
/** 'YYYY-MM-DD' → days since 1970-01-01. */
function days(text) {
    return (Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10))) /
        DAY_MS);
}
/** 'HH:MM:SS' → microseconds after midnight. */
function micros(text) {
    const s = Number(text.slice(0, 2)) * 3600 + Number(text.slice(3, 5)) * 60 + Number(text.slice(6, 8));
    return BigInt(s) * 1000000n;
}
/** '-123.4' at scale 2 → -12340n: the exact unscaled value, never through a float. */
function unscaled(text, scale) {
    const dot = text.indexOf('.');
    const whole = dot < 0 ? text : text.slice(0, dot);
    const frac = (dot < 0 ? '' : text.slice(dot + 1)).padEnd(scale, '0');
    if (frac.length > scale)
        throw new Error(`"${text}" has more than ${scale} decimal places`);
    return BigInt(`${whole}${frac}`);
}
/**
 * The Parquet type of each model type, as Redshift's Parquet COPY maps them back: integers to
 * INT32/INT64, DECIMAL(p, s) to INT32 (p ≤ 9), INT64 (p ≤ 18) or a fixed-length byte array,
 * text to UTF8 byte arrays, DATE to INT32 days, TIMESTAMP to INT64 microseconds, TIME to INT64
 * microseconds after midnight.
 */
function fieldOf(name, type, nullable) {
    const repetition_type = nullable ? 'OPTIONAL' : 'REQUIRED';
    switch (type.kind) {
        case 'smallint':
            return [{ name, type: 'INT32', converted_type: 'INT_16', repetition_type }, Number];
        case 'integer':
            return [{ name, type: 'INT32', repetition_type }, Number];
        case 'bigint':
            return [{ name, type: 'INT64', repetition_type }, BigInt];
        case 'double':
            return [{ name, type: 'DOUBLE', repetition_type }, Number];
        case 'boolean':
            return [{ name, type: 'BOOLEAN', repetition_type }, (t) => t === 't'];
        case 'varchar':
        case 'char':
            return [{ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type }, String];
        case 'date':
            return [{ name, type: 'INT32', converted_type: 'DATE', repetition_type }, days];
        case 'timestamp':
            return [
                { name, type: 'INT64', converted_type: 'TIMESTAMP_MICROS', repetition_type },
                (t) => BigInt(days(t)) * 86400000000n + micros(t.slice(11)),
            ];
        case 'time':
            return [
                {
                    name,
                    type: 'INT64',
                    logical_type: { type: 'TIME', isAdjustedToUTC: false, unit: 'MICROS' },
                    repetition_type,
                },
                micros,
            ];
        case 'decimal': {
            const { precision, scale } = type;
            const decimal = {
                name,
                converted_type: 'DECIMAL',
                precision,
                scale,
                repetition_type,
            };
            // Unscaled bigints: the writer would scale plain numbers itself, through a float.
            const exact = (t) => unscaled(t, scale);
            if (precision <= 9)
                return [{ ...decimal, type: 'INT32' }, exact];
            if (precision <= 18)
                return [{ ...decimal, type: 'INT64' }, exact];
            // Two's complement big-endian, long enough for `precision` digits.
            const type_length = Math.ceil((Math.log2(10 ** precision) + 1) / 8);
            return [{ ...decimal, type: 'FIXED_LEN_BYTE_ARRAY', type_length }, exact];
        }
    }
}
/** A table's Parquet schema (root first) and the converters of its CSV fields, in column order. */
export function parquetColumnsOf(table) {
    const defs = airlineModel.tables[table.name].columns;
    const fields = table.columns.map((c) => {
        const def = defs[c];
        return fieldOf(c, def.type, def.nullable);
    });
    return {
        schema: [{ name: 'root', num_children: fields.length }, ...fields.map(([f]) => f)],
        fromText: fields.map(([, from]) => from),
    };
}
/**
 * Splits whole CSV rows (the generator's own output: RFC 4180 quoting, empty field = NULL)
 * into per-column value arrays, appending to `columns`. Returns the number of rows read.
 */
export function appendCsvRows(bytes, fromText, columns) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const n = fromText.length;
    let rows = 0;
    let i = 0;
    while (i < text.length) {
        for (let c = 0; c < n; c++) {
            let value;
            if (text.charCodeAt(i) === 34) {
                // Quoted: up to the closing quote, "" standing for one quote.
                let end = i + 1;
                let out = '';
                for (;;) {
                    const q = text.indexOf('"', end);
                    if (q < 0)
                        throw new Error('unterminated quoted CSV field');
                    out += text.slice(end, q);
                    if (text.charCodeAt(q + 1) === 34) {
                        out += '"';
                        end = q + 2;
                    }
                    else {
                        end = q + 1;
                        break;
                    }
                }
                value = out;
                i = end + 1;
                columns[c].push(fromText[c](value));
                continue;
            }
            const stop = c === n - 1 ? text.indexOf('\n', i) : text.indexOf(',', i);
            const end = stop < 0 ? text.length : stop;
            value = text.slice(i, end);
            columns[c].push(value === '' ? null : fromText[c](value));
            i = end + 1;
        }
        rows++;
    }
    return rows;
}
//# sourceMappingURL=parquet-columns.js.map