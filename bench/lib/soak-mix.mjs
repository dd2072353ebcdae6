// The operations of a working day in the console, in the proportions the soak sends them: member
// lists with filters, the organisation tree, the transfer work lists, the subdistrict overview, the
// to-do summary, the daily-work lists, a few records written (checklist items, meetings) and
// sign-ins. Every write carries a marker in its title so that the end of the run can find it.

const MEMBERS = `query ($filter: MemberFilter, $after: String) {
  members(filter: $filter, first: 20, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id name gender status joinedOn idCardNumber phone organization { id name }
      latestTransfer { id direction kind status memberName fromOrganizationName toOrganizationName letterExpiresOn syncState } }
  }
}`;
const TREE = `query { organizations(first: 100, orderBy: TREE) { totalCount nodes { id name type category depth parentId memberCount } } }`;
const TRANSFERS = `query ($workList: TransferWorkList) {
  transfers(filter: { workList: $workList }, first: 20) {
    totalCount nodes { id direction kind status memberName fromOrganizationName toOrganizationName letterExpiresOn syncState }
  }
}`;
export const OVERVIEW = `query {
  subdistrictOverview {
    communityCount memberCount fullMemberCount probationaryMemberCount fullTimeStaffCount nonPublicBranchCount
    instructorCount organizationCoverageRate workCoverageRate serviceActivityCount themeEducationActivityCount
    wishFulfilledCount transfersInTransitCount overdueTransferCount
    committee { seatCount averageAge aged35OrUnderCount aged35OrUnderRatio femaleRatio collegeOrAboveCount collegeOrAboveRatio asOf }
  }
}`;
const TODOS = `query { myTodos(limit: 50) { total counts { kind count } items { kind entityType entityId title dueOn overdue route } } }`;
const MEETINGS = `query { meetings(first: 20) { totalCount nodes { id type heldOn topic } } }`;
const CHECKLIST = `query ($kind: [ChecklistKind!]) { checklistItems(first: 20, filter: { kind: $kind }) { totalCount nodes { id kind title status } } }`;
const ACTIVITIES = `query { activities(first: 20) { totalCount nodes { id kind title heldOn } } }`;
const CREATE_CHECKLIST = `mutation ($input: CreateChecklistItemInput!) { createChecklistItem(input: $input) { id title } }`;
const CREATE_MEETING = `mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { id topic } }`;
const LOGIN = `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }`;

const CHECKLIST_KINDS = ['STUDY', 'RESOURCE', 'ACTIVITY', 'RESPONSIBILITY', 'PROBLEM'];
const WORK_LISTS = ['TODO', 'UNFINISHED', 'UPCOMING'];

/** Dates within the last month, as YYYY-MM-DD in the deployment's time zone. */
function recentDate(i) {
  const day = new Date(Date.now() - (i % 28) * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(day);
}

/**
 * The operations. `branches`: ids of branches (for filters and writes); `communities`: ids of
 * organisations with children; `marker`: a run-unique word put in every title written;
 * `written`: an array the acknowledged writes are pushed to as { table, id, title }.
 */
export function soakOperations({ branches, communities, marker, written, credentials }) {
  const memberFilters = [
    {},
    { status: ['PROBATIONARY'] },
    { organizationId: null, includeDescendants: true },
    { gender: 'FEMALE' },
    { search: '张' },
    { organizationId: null },
    { status: ['FULL'], gender: 'MALE' },
  ];
  const pickFilter = (i) => {
    const filter = { ...memberFilters[i % memberFilters.length] };
    if ('organizationId' in filter)
      filter.organizationId = filter.includeDescendants
        ? communities[i % communities.length]
        : branches[i % branches.length];
    return filter;
  };
  const ack = (table) => (data, request) => {
    const record = Object.values(data)[0];
    written.push({ table, id: String(record.id), title: request.title });
  };
  return [
    {
      name: 'members (filters)',
      weight: 35,
      request: (i) => ({ query: MEMBERS, variables: { filter: pickFilter(i) } }),
    },
    { name: 'organisation tree', weight: 8, request: () => ({ query: TREE }) },
    {
      name: 'transfers work lists',
      weight: 12,
      request: (i) => ({ query: TRANSFERS, variables: { workList: WORK_LISTS[i % WORK_LISTS.length] } }),
    },
    { name: 'subdistrictOverview', weight: 8, request: () => ({ query: OVERVIEW }) },
    { name: 'myTodos', weight: 8, request: () => ({ query: TODOS }) },
    {
      name: 'daily-work lists',
      weight: 21,
      request: (i) =>
        [
          { query: MEETINGS },
          { query: CHECKLIST, variables: { kind: [CHECKLIST_KINDS[i % CHECKLIST_KINDS.length]] } },
          { query: ACTIVITIES },
        ][i % 3],
    },
    {
      name: 'createChecklistItem',
      weight: 4,
      mutation: true,
      request: (i) => {
        const title = `${marker} 清单事项 ${i}`;
        return {
          title,
          query: CREATE_CHECKLIST,
          variables: {
            input: {
              kind: CHECKLIST_KINDS[i % CHECKLIST_KINDS.length],
              organizationId: branches[i % branches.length],
              title,
              content: '压力测试写入',
              owner: '党支部书记',
            },
          },
        };
      },
      acknowledged: ack('checklist_item'),
    },
    {
      name: 'createMeeting',
      weight: 3,
      mutation: true,
      request: (i) => {
        const title = `${marker} 主题党日 ${i}`;
        return {
          title,
          query: CREATE_MEETING,
          variables: {
            input: {
              type: 'THEME_PARTY_DAY',
              organizationId: branches[i % branches.length],
              heldOn: recentDate(i),
              expectedCount: 30,
              attendedCount: 27,
              topic: title,
              place: '党群服务中心',
            },
          },
        };
      },
      acknowledged: ack('meeting'),
    },
    {
      name: 'sign-in',
      weight: 1,
      mutation: true,
      request: () => ({
        query: LOGIN,
        variables: { u: credentials.username, p: credentials.password },
        token: '',
      }),
    },
  ];
}

/** Branch ids and ids of organisations with children, from the organisation tree. */
export async function organisationsFor(gqlData, baseUrl, token) {
  const branches = [];
  const communities = [];
  let after = null;
  for (let page = 0; page < 20; page++) {
    const data = await gqlData(
      baseUrl,
      'query ($after: String) { organizations(first: 100, after: $after, orderBy: TREE) { pageInfo { hasNextPage endCursor } nodes { id type depth } } }',
      { after },
      token,
    );
    for (const node of data.organizations.nodes) {
      if (node.type === 'BRANCH') branches.push(node.id);
      else if (node.depth === 1) communities.push(node.id);
    }
    if (!data.organizations.pageInfo.hasNextPage) break;
    after = data.organizations.pageInfo.endCursor;
  }
  return { branches, communities };
}
