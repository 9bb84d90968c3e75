import { faker } from '@faker-js/faker/locale/en_US'

/** Name and e-mail pools drawn once per seed from faker (faker is far too slow per row). */
export interface CustomerPools {
  readonly female: readonly string[]
  readonly male: readonly string[]
  readonly last: readonly string[]
  readonly domains: readonly string[]
}

const WEBMAIL = ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'hotmail.com', 'aol.com']

/**
 * Builds the pools from faker (en_US only: importing every locale costs half a second per
 * worker) seeded with `seed`: deterministic, independent of chunking.
 */
export function buildCustomerPools(seed: number): CustomerPools {
  faker.seed(seed)
  const uniq = (n: number, make: () => string) => {
    const set = new Set<string>()
    for (let i = 0; i < n * 4 && set.size < n; i++) set.add(make())
    return [...set]
  }
  return {
    female: uniq(400, () => faker.person.firstName('female')),
    male: uniq(400, () => faker.person.firstName('male')),
    last: uniq(1500, () => faker.person.lastName()),
    domains: [...WEBMAIL, ...uniq(30, () => faker.internet.domainName())],
  }
}
