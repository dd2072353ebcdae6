import { gql, type RequestOptions } from './request';
import type { SubdistrictOverview } from './types';

export function getSubdistrictOverview(asOf?: string, options: RequestOptions = {}): Promise<SubdistrictOverview> {
  return gql<{ subdistrictOverview: SubdistrictOverview }>(
    `query SubdistrictOverview($asOf: Date) {
      subdistrictOverview(asOf: $asOf) {
        communityCount memberCount fullMemberCount probationaryMemberCount
        committee {
          asOf seatCount averageAge aged35OrUnderCount aged35OrUnderRatio
          collegeOrAboveCount collegeOrAboveRatio femaleRatio
        }
        fullTimeStaffCount nonPublicBranchCount instructorCount
        organizationCoverageRate workCoverageRate
        serviceActivityCount themeEducationActivityCount wishFulfilledCount
        transfersInTransitCount overdueTransferCount
      }
    }`,
    asOf ? { asOf } : {},
    options,
  ).then((data) => data.subdistrictOverview);
}
