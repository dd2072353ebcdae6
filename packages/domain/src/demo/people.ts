import type { Education, Gender, MemberFlag } from '../entities/member.entity.js';
import { creditCodeCheckCharacter } from '../rules/credit-code.js';
import { addDays, addMonths, addYears, daysBetween } from './calendar.js';
import { idCardCheckCharacter } from '../rules/id-card.js';
import type { Random } from './random.js';
import type { UpstreamMemberRecord } from './records.js';

/** 郑州市管城回族区: the region code every demo id card number starts with. */
export const DEMO_REGION_CODE = '410104';

export function idCardWithCheck(first17: string): string {
  return first17 + idCardCheckCharacter(first17);
}

export function creditCodeWithCheck(first17: string): string {
  return first17 + creditCodeCheckCharacter(first17);
}

/** Characters an organisation code body may use that are also valid in a credit code. */
const CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * The 9-character organisation code inside a credit code carries its own check character
 * (GB 11714), so a demo code passes both checks a careful reader might apply.
 */
export function organizationCodeWithCheck(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const char = body8[i];
    const value = char >= '0' && char <= '9' ? Number(char) : char.charCodeAt(0) - 55;
    sum += value * ORGANIZATION_CODE_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  return body8 + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

/**
 * A credit code of a unit registered in 管城区: '91' enterprise (market regulation), '51' social
 * group and '52' private non-enterprise unit (civil affairs).
 */
export function demoCreditCode(random: Random, registration: '91' | '51' | '52'): string {
  let body = registration === '91' ? 'MA' : '';
  while (body.length < 8) {
    body += registration === '91' ? random.pick([...CODE_CHARACTERS]) : String(random.int(0, 9));
  }
  return creditCodeWithCheck(`${registration}${DEMO_REGION_CODE}${organizationCodeWithCheck(body)}`);
}

type Era = 'OLD' | 'MIDDLE' | 'YOUNG';

const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 90], ['李', 80], ['张', 80], ['刘', 60], ['陈', 40], ['杨', 40], ['赵', 30], ['郭', 22],
  ['黄', 18], ['周', 20], ['吴', 18], ['徐', 18], ['孙', 20], ['马', 18], ['朱', 15], ['胡', 15],
  ['何', 10], ['高', 16], ['林', 5], ['罗', 8], ['郑', 10], ['梁', 10], ['谢', 8], ['宋', 12],
  ['唐', 8], ['许', 10], ['韩', 10], ['冯', 10], ['邓', 8], ['曹', 8], ['彭', 6], ['曾', 4],
  ['肖', 6], ['田', 8], ['董', 8], ['袁', 6], ['潘', 5], ['蒋', 5], ['蔡', 5], ['余', 5],
  ['杜', 7], ['程', 8], ['魏', 8], ['吕', 7], ['丁', 6], ['沈', 4], ['任', 6], ['姚', 5],
  ['卢', 5], ['崔', 6], ['贾', 6], ['范', 6], ['牛', 5], ['常', 4], ['闫', 5], ['申', 3],
  ['司', 2], ['白', 5], ['孟', 5], ['秦', 4], ['侯', 4], ['岳', 3], ['付', 5], ['苗', 3],
];

/** Surnames common among 回族 families in 管城回族区. */
const HUI_SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['马', 40], ['海', 8], ['穆', 6], ['白', 10], ['沙', 5], ['金', 6], ['米', 3], ['哈', 3],
  ['丁', 6], ['杨', 5], ['王', 8], ['李', 6], ['张', 5],
];

const GIVEN_NAMES: Record<Gender, Record<Era, readonly string[]>> = {
  MALE: {
    OLD: ['建国', '国庆', '建华', '卫东', '志强', '振华', '德明', '光明', '保国', '永福', '金生', '国栋', '文斌', '学军', '宏伟', '海军', '福生', '长江', '爱国', '树林', '德山', '运来'],
    MIDDLE: ['伟', '强', '磊', '军', '勇', '涛', '斌', '刚', '辉', '鹏', '志刚', '建伟', '海涛', '晓东', '俊杰', '立新', '红军', '永强', '东升', '明亮', '卫国', '建军', '学峰', '新民'],
    YOUNG: ['浩然', '子轩', '宇航', '一鸣', '博文', '皓', '睿', '晨阳', '思远', '泽宇', '俊豪', '天佑', '家豪', '梓豪', '宇', '航', '鑫', '帆', '凯', '旭', '嘉诚', '子墨', '逸飞', '明轩'],
  },
  FEMALE: {
    OLD: ['秀兰', '桂英', '淑珍', '玉兰', '凤英', '秀英', '桂兰', '淑华', '玉珍', '秀珍', '素梅', '翠花', '金凤', '爱华', '桂芳', '秀芳', '淑英', '玉梅', '美华', '丽华', '春兰', '巧云'],
    MIDDLE: ['丽', '娟', '敏', '静', '艳', '芳', '霞', '红', '燕', '丽娟', '海燕', '晓红', '春梅', '雪梅', '小红', '丽萍', '秀丽', '凤', '琳', '慧', '红梅', '晓燕', '亚丽', '彩霞'],
    YOUNG: ['欣怡', '诗涵', '雨萱', '梓涵', '佳怡', '思琪', '婷', '雪', '瑶', '璐', '一诺', '可馨', '子涵', '若曦', '静怡', '梦瑶', '雨欣', '佳琪', '晓雯', '语嫣', '文静', '佳慧', '心怡', '雅楠'],
  },
};

function eraOf(birthYear: number): Era {
  if (birthYear < 1962) return 'OLD';
  if (birthYear < 1988) return 'MIDDLE';
  return 'YOUNG';
}

export function personName(random: Random, gender: Gender, birthYear: number, ethnicity = '汉族'): string {
  const surname = random.weighted(ethnicity === '回族' ? HUI_SURNAMES : SURNAMES);
  return surname + random.pick(GIVEN_NAMES[gender][eraOf(birthYear)]);
}

export function demoEthnicity(random: Random, huiShare = 0.06): string {
  if (random.chance(huiShare)) return '回族';
  return random.weighted([
    ['汉族', 970],
    ['满族', 12],
    ['蒙古族', 8],
    ['壮族', 4],
    ['土家族', 3],
    ['朝鲜族', 3],
  ]);
}

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156',
  '157', '158', '159', '166', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187',
  '188', '189', '191', '198', '199',
] as const;

export function mobilePhone(random: Random): string {
  return random.pick(MOBILE_PREFIXES) + random.digits(8);
}

const EDUCATION_BEFORE_1950: ReadonlyArray<readonly [Education, number]> = [
  ['JUNIOR_HIGH_OR_BELOW', 45], ['HIGH_SCHOOL', 25], ['SECONDARY', 15], ['JUNIOR_COLLEGE', 10], ['UNDERGRADUATE', 5],
];
const EDUCATION_BEFORE_1966: ReadonlyArray<readonly [Education, number]> = [
  ['JUNIOR_HIGH_OR_BELOW', 25], ['HIGH_SCHOOL', 30], ['SECONDARY', 18], ['JUNIOR_COLLEGE', 17], ['UNDERGRADUATE', 9], ['POSTGRADUATE', 1],
];
const EDUCATION_BEFORE_1981: ReadonlyArray<readonly [Education, number]> = [
  ['JUNIOR_HIGH_OR_BELOW', 6], ['HIGH_SCHOOL', 14], ['SECONDARY', 14], ['JUNIOR_COLLEGE', 32], ['UNDERGRADUATE', 30], ['POSTGRADUATE', 4],
];
const EDUCATION_LATER: ReadonlyArray<readonly [Education, number]> = [
  ['HIGH_SCHOOL', 3], ['SECONDARY', 5], ['JUNIOR_COLLEGE', 30], ['UNDERGRADUATE', 50], ['POSTGRADUATE', 12],
];

/** Education by generation: the share with a degree grows sharply for those born after 1980. */
export function educationFor(random: Random, birthYear: number): Education {
  if (birthYear < 1950) return random.weighted(EDUCATION_BEFORE_1950);
  if (birthYear < 1966) return random.weighted(EDUCATION_BEFORE_1966);
  if (birthYear < 1981) return random.weighted(EDUCATION_BEFORE_1981);
  return random.weighted(EDUCATION_LATER);
}

/** Completed years of age at `on`. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A birth date giving exactly `age` completed years on `on`. */
export function birthDateForAge(random: Random, age: number, on: string): string {
  const latest = addYears(on, -age);
  const earliest = addDays(addYears(on, -age - 1), 1);
  return addDays(earliest, random.int(0, daysBetween(earliest, latest)));
}

/** An age in completed years, weighted as a residential community's membership is: many retirees. */
const AGE_DECADES: ReadonlyArray<readonly [number, number]> = [
  [20, 9], [30, 14], [40, 14], [50, 16], [60, 19], [70, 17], [80, 11],
];
const DUES_MONTHS_BEHIND: ReadonlyArray<readonly [number, number]> = [
  [0, 48], [1, 26], [2, 8], [3, 5], [5, 4], [8, 3], [-1, 6],
];

export function communityMemberAge(random: Random): number {
  const decade = random.weighted(AGE_DECADES);
  return decade === 80 ? random.int(80, 90) : random.int(decade, decade + 9);
}

export function idCardNumber(birthDate: string, gender: Gender, sequence: number): string {
  // The third sequence digit is odd for men and even for women.
  const base = Math.floor(sequence / 5) * 10 + (sequence % 5) * 2 + (gender === 'MALE' ? 1 : 0);
  return idCardWithCheck(`${DEMO_REGION_CODE}${birthDate.replaceAll('-', '')}${String(base % 1000).padStart(3, '0')}`);
}

export interface MemberOptions {
  id: string;
  organizationId: string;
  today: string;
  age?: number;
  /** A given birth date (the age is then ignored). */
  birthDate?: string;
  /** The age is completed years on this day instead of `today`. */
  ageOnDay?: string;
  gender?: Gender;
  education?: Education;
  ethnicity?: string;
  huiShare?: number;
  status?: 'FULL' | 'PROBATIONARY' | 'OVERDUE_PROBATIONARY';
  /** FULL members: the latest day they may have become full (seat holders: before their election). */
  fullBy?: string;
  flags?: MemberFlag[];
  /** Id card numbers already used, so none is given twice. */
  usedIdCards?: Set<string>;
  /** A unique sequence for the id card when the caller can give one (large populations). */
  idCardSequence?: number;
  name?: string;
}

export function makeMember(random: Random, options: MemberOptions): UpstreamMemberRecord {
  const today = options.today;
  const age = options.age ?? communityMemberAge(random);
  const gender = options.gender ?? (random.chance(age > 60 ? 0.5 : 0.46) ? 'FEMALE' : 'MALE');
  const birthDate = options.birthDate ?? birthDateForAge(random, age, options.ageOnDay ?? today);
  const birthYear = Number(birthDate.slice(0, 4));
  const ethnicity = options.ethnicity ?? demoEthnicity(random, options.huiShare);
  const name = options.name ?? personName(random, gender, birthYear, ethnicity);
  const education = options.education ?? educationFor(random, birthYear);

  let sequence = options.idCardSequence ?? random.int(0, 499);
  let idCard = idCardNumber(birthDate, gender, sequence);
  if (options.usedIdCards) {
    while (options.usedIdCards.has(idCard)) {
      sequence = (sequence + 1) % 500;
      idCard = idCardNumber(birthDate, gender, sequence);
    }
    options.usedIdCards.add(idCard);
  }

  const status = options.status ?? (random.chance(0.095) ? 'PROBATIONARY' : 'FULL');
  const eighteenth = addYears(birthDate, 18);
  let joinedOn: string;
  let fullMemberOn: string | null = null;
  if (status === 'PROBATIONARY') {
    joinedOn = addDays(today, -random.int(20, 350));
  } else if (status === 'OVERDUE_PROBATIONARY') {
    joinedOn = addDays(today, -random.int(380, 520));
  } else {
    const fullBy = options.fullBy ?? today;
    // Probation is a year, so a full member joined at least a year (and a little) before fullBy.
    const latestJoin = addDays(fullBy, -380);
    const joinAge = random.weighted([
      [random.int(18, 25), 50],
      [random.int(26, 35), 35],
      [random.int(36, 50), 15],
    ]);
    joinedOn = addDays(addYears(birthDate, joinAge), random.int(0, 300));
    if (joinedOn > latestJoin) joinedOn = addDays(latestJoin, -random.int(0, 200));
    if (joinedOn < eighteenth) joinedOn = eighteenth;
    const extended = random.chance(0.04);
    fullMemberOn = extended ? addMonths(joinedOn, 18) : addYears(joinedOn, 1);
    if (fullMemberOn > fullBy) fullMemberOn = addYears(joinedOn, 1);
  }
  if (joinedOn < eighteenth) joinedOn = eighteenth;

  const flags: MemberFlag[] = options.flags ?? [];
  if (!options.flags) {
    if (random.chance(age < 50 ? 0.06 : 0.015)) flags.push('MOBILE');
    if (random.chance(0.012)) flags.push('LOST_CONTACT');
  }

  const joinedMonth = joinedOn.slice(0, 7);
  let duesPaidThrough: string | null;
  if (flags.includes('LOST_CONTACT')) {
    duesPaidThrough = addMonths(today, -random.int(7, 20)).slice(0, 7);
  } else {
    const behind = random.weighted(DUES_MONTHS_BEHIND);
    duesPaidThrough = addMonths(today, -behind).slice(0, 7);
  }
  if (duesPaidThrough < joinedMonth) duesPaidThrough = joinedMonth;

  const phone = random.chance(age >= 85 ? 0.7 : 0.97) ? mobilePhone(random) : null;

  return {
    id: options.id,
    name,
    gender,
    ethnicity,
    birthDate,
    idCardNumber: idCard,
    phone,
    education,
    status: status === 'OVERDUE_PROBATIONARY' ? 'PROBATIONARY' : status,
    joinedOn,
    fullMemberOn,
    organizationId: options.organizationId,
    duesPaidThrough,
    flags,
  };
}
