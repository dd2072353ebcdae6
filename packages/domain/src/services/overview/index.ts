// The subdistrict at a glance and the cadre statistics of elections (contract: SubdistrictOverview, CadreStatistics).
export * from './overview.service.js';
