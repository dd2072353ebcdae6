// 陇海马路街道 as the upstream system sees it: the demo data and a large generated population.
// Pure data: nothing here loads TypeORM, so the simulator can import it on its own.
export * from './records.js';
export { creditCodeWithCheck, idCardWithCheck, ageOn, DEMO_REGION_CODE } from './people.js';
export { demoSubdistrict } from './subdistrict.js';
export { generatePopulation, type GeneratedPopulation } from './population.js';
export {
  farSideMemberFor,
  FAR_SIDE_ORGANIZATIONS,
  letterExpiresOn,
  letterHasExpired,
  letterValidDaysFor,
  type FarSideOrganization,
} from './transfers.js';
export { Random, mixSeed, hashString } from './random.js';
