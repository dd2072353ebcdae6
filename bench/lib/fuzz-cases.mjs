// The fuzz's requests: each a function of a random source answering { category, name, expect, … }
// for one HTTP request. `expect: 'error'` means the request is wrong and must be refused with a
// proper error (an HTTP status and an error code); `expect: 'any'` means it is a valid request with
// hostile text in it, which may succeed (the text then stored exactly as sent) or be refused.
// Every hostile text carries one of two markers: OK_MARK where storing it is right (free text of a
// record a signed-in administrator writes), NO_MARK where nothing may be stored (forged tokens,
// user names, codes); the end of the run looks for both in every text column of the database.
import { createHmac, randomBytes } from 'node:crypto';

/** A small seeded generator (mulberry32), so that a failing run can be repeated with FUZZ_SEED. */
export function randomSource(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

/** Hostile texts: SQL, script and template injections, control and odd Unicode characters. */
export function hostileTexts(mark) {
  return [
    `${mark}'; DROP TABLE member; --`,
    `${mark}' OR '1'='1`,
    `${mark}" OR 1=1 -- `,
    `${mark}'); DELETE FROM user WHERE ('1'='1`,
    `${mark}\\'; SELECT SLEEP(5); --`,
    `${mark} UNION SELECT password_hash FROM user --`,
    `${mark}<script>alert(document.cookie)</script>`,
    `${mark}<img src=x onerror=alert(1)>`,
    `${mark}javascript:alert(1)`,
    `${mark}{{7*7}}\${7*7}<%= 7*7 %>`,
    `${mark}=HYPERLINK("http://evil.example","x")`,
    `${mark}../../../../etc/passwd`,
    `${mark}\u0000nul\u0000`,
    `${mark}\u202Eevil\u202C 🙂 𠮷`,
    `${mark}%27%20OR%201%3D1`,
    `${mark}\r\nX-Injected: 1`,
  ];
}

function base64url(value) {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** An HS256 JWT of `claims` signed with `secret` (the gateway's own or another). */
export function signJwt(claims, secret, header = { alg: 'HS256', typ: 'JWT' }) {
  const head = `${base64url(header)}.${base64url(claims)}`;
  if (header.alg === 'none') return `${head}.`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** Forged, expired, alg-none and otherwise wrong tokens made from a real access token's claims. */
export function badTokens(realToken, secret) {
  const claims = JSON.parse(Buffer.from(realToken.split('.')[1], 'base64url').toString('utf8'));
  const now = Math.floor(Date.now() / 1000);
  const wrongSecret = randomBytes(48).toString('base64url');
  return [
    ['expired (right key)', signJwt({ ...claims, iat: now - 7200, exp: now - 3600 }, secret)],
    ['forged signature', signJwt(claims, wrongSecret)],
    ['alg none', signJwt(claims, '', { alg: 'none', typ: 'JWT' })],
    ['alg none, no dot', signJwt(claims, '', { alg: 'none', typ: 'JWT' }).slice(0, -1)],
    ['HS512 header', `${base64url({ alg: 'HS512', typ: 'JWT' })}.${realToken.split('.').slice(1).join('.')}`],
    ['another user (forged)', signJwt({ ...claims, sub: '999999' }, wrongSecret)],
    ['another user (right key, no such user)', signJwt({ ...claims, sub: '999999' }, secret)],
    ['refresh token used as access', signJwt({ ...claims, typ: 'refresh' }, secret)],
    ['wrong audience (right key)', signJwt({ ...claims, aud: 'someone-else' }, secret)],
    ['not yet valid (right key)', signJwt({ ...claims, nbf: now + 3600 }, secret)],
    [
      'payload changed after signing',
      `${realToken.split('.')[0]}.${base64url({ ...claims, sub: '2' })}.${realToken.split('.')[2]}`,
    ],
    ['garbage', 'not-a-token'],
    ['empty', ''],
    ['three dots', '...'],
    ['huge', 'a'.repeat(20_000)],
    ['not base64', '!!!.@@@.###'],
  ];
}

const CREATE_CHECKLIST =
  'mutation ($input: CreateChecklistItemInput!) { createChecklistItem(input: $input) { id title content owner } }';
const CREATE_MEETING =
  'mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { id topic place agenda resolutions chair recorder } }';
const CREATE_ACTIVITY =
  'mutation ($input: CreateActivityInput!) { createActivity(input: $input) { id title place note } }';
const CREATE_TRANSFER =
  'mutation ($input: CreateTransferOutInput!) { createTransferOut(input: $input) { id reason toOrganizationName } }';
const ACT =
  'mutation ($id: ID!, $input: TransferActionInput!) { actOnTransfer(id: $id, input: $input) { id status } }';
const CREATE_USER =
  'mutation ($input: CreateUserInput!) { createUser(input: $input) { id username displayName } }';
const LOGIN = 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }';
const REVEAL =
  'mutation ($id: ID!, $reason: String!) { revealMemberPii(id: $id, reason: $reason) { idCardNumber } }';
const MEMBERS =
  'query ($filter: MemberFilter) { members(filter: $filter, first: 5) { totalCount nodes { id name } } }';
const TRANSFERS =
  'query ($filter: TransferFilter) { transfers(filter: $filter, first: 5) { totalCount nodes { id } } }';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * The cases. `ctx`: { token, secret, branchId, memberIds (free to transfer), transferId, memberId,
 * okMark, noMark, runId }; `ctx.memberCursor` is kept there between rounds. Each case is { category, name, expect, method?, path?, headers?, body }.
 */
export function fuzzCases(ctx, rnd) {
  const ok = hostileTexts(ctx.okMark);
  const no = hostileTexts(ctx.noMark);
  const auth = { authorization: `Bearer ${ctx.token}` };
  const json = { 'content-type': 'application/json' };
  const gql = (query, variables, headers = auth) => ({
    path: '/graphql',
    headers: { ...json, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const tokens = badTokens(ctx.token, ctx.secret);
  // Across rounds: a member with an unfinished transfer cannot start another, so each gets one.
  const nextMember = () => {
    ctx.memberCursor = (ctx.memberCursor ?? 0) + 1;
    return ctx.memberIds[ctx.memberCursor % ctx.memberIds.length];
  };

  const malformed = [
    ['truncated JSON', '{"query": "{ me { id } '],
    ['only a brace', '{'],
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"{ me { id } }"'],
    ['query is a number', '{"query": 1}'],
    ['query is an object', '{"query": {"a": 1}}'],
    ['variables is a string', '{"query": "query ($id: ID!) { member(id: $id) { id } }", "variables": "x"}'],
    ['operationName of nothing', '{"query": "{ me { id } }", "operationName": "Nope"}'],
    ['no query', '{"variables": {}}'],
    ['empty query', '{"query": ""}'],
    ['GraphQL syntax error', '{"query": "{ me { id "}'],
    ['unknown field', '{"query": "{ nope }"}'],
    ['deep JSON nesting', `{"query": "{ me { id } }", "variables": ${'['.repeat(5000)}${']'.repeat(5000)}}`],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])],
    ['binary noise', randomBytes(4096)],
    ['trailing garbage', '{"query": "{ me { id } }"} garbage'],
    ['duplicate keys', '{"query": "{ me { id } }", "query": "{ nope }"}'],
  ];

  const deepOrg = (n) =>
    `{ organizations(first: 1) { nodes { ${'parent { '.repeat(n)}id${' }'.repeat(n)} } } }`;
  const deepChildren = (n) =>
    `{ organizations(first: 5) { nodes { ${'children { '.repeat(n)}id${' }'.repeat(n)} } } }`;
  const aliases = (n) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: subdistrictOverview { memberCount }`).join(' ')} }`;
  const wide = (n) =>
    `{ members(first: 100) { nodes { ${Array.from({ length: n }, (_, i) => `f${i}: name`).join(' ')} } } }`;
  const deep = [
    ['parent chain of 12', deepOrg(12)],
    ['parent chain of 200', deepOrg(200)],
    ['children of children ×8', deepChildren(8)],
    ['100 aliases of the overview', aliases(100)],
    ['2,000 aliased fields', wide(2000)],
    ['first: 100000', '{ members(first: 100000) { nodes { id } } }'],
    ['first: -1', '{ members(first: -1) { nodes { id } } }'],
    ['fragment cycle', 'query { me { ...A } } fragment A on User { id ...B } fragment B on User { id ...A }'],
    ['introspection', '{ __schema { types { name fields { name } } } }'],
    ['10,000 directives', `{ me { id ${'@include(if: true) '.repeat(10000)} } }`],
    ['two operations, none named', '{ me { id } } { me { username } }'],
    ['subscription', 'subscription { me { id } }'],
  ];

  const wrongTypes = [
    ['ID as an object', MEMBERS, { filter: { organizationId: { $ne: null } } }],
    ['status not in the enum', MEMBERS, { filter: { status: ['DROP TABLE'] } }],
    ['search as a number', MEMBERS, { filter: { search: 12345 } }],
    ['search as an array', MEMBERS, { filter: { search: ['a', 'b'] } }],
    ['filter as a string', MEMBERS, { filter: 'x' }],
    ['first as a string', '{ members(first: "20") { nodes { id } } }', {}],
    ['Int beyond 32 bits', 'query ($n: Int) { members(first: $n) { nodes { id } } }', { n: 2 ** 53 }],
    ['Int as a float', 'query ($n: Int) { members(first: $n) { nodes { id } } }', { n: 1.5 }],
    [
      'Date that is not a date',
      CREATE_MEETING,
      {
        input: {
          type: 'THEME_PARTY_DAY',
          organizationId: ctx.branchId,
          heldOn: '2024-02-30',
          expectedCount: 10,
          attendedCount: 5,
        },
      },
    ],
    [
      'Date as a number',
      CREATE_MEETING,
      {
        input: {
          type: 'THEME_PARTY_DAY',
          organizationId: ctx.branchId,
          heldOn: 20240101,
          expectedCount: 10,
          attendedCount: 5,
        },
      },
    ],
    [
      'negative counts',
      CREATE_MEETING,
      {
        input: {
          type: 'THEME_PARTY_DAY',
          organizationId: ctx.branchId,
          heldOn: today(),
          expectedCount: -10,
          attendedCount: -50,
        },
      },
    ],
    ['null for a required input', CREATE_CHECKLIST, { input: null }],
    ['missing required field', CREATE_CHECKLIST, { input: { kind: 'STUDY', organizationId: ctx.branchId } }],
    [
      'extra unknown field',
      CREATE_CHECKLIST,
      { input: { kind: 'STUDY', organizationId: ctx.branchId, title: 'x', isAdmin: true } },
    ],
    [
      'organisation id not a number',
      CREATE_CHECKLIST,
      { input: { kind: 'STUDY', organizationId: `1 OR 1=1 ${ctx.noMark}`, title: `${ctx.noMark} t` } },
    ],
    [
      'organisation id huge',
      CREATE_CHECKLIST,
      { input: { kind: 'STUDY', organizationId: '99999999999999999999999', title: `${ctx.noMark} t` } },
    ],
    ['member id negative', REVEAL, { id: '-1', reason: `${ctx.noMark} 核查` }],
    ['transfer id as SQL', ACT, { id: `${ctx.transferId} OR 1=1`, input: { action: 'APPROVE' } }],
    ['action not in the enum', ACT, { id: ctx.transferId, input: { action: 'DELETE' } }],
    [
      'letterValidDays huge',
      ACT,
      { id: ctx.transferId, input: { action: 'ISSUE_LETTER', letterValidDays: 2147483647 } },
    ],
    [
      'role not in the enum',
      CREATE_USER,
      { input: { username: `fz${ctx.runId}x`, password: 'Aa1!aaaaaaaaaa', role: 'ROOT' } },
    ],
  ];

  const injection = () => {
    const goodText = rnd.pick(ok);
    const badText = rnd.pick(no);
    return [
      [
        'createChecklistItem title/content/owner',
        CREATE_CHECKLIST,
        {
          input: {
            kind: rnd.pick(['STUDY', 'RESOURCE', 'ACTIVITY', 'PROBLEM', 'RESPONSIBILITY']),
            organizationId: ctx.branchId,
            title: goodText,
            content: rnd.pick(ok),
            owner: rnd.pick(ok),
          },
        },
      ],
      [
        'createMeeting text fields',
        CREATE_MEETING,
        {
          input: {
            type: 'THEME_PARTY_DAY',
            organizationId: ctx.branchId,
            heldOn: today(),
            expectedCount: 20,
            attendedCount: 18,
            topic: goodText,
            place: rnd.pick(ok),
            agenda: rnd.pick(ok),
            resolutions: rnd.pick(ok),
            chair: rnd.pick(ok),
            recorder: rnd.pick(ok),
          },
        },
      ],
      [
        'createActivity title/place/note',
        CREATE_ACTIVITY,
        {
          input: {
            kind: 'SERVICE',
            organizationId: ctx.branchId,
            heldOn: today(),
            title: goodText,
            place: rnd.pick(ok),
            note: rnd.pick(ok),
            participations: 3,
          },
        },
      ],
      [
        'createTransferOut reason/name',
        CREATE_TRANSFER,
        {
          input: {
            memberId: nextMember(),
            kind: 'WITHIN_SYSTEM',
            toOrganizationName: goodText.slice(0, 90),
            reason: rnd.pick(ok),
          },
        },
      ],
      [
        'createTransferOut organisation code',
        CREATE_TRANSFER,
        {
          input: {
            memberId: nextMember(),
            kind: 'WITHIN_SYSTEM',
            toOrganizationName: '接收支部',
            toOrganizationUpstreamId: badText,
            reason: '调动',
          },
        },
      ],
      [
        'actOnTransfer note/letterNumber',
        ACT,
        {
          id: ctx.transferId,
          input: {
            action: rnd.pick(['APPROVE', 'ISSUE_LETTER', 'RETURN', 'WITHDRAW']),
            note: goodText,
            letterNumber: rnd.pick(ok).slice(0, 40),
          },
        },
      ],
      [
        'createUser username',
        CREATE_USER,
        { input: { username: badText, password: 'Aa1!aaaaaaaaaa', role: 'VIEWER', displayName: goodText } },
      ],
      // As many people behind the reverse proxy (the gateway trusts X-Forwarded-For from loopback):
      // otherwise the throttle of failed sign-ins per address would answer every later attempt.
      [
        'login username/password',
        LOGIN,
        { u: badText, p: badText },
        { 'x-forwarded-for': `198.51.100.${rnd.int(250) + 1}` },
      ],
      ['revealMemberPii reason', REVEAL, { id: ctx.memberId, reason: goodText }],
      ['members search', MEMBERS, { filter: { search: badText } }],
      ['transfers search', TRANSFERS, { filter: { search: badText } }],
    ].map(([name, query, variables, headers]) => ({
      category: 'injection',
      name,
      expect: 'any',
      ...gql(query, variables, headers ?? auth),
    }));
  };

  const huge = () => {
    const size = rnd.pick([10_000, 100_000, 900_000]);
    return [
      {
        category: 'huge strings',
        name: `title of ${size.toLocaleString('en')} characters`,
        expect: 'error',
        ...gql(CREATE_CHECKLIST, {
          input: {
            kind: 'STUDY',
            organizationId: ctx.branchId,
            title: `${ctx.noMark}${'长'.repeat(Math.floor(size / 3))}`,
          },
        }),
      },
      {
        category: 'huge strings',
        name: `search of ${size.toLocaleString('en')} characters`,
        expect: 'any',
        ...gql(MEMBERS, { filter: { search: 'x'.repeat(size) } }),
      },
      {
        category: 'huge strings',
        name: 'body over the 1 MB limit',
        expect: 'error',
        ...gql(MEMBERS, { filter: { search: 'x'.repeat(1_200_000) } }),
      },
      {
        category: 'huge strings',
        name: 'password of 900 KB (hashing cost)',
        expect: 'error',
        ...gql(
          LOGIN,
          { u: `nobody-${ctx.runId}`, p: 'p'.repeat(900_000) },
          { 'x-forwarded-for': `203.0.113.${rnd.int(250) + 1}` },
        ),
      },
      {
        category: 'huge strings',
        name: 'reason of 600 characters (limit 500)',
        expect: 'error',
        ...gql(CREATE_TRANSFER, {
          input: {
            memberId: nextMember(),
            kind: 'WITHIN_SYSTEM',
            toOrganizationName: '接收支部',
            reason: `${ctx.noMark}${'因'.repeat(600)}`,
          },
        }),
      },
    ];
  };

  const upload = () => {
    const path = '/import/unit-survey?mode=dry-run';
    const xlsx = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    return [
      {
        name: 'oversized upload (6 MB)',
        resetIsRefusal: true,
        path,
        headers: { ...xlsx, ...auth },
        body: randomBytes(6 * 1024 * 1024),
      },
      {
        name: 'random bytes as a workbook',
        path,
        headers: { ...xlsx, ...auth },
        body: randomBytes(rnd.pick([10, 1000, 200_000])),
      },
      {
        name: 'zip header then noise',
        path,
        headers: { ...xlsx, ...auth },
        body: Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(5000)]),
      },
      { name: 'empty upload', path, headers: { ...xlsx, ...auth }, body: Buffer.alloc(0) },
      {
        name: 'mode not allowed',
        path: '/import/unit-survey?mode=drop',
        headers: { ...xlsx, ...auth },
        body: randomBytes(100),
      },
      {
        name: 'mode given twice',
        path: '/import/unit-survey?mode=dry-run&mode=commit',
        headers: { ...xlsx, ...auth },
        body: randomBytes(100),
      },
      { name: 'no token', path, headers: xlsx, body: randomBytes(100) },
      {
        name: 'forged token',
        path,
        headers: { ...xlsx, authorization: `Bearer ${tokens[1][1]}` },
        body: randomBytes(100),
      },
      { name: 'as JSON', path, headers: { ...json, ...auth }, body: '{"rows": [{"name": "x"}]}' },
    ].map((c) => ({ category: 'uploads', expect: 'error', method: 'POST', ...c }));
  };

  const badAuth = () => {
    const [name, token] = rnd.pick(tokens);
    return [
      {
        name: `${name}: createUser`,
        ...gql(
          CREATE_USER,
          {
            input: {
              username: `fz${ctx.runId}${rnd.int(1e6)}`,
              password: 'Aa1!aaaaaaaaaa',
              role: 'DISTRICT_ADMIN',
              displayName: `${ctx.noMark} forged`,
            },
          },
          { authorization: `Bearer ${token}` },
        ),
      },
      {
        name: `${name}: createChecklistItem`,
        ...gql(
          CREATE_CHECKLIST,
          { input: { kind: 'STUDY', organizationId: ctx.branchId, title: `${ctx.noMark} forged` } },
          { authorization: `Bearer ${token}` },
        ),
      },
      { name: `${name}: members`, ...gql(MEMBERS, {}, { authorization: `Bearer ${token}` }) },
      {
        name: `${name}: scheme Basic`,
        ...gql(MEMBERS, {}, { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` }),
      },
      {
        name: 'two authorization values',
        ...gql(MEMBERS, {}, { authorization: [`Bearer ${token}`, `Bearer ${ctx.token}`].join(', ') }),
      },
    ].map((c) => ({ category: 'tokens', expect: 'error', ...c }));
  };

  const contentTypes = () => {
    const body = JSON.stringify({
      query: `mutation { createChecklistItem(input: { kind: STUDY, organizationId: "${ctx.branchId}", title: "${ctx.noMark} csrf" }) { id } }`,
    });
    return [
      ['text/plain (a cross-site form could send it)', { 'content-type': 'text/plain' }],
      ['form-urlencoded', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['multipart without boundary', { 'content-type': 'multipart/form-data' }],
      ['no content type', {}],
      ['application/xml', { 'content-type': 'application/xml' }],
    ]
      .map(([name, headers]) => ({
        category: 'content types',
        name,
        expect: 'error',
        path: '/graphql',
        headers: { ...headers, ...auth },
        body,
      }))
      .concat([
        // Not a type a cross-site form can send (a browser asks first), so it may be served as JSON.
        {
          category: 'content types',
          name: 'json with an odd charset',
          expect: 'any',
          path: '/graphql',
          headers: { 'content-type': 'application/json; charset=utf-7', ...auth },
          body: JSON.stringify({
            query: `mutation { createChecklistItem(input: { kind: STUDY, organizationId: "${ctx.branchId}", title: "${ctx.okMark} charset" }) { id } }`,
          }),
        },
        {
          category: 'content types',
          name: 'mutation over GET',
          expect: 'error',
          method: 'GET',
          path: `/graphql?query=${encodeURIComponent(`mutation { createChecklistItem(input: { kind: STUDY, organizationId: "${ctx.branchId}", title: "${ctx.noMark} get" }) { id } }`)}`,
          headers: auth,
        },
        {
          category: 'content types',
          name: 'PUT /graphql',
          expect: 'error',
          method: 'PUT',
          path: '/graphql',
          headers: { ...json, ...auth },
          body: '{"query": "{ me { id } }"}',
        },
      ]);
  };

  const batch = () => {
    const one = { query: '{ me { id } }' };
    const bad = {
      query: `mutation { createChecklistItem(input: { kind: STUDY, organizationId: "${ctx.branchId}", title: "${ctx.noMark} batch" }) { id } }`,
    };
    return [
      ['batch of 2', [one, one]],
      ['batch of 1,000', Array.from({ length: 1000 }, () => one)],
      ['batch of mutations', [bad, bad, bad]],
      ['empty batch', []],
      ['batch of junk', [1, 'x', null, {}]],
    ].map(([name, list]) => ({
      category: 'batches',
      name,
      expect: 'error',
      path: '/graphql',
      headers: { ...json, ...auth },
      body: JSON.stringify(list),
    }));
  };

  return [
    ...malformed.map(([name, body]) => ({
      category: 'malformed JSON',
      name,
      expect: 'error',
      path: '/graphql',
      headers: { ...json, ...auth },
      body,
    })),
    ...deep.map(([name, query]) => ({
      category: 'deep queries',
      name,
      expect: name === 'parent chain of 12' || name.startsWith('children') ? 'any' : 'error',
      ...gql(query, {}),
    })),
    ...wrongTypes.map(([name, query, variables]) => ({
      category: 'wrong types',
      name,
      expect: 'error',
      ...gql(query, variables),
    })),
    ...injection(),
    ...huge(),
    ...upload(),
    ...badAuth(),
    ...contentTypes(),
    ...batch(),
    // Node's HTTP parser refuses it (431) and closes: the client may see the reset first.
    {
      category: 'tokens',
      name: 'authorization header of 100 KB',
      expect: 'error',
      resetIsRefusal: true,
      path: '/graphql',
      headers: { ...json, authorization: `Bearer ${'x'.repeat(100_000)}` },
      body: '{"query": "{ me { id } }"}',
    },
  ];
}
