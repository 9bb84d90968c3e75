import { faker } from '@faker-js/faker/locale/en_US';
const WEBMAIL = ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'hotmail.com', 'aol.com'];
/**
 * A last name from the same en_US definitions `faker.person.lastName()` uses — its weighted
 * patterns (a name, or 5 % of the time two joined by a hyphen) over its name list — drawn with
 * faker's own helpers instead of its template engine, which costs ~13 µs a name on a cold start
 * (80 ms of the pools, on the path of every load that reaches `dim_customer`) against ~0.3 µs.
 * The draws differ from `lastName()`'s, so the names do too; they are as deterministic.
 */
function lastName() {
    const { last_name: names, last_name_pattern: patterns } = faker.rawDefinitions.person ?? {};
    const list = names?.generic;
    if (!list || !patterns?.generic)
        return faker.person.lastName();
    const pattern = faker.helpers.weightedArrayElement(patterns.generic);
    const first = faker.helpers.arrayElement(list);
    return pattern.includes('}}-{{') ? `${first}-${faker.helpers.arrayElement(list)}` : first;
}
/**
 * Builds the pools from faker (en_US only: importing every locale costs half a second per
 * worker) seeded with `seed`: deterministic, independent of chunking.
 */
export function buildCustomerPools(seed) {
    faker.seed(seed);
    const uniq = (n, make) => {
        const set = new Set();
        for (let i = 0; i < n * 4 && set.size < n; i++)
            set.add(make());
        return [...set];
    };
    return {
        female: uniq(400, () => faker.person.firstName('female')),
        male: uniq(400, () => faker.person.firstName('male')),
        last: uniq(1500, lastName),
        domains: [...WEBMAIL, ...uniq(30, () => faker.internet.domainName())],
    };
}
//# sourceMappingURL=customer-pools.js.map