import type { TransferKind } from '../entities/transfer.entity.js';
import { addDays, compareDays } from './calendar.js';
import { makeMember } from './people.js';
import { hashString, Random } from './random.js';
import type { UpstreamMemberRecord, UpstreamTransferHistoryEvent, UpstreamTransferRecord, UpstreamTransferStatus } from './records.js';

/** An organisation outside the subdistrict: the far side of a transfer. */
export interface FarSideOrganization {
  id: string;
  name: string;
  /** Letters are numbered by the issuing organisation's own prefix. */
  letterPrefix: string;
  kind: TransferKind;
}

/**
 * Far sides, all fictional communities and units: Zhengzhou (letters valid 30 days), elsewhere in
 * Henan, other provinces, and units outside the online system that still use paper letters.
 */
export const FAR_SIDE_ORGANIZATIONS: readonly FarSideOrganization[] = [
  { id: '410105003012', name: '郑州市金水区文化路街道北林路社区党委', letterPrefix: '金文', kind: 'WITHIN_SYSTEM' },
  { id: '410103002005', name: '郑州市二七区淮河路街道春华社区党总支', letterPrefix: '二淮', kind: 'WITHIN_SYSTEM' },
  { id: '410102006008', name: '郑州市中原区林山寨街道秦岭路社区党委', letterPrefix: '中林', kind: 'WITHIN_SYSTEM' },
  { id: '410108001004', name: '郑州市惠济区新城街道英才社区党支部', letterPrefix: '惠新', kind: 'WITHIN_SYSTEM' },
  { id: '410104003006', name: '郑州市管城回族区北下街街道平安里社区党总支', letterPrefix: '管北', kind: 'WITHIN_SYSTEM' },
  { id: '410204002003', name: '开封市鼓楼区相国寺街道书香社区党支部', letterPrefix: '汴鼓', kind: 'WITHIN_SYSTEM' },
  { id: '410303001007', name: '洛阳市西工区王城路街道洛浦社区党委', letterPrefix: '洛西', kind: 'WITHIN_SYSTEM' },
  { id: '410702004002', name: '新乡市红旗区渠东街道和平社区党总支', letterPrefix: '新红', kind: 'WITHIN_SYSTEM' },
  { id: '310115004011', name: '上海市浦东新区花木街道锦绣社区党委', letterPrefix: '浦花', kind: 'CROSS_PROVINCE' },
  { id: '110105007003', name: '北京市朝阳区望京街道花家地社区党委', letterPrefix: '朝望', kind: 'CROSS_PROVINCE' },
  { id: '440305002009', name: '深圳市南山区粤海街道科兴社区党委', letterPrefix: '南粤', kind: 'CROSS_PROVINCE' },
  { id: '330106003004', name: '杭州市西湖区文新街道桂花社区党委', letterPrefix: '西文', kind: 'CROSS_PROVINCE' },
  { id: '320506001006', name: '苏州市吴中区长桥街道龙桥社区党总支', letterPrefix: '吴长', kind: 'CROSS_PROVINCE' },
  { id: '410100900001', name: '郑州市某保密单位机关党支部', letterPrefix: '郑保', kind: 'PAPER' },
  { id: '410000900002', name: '河南省某科研院所党委', letterPrefix: '豫科', kind: 'PAPER' },
];

/** The subdistrict's working committee issues and approves its organisations' letters. */
export const LOCAL_LETTER_PREFIX = '管陇';

/** 市内 30 days, 外地 90 days (the default settings). */
export function letterValidDaysFor(farSide: FarSideOrganization): number {
  return farSide.kind === 'WITHIN_SYSTEM' && farSide.id.startsWith('4101') ? 30 : 90;
}

export function letterNumber(prefix: string, year: string, sequence: number): string {
  return `${prefix}组介〔${year}〕${String(sequence).padStart(3, '0')}号`;
}

/**
 * A member outside the subdistrict, deterministic from the id: the person behind an incoming
 * transfer before they arrive, or one who has already left. The simulator uses the same function
 * to bring a received member into scope.
 */
export function farSideMemberFor(
  memberId: string,
  options: { name?: string; organizationId?: string; today?: string } = {},
): UpstreamMemberRecord {
  const random = new Random(hashString(memberId));
  const farSide = FAR_SIDE_ORGANIZATIONS[hashString(`${memberId}/org`) % FAR_SIDE_ORGANIZATIONS.length];
  // People who move are mostly of working age.
  const age = random.weighted([
    [random.int(22, 35), 55],
    [random.int(36, 55), 35],
    [random.int(56, 75), 10],
  ]);
  return makeMember(random, {
    id: memberId,
    organizationId: options.organizationId ?? farSide.id,
    today: options.today ?? '2026-11-26',
    age,
    name: options.name,
    flags: [],
  });
}

const OUTGOING_REASONS = ['工作调动', '迁居外地', '随子女异地居住', '升学', '单位搬迁', '购房迁出本辖区'];
const INCOMING_REASONS = ['迁入本辖区居住', '工作调入辖区单位', '随子女居住', '退休回原籍居住', '毕业来郑工作'];
const RETURN_NOTES = [
  '介绍信中党员出生日期与档案不符，请核实后重新提交',
  '接收党组织名称有误，请核对去向后重新提交',
  '党员党费交纳情况与记录不一致，请核实',
];
const REVOKE_NOTES = ['党员本人申请暂缓转出，撤销介绍信', '接收单位变更，撤销原介绍信另行办理'];
const WITHDRAW_NOTES = ['党员工作安排变化，撤回转接申请', '党员决定暂不迁居，撤回申请'];

export interface TransferPlan {
  id: string;
  memberId: string;
  memberName: string;
  direction: 'OUTGOING' | 'INCOMING';
  status: UpstreamTransferStatus;
  local: { id: string; name: string };
  /** The organisation that approves and issues letters on the local side. */
  localApprover: string;
  farSide: FarSideOrganization;
  today: string;
  letterSequence: number;
  /** IN_TRANSIT: the letter expires within the week after today. */
  expiringSoon?: boolean;
  /** RECEIVED: the receipt is more than 30 days overdue. */
  receiptOverdue?: boolean;
  /** IN_TRANSIT: the letter expired once and was reissued. */
  reissued?: boolean;
}

type Step = UpstreamTransferStatus;

function stepsFor(random: Random, plan: TransferPlan): Step[] {
  const issued: Step[] = ['PENDING_APPROVAL', 'APPROVED', 'IN_TRANSIT'];
  switch (plan.status) {
    case 'PENDING_APPROVAL':
      return ['PENDING_APPROVAL'];
    case 'APPROVED':
      return ['PENDING_APPROVAL', 'APPROVED'];
    case 'IN_TRANSIT':
      return plan.reissued ? [...issued, 'EXPIRED', 'IN_TRANSIT'] : issued;
    case 'RECEIVED':
      return [...issued, 'RECEIVED'];
    case 'COMPLETED':
      return [...issued, 'RECEIVED', 'COMPLETED'];
    case 'RETURNED':
      return random.chance(0.5) ? ['PENDING_APPROVAL', 'RETURNED'] : [...issued, 'RETURNED'];
    case 'WITHDRAWN':
      return random.chance(0.5) ? ['PENDING_APPROVAL', 'WITHDRAWN'] : ['PENDING_APPROVAL', 'RETURNED', 'WITHDRAWN'];
    case 'REVOKED':
      return random.chance(0.5) ? ['PENDING_APPROVAL', 'APPROVED', 'REVOKED'] : [...issued, 'REVOKED'];
    case 'EXPIRED':
      return [...issued, 'EXPIRED'];
  }
}

/**
 * One transfer with a history that hangs together: each step on a plausible day after the one
 * before, the letter's validity and expiry, receipt dates, and who acted at each step.
 */
export function buildTransfer(random: Random, plan: TransferPlan): UpstreamTransferRecord {
  const steps = stepsFor(random, plan);
  const validDays = letterValidDaysFor(plan.farSide);
  const outgoing = plan.direction === 'OUTGOING';
  const sender = outgoing ? plan.local.name : plan.farSide.name;
  const senderApprover = outgoing ? plan.localApprover : plan.farSide.name;
  const receiver = outgoing ? plan.farSide.name : plan.local.name;

  // Day offsets of each step from the application day.
  const offsets: number[] = [0];
  let issueIndex = -1;
  for (let i = 1; i < steps.length; i++) {
    const previous = offsets[i - 1];
    let gap: number;
    switch (steps[i]) {
      case 'APPROVED':
        gap = random.int(1, 4);
        break;
      case 'IN_TRANSIT':
        gap = steps[i - 1] === 'EXPIRED' ? random.int(1, 6) : random.int(0, 2);
        issueIndex = i;
        break;
      case 'RECEIVED':
        gap = random.int(3, Math.min(25, validDays - 1));
        break;
      case 'COMPLETED':
        gap = random.int(4, 25);
        break;
      case 'EXPIRED':
        gap = validDays + 1;
        break;
      default:
        gap = random.int(1, 9);
    }
    offsets.push(previous + gap);
  }

  // Anchor the timeline so that today's facts hold (a letter about to expire, an overdue receipt).
  let startDay: string;
  if (plan.status === 'IN_TRANSIT' && plan.expiringSoon) {
    const issuedOn = addDays(plan.today, random.int(0, 7) - validDays);
    startDay = addDays(issuedOn, -offsets[issueIndex]);
  } else if (plan.status === 'RECEIVED') {
    const receivedOn = addDays(plan.today, plan.receiptOverdue ? -random.int(35, 80) : -random.int(0, 20));
    startDay = addDays(receivedOn, -offsets[offsets.length - 1]);
  } else if (plan.status === 'IN_TRANSIT') {
    const issuedOn = addDays(plan.today, -random.int(0, Math.min(15, validDays - 10)));
    startDay = addDays(issuedOn, -offsets[issueIndex]);
  } else {
    const lastAgo =
      plan.status === 'PENDING_APPROVAL' ? random.int(0, 12) : plan.status === 'COMPLETED' ? random.int(5, 240) : random.int(0, 45);
    startDay = addDays(plan.today, -lastAgo - offsets[offsets.length - 1]);
  }

  const year = (day: string) => day.slice(0, 4);
  const history: UpstreamTransferHistoryEvent[] = [];
  let letter: string | null = null;
  let letterIssuedOn: string | null = null;
  let receivedOn: string | null = null;
  let receiptOn: string | null = null;
  let lastDay = '';
  let lastMinute = 0;
  for (let i = 0; i < steps.length; i++) {
    const status = steps[i];
    const day = addDays(startDay, offsets[i]);
    let minute = 8 * 60 + 30 + random.int(0, 9 * 60);
    if (day === lastDay && minute <= lastMinute) minute = Math.min(lastMinute + random.int(5, 50), 23 * 60 + 50);
    lastDay = day;
    lastMinute = minute;
    const at = `${day}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+08:00`;
    let by: string | null;
    let note: string | null = null;
    switch (status) {
      case 'PENDING_APPROVAL':
        by = sender;
        note = outgoing ? random.pick(OUTGOING_REASONS) : random.pick(INCOMING_REASONS);
        break;
      case 'APPROVED':
        by = senderApprover;
        note = '同意转出';
        break;
      case 'IN_TRANSIT': {
        by = senderApprover;
        const prefix = outgoing ? LOCAL_LETTER_PREFIX : plan.farSide.letterPrefix;
        letter = letterNumber(prefix, year(day), plan.letterSequence + (steps[i - 1] === 'EXPIRED' ? 1 : 0));
        letterIssuedOn = day;
        note = steps[i - 1] === 'EXPIRED' ? `重新开具介绍信 ${letter}` : `开具介绍信 ${letter}`;
        break;
      }
      case 'RECEIVED':
        by = receiver;
        receivedOn = day;
        note = '党员已报到，组织关系已接收';
        break;
      case 'COMPLETED':
        by = receiver;
        receiptOn = day;
        note = '回执已寄回';
        break;
      case 'RETURNED':
        by = steps[i - 1] === 'IN_TRANSIT' ? receiver : senderApprover;
        note = random.pick(RETURN_NOTES);
        break;
      case 'WITHDRAWN':
        by = sender;
        note = random.pick(WITHDRAW_NOTES);
        break;
      case 'REVOKED':
        by = senderApprover;
        note = random.pick(REVOKE_NOTES);
        break;
      case 'EXPIRED':
        by = null;
        note = '介绍信已超过有效期，未办理接收';
        break;
      default:
        by = null;
    }
    history.push({ status, at, by, note });
  }

  const reason = history[0].note;
  const farId = plan.farSide.kind === 'PAPER' && outgoing ? null : plan.farSide.id;
  return {
    id: plan.id,
    memberId: plan.memberId,
    memberName: plan.memberName,
    kind: plan.farSide.kind,
    fromOrganizationId: outgoing ? plan.local.id : plan.farSide.id,
    fromOrganizationName: outgoing ? plan.local.name : plan.farSide.name,
    toOrganizationId: outgoing ? farId : plan.local.id,
    toOrganizationName: outgoing ? plan.farSide.name : plan.local.name,
    status: plan.status,
    reason,
    letterNumber: letter,
    letterIssuedOn,
    letterValidDays: letter ? validDays : null,
    receivedOn,
    receiptOn,
    history,
  };
}

/** The day a letter stops being valid: it is valid through issue day + validity. */
export function letterExpiresOn(transfer: Pick<UpstreamTransferRecord, 'letterIssuedOn' | 'letterValidDays'>): string | null {
  if (!transfer.letterIssuedOn || transfer.letterValidDays == null) return null;
  return addDays(transfer.letterIssuedOn, transfer.letterValidDays);
}

/** True when an IN_TRANSIT letter is past its validity on `today`. */
export function letterHasExpired(transfer: UpstreamTransferRecord, today: string): boolean {
  const expiresOn = letterExpiresOn(transfer);
  return transfer.status === 'IN_TRANSIT' && expiresOn !== null && compareDays(today, expiresOn) > 0;
}
