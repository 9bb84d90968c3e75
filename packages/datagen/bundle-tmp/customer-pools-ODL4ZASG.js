// dist/tables/customer-pools.js
import { faker } from "@faker-js/faker/locale/en_US";
var WEBMAIL = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "hotmail.com", "aol.com"];
function lastName() {
  const { last_name: names, last_name_pattern: patterns } = faker.rawDefinitions.person ?? {};
  const list = names?.generic;
  if (!list || !patterns?.generic)
    return faker.person.lastName();
  const pattern = faker.helpers.weightedArrayElement(patterns.generic);
  const first = faker.helpers.arrayElement(list);
  return pattern.includes("}}-{{") ? `${first}-${faker.helpers.arrayElement(list)}` : first;
}
function buildCustomerPools(seed) {
  faker.seed(seed);
  const uniq = (n, make) => {
    const set = /* @__PURE__ */ new Set();
    for (let i = 0; i < n * 4 && set.size < n; i++)
      set.add(make());
    return [...set];
  };
  return {
    female: uniq(400, () => faker.person.firstName("female")),
    male: uniq(400, () => faker.person.firstName("male")),
    last: uniq(1500, lastName),
    domains: [...WEBMAIL, ...uniq(30, () => faker.internet.domainName())]
  };
}
export {
  buildCustomerPools
};
