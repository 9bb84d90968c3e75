import { quoteIdent } from '@redshift-playground/schema/model';
import { DatagenError } from '../../errors.js';
const qualified = (t, schema) => `${quoteIdent(schema ?? t.schema, 'schema')}.${quoteIdent(t.name, 'table')}`;
/** `COPY schema.table (columns) FROM <source> WITH (FORMAT csv)`. */
export function copyFromSql(t, source, schema) {
    return `COPY ${qualified(t, schema)} (${t.columns.map((c) => quoteIdent(c, 'column')).join(', ')}) FROM ${source} WITH (FORMAT csv)`;
}
/**
 * The atomic replace used by the PostgreSQL and PGlite sinks: one transaction that
 * (1) saves and drops every foreign key touching the target tables, (2) TRUNCATEs them,
 * (3) COPYs every table, (4) re-creates the foreign keys — validated in bulk — and commits.
 *
 * Why not load shadow tables and rename them in: renaming swaps table identities, so grants,
 * views, RLS policies and masking attached to the old tables (the sharing package adds them)
 * would stay behind, and FKs would point at the old tables. Truncate + COPY in one transaction
 * keeps the tables (and everything attached to them); any failure rolls back to the previous
 * contents, and a re-run simply replaces them again. Dropping the FKs for the load avoids a
 * per-row trigger check; re-adding them checks every row at once. Readers wait on the
 * ACCESS EXCLUSIVE lock for the load's duration and then see only the new data.
 */
export class PgAtomicLoad {
    #db;
    #schema;
    #saved = [];
    #open = false;
    constructor(db, schema) {
        this.#db = db;
        this.#schema = schema;
    }
    copySql(t, source) {
        return copyFromSql(t, source, this.#schema);
    }
    async begin(plan) {
        const names = plan.tables.map((t) => qualified(t, this.#schema));
        for (const [i, name] of names.entries()) {
            const { rows } = await this.#db.query('SELECT to_regclass($1) IS NOT NULL AS present', [name]);
            if (rows[0]?.present !== true)
                throw new DatagenError('MISSING_TABLE', `Table ${name} does not exist. Create the schema first (the schema package's Postgres DDL / migrations), then load.`, { field: 'tables', value: plan.tables[i]?.name });
        }
        await this.#db.query('BEGIN');
        this.#open = true;
        const { rows } = await this.#db.query(`SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
         FROM pg_constraint c
        WHERE c.contype = 'f' AND (c.conrelid = ANY($1::regclass[]) OR c.confrelid = ANY($1::regclass[]))
        ORDER BY c.conrelid::regclass::text, c.conname`, [names]);
        this.#saved = rows.map((r) => ({
            tbl: String(r.tbl),
            name: String(r.name),
            def: String(r.def),
        }));
        // regclass::text is rendered (and quoted where needed) by the server itself.
        for (const fk of this.#saved)
            await this.#db.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${quoteIdent(fk.name, 'constraint')}`);
        await this.#db.query(`TRUNCATE TABLE ${names.join(', ')}`);
    }
    async commit() {
        for (const fk of this.#saved)
            await this.#db.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${quoteIdent(fk.name, 'constraint')} ${fk.def}`);
        await this.#db.query('COMMIT');
        this.#open = false;
    }
    async abort() {
        if (!this.#open)
            return;
        this.#open = false;
        await this.#db.query('ROLLBACK');
    }
}
//# sourceMappingURL=pg-atomic-load.js.map