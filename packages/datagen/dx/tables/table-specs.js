/** The specs of every generated table, as structured-cloneable plain objects. */
export function tableSpecs(model, tables) {
    const out = {};
    for (const name of tables) {
        const t = model.tables[name];
        const columns = {};
        for (const [c, def] of Object.entries(t.columns))
            columns[c] = { type: { ...def.type }, nullable: def.nullable };
        out[name] = { name: t.name, schema: t.schema, columns };
    }
    return out;
}
//# sourceMappingURL=table-specs.js.map