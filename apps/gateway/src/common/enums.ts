import { registerEnumType } from '@nestjs/graphql';
import {
  EDUCATIONS,
  GENDERS,
  MEMBER_FLAGS,
  MEMBER_SORTS,
  MEMBER_STATUSES,
  ORGANIZATION_CATEGORIES,
  ORGANIZATION_SORTS,
  ORGANIZATION_TYPES,
  PERMISSIONS,
  ROLES,
  SEAT_ROLES,
  SYNC_COLLECTIONS,
  SYNC_RUN_STATUSES,
  SYNC_STATES,
  TRANSFER_ACTIONS,
  TRANSFER_DIRECTIONS,
  TRANSFER_KINDS,
  TRANSFER_STATUSES,
} from '@dangjian/domain';

/** A GraphQL enum object from one of the domain's `const` arrays: one list of values, one place. */
function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const RoleEnum = enumOf(ROLES);
export const PermissionEnum = enumOf(PERMISSIONS);
export const OrganizationTypeEnum = enumOf(ORGANIZATION_TYPES);
export const OrganizationCategoryEnum = enumOf(ORGANIZATION_CATEGORIES);
export const OrganizationSortEnum = enumOf(ORGANIZATION_SORTS);
export const GenderEnum = enumOf(GENDERS);
export const MemberStatusEnum = enumOf(MEMBER_STATUSES);
export const EducationEnum = enumOf(EDUCATIONS);
export const MemberFlagEnum = enumOf(MEMBER_FLAGS);
export const MemberSortEnum = enumOf(MEMBER_SORTS);
export const TransferDirectionEnum = enumOf(TRANSFER_DIRECTIONS);
export const TransferKindEnum = enumOf(TRANSFER_KINDS);
export const TransferStatusEnum = enumOf(TRANSFER_STATUSES);
export const TransferActionEnum = enumOf(TRANSFER_ACTIONS);
export const SyncStateEnum = enumOf(SYNC_STATES);
export const SyncCollectionEnum = enumOf(SYNC_COLLECTIONS);
export const SyncRunStatusEnum = enumOf(SYNC_RUN_STATUSES);
export const SeatRoleEnum = enumOf(SEAT_ROLES);

registerEnumType(RoleEnum, { name: 'Role', description: '用户角色' });
registerEnumType(PermissionEnum, { name: 'Permission', description: '权限（由角色决定，见权限表）' });
registerEnumType(OrganizationTypeEnum, { name: 'OrganizationType', description: '党组织类型' });
registerEnumType(OrganizationCategoryEnum, { name: 'OrganizationCategory', description: '党组织类别' });
registerEnumType(OrganizationSortEnum, {
  name: 'OrganizationSort',
  description: 'TREE：按层级与排序号；NAME：按名称；ID：按编号',
});
registerEnumType(GenderEnum, { name: 'Gender' });
registerEnumType(MemberStatusEnum, { name: 'MemberStatus', description: '正式党员 FULL / 预备党员 PROBATIONARY' });
registerEnumType(EducationEnum, { name: 'Education', description: '学历；大专及以上 = JUNIOR_COLLEGE 及以上' });
registerEnumType(MemberFlagEnum, { name: 'MemberFlag', description: '流动党员 MOBILE / 失联党员 LOST_CONTACT' });
registerEnumType(MemberSortEnum, {
  name: 'MemberSort',
  description: 'ID：按编号；NAME：按姓名；JOINED_ON：入党时间由近及远；BIRTH_DATE：出生日期',
});
registerEnumType(TransferDirectionEnum, { name: 'TransferDirection', description: '转出 OUTGOING / 转入 INCOMING' });
registerEnumType(TransferKindEnum, { name: 'TransferKind' });
registerEnumType(TransferStatusEnum, { name: 'TransferStatus' });
registerEnumType(TransferActionEnum, { name: 'TransferAction' });
registerEnumType(SyncStateEnum, { name: 'SyncState' });
registerEnumType(SyncCollectionEnum, { name: 'SyncCollection' });
registerEnumType(SyncRunStatusEnum, { name: 'SyncRunStatus' });
registerEnumType(SeatRoleEnum, { name: 'SeatRole', description: '书记 / 副书记 / 委员' });
