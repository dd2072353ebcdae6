import { registerEnumType } from '@nestjs/graphql';
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  CENTER_LEVELS,
  CENTER_STAGE_LABELS,
  CENTER_STAGES,
  CHECKLIST_KIND_LABELS,
  CHECKLIST_KINDS,
  CHECKLIST_STATUS_LABELS,
  CHECKLIST_STATUSES,
  COMPLIANCE_LABELS,
  FREQUENCIES,
  FREQUENCY_LABELS,
  GUIDANCE_ITEM_LABELS,
  GUIDANCE_ITEM_STATE_LABELS,
  GUIDANCE_ITEM_STATES,
  GUIDANCE_ITEMS,
  GUIDANCE_METHODS,
  LINKAGE_TYPE_LABELS,
  LINKAGE_TYPES,
  MEETING_TYPE_LABELS,
  MEETING_TYPES,
  RELIEF_KIND_LABELS,
  RELIEF_KINDS,
  RENOVATION_KINDS,
  RENOVATION_STATUS_LABELS,
  RENOVATION_STATUSES,
  REQUEST_CATEGORIES,
  REQUEST_CATEGORY_LABELS,
  REQUEST_SCALE_LABELS,
  REQUEST_SCALES,
  REQUEST_SOURCES,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_LABELS,
  SHARING_ROUTE_LABELS,
  SHARING_ROUTES,
  TERM_WARNING_LABELS,
  UNIT_CATEGORIES,
  UNIT_CATEGORY_LABELS,
  WISH_BENEFICIARY_CATEGORIES,
  WISH_BENEFICIARY_CATEGORY_LABELS,
  WISH_STATUS_LABELS,
  WISH_STATUSES,
  type Compliance,
  type TermWarning,
} from '@dangjian/domain';

/** A GraphQL enum object from one of the domain's `const` arrays, so the values live in one place. */
export function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

/** Registers an enum whose every value carries its Chinese label as the description. */
export function registerLabelledEnum<T extends string>(
  values: { [K in T]: K },
  name: string,
  description: string,
  labels?: Partial<Record<T, string>>,
): void {
  const valuesMap = labels
    ? (Object.fromEntries(Object.entries(labels).map(([key, label]) => [key, { description: label as string }])) as Partial<
        Record<T, { description: string }>
      >)
    : undefined;
  registerEnumType(values, { name, description, ...(valuesMap ? { valuesMap } : {}) });
}

export const SortDirectionEnum = enumOf(['ASC', 'DESC'] as const);
registerLabelledEnum(SortDirectionEnum, 'SortDirection', '排序方向', { ASC: '升序', DESC: '降序' });

export const ChecklistKindEnum = enumOf(CHECKLIST_KINDS);
registerLabelledEnum(ChecklistKindEnum, 'ChecklistKind', '清单类别', CHECKLIST_KIND_LABELS);
export const ChecklistStatusEnum = enumOf(CHECKLIST_STATUSES);
registerLabelledEnum(ChecklistStatusEnum, 'ChecklistStatus', '清单事项状态：问题清单 待办 → 整改中 → 已销号，其他清单 待办 → 已销号', CHECKLIST_STATUS_LABELS);

export const MeetingTypeEnum = enumOf(MEETING_TYPES);
registerLabelledEnum(MeetingTypeEnum, 'MeetingType', '组织生活会议类型（三会一课等）', MEETING_TYPE_LABELS);
export const MeetingFrequencyEnum = enumOf(FREQUENCIES);
registerLabelledEnum(MeetingFrequencyEnum, 'MeetingFrequency', '考核频次', FREQUENCY_LABELS);
export const ComplianceStatusEnum = enumOf(Object.keys(COMPLIANCE_LABELS) as Compliance[]);
registerLabelledEnum(ComplianceStatusEnum, 'ComplianceStatus', '落实情况：MET 绿（已落实）、OPEN 黄（周期未结束）、MISSED 红（周期已过未落实）', COMPLIANCE_LABELS);

export const ActivityKindEnum = enumOf(ACTIVITY_KINDS);
registerLabelledEnum(ActivityKindEnum, 'ActivityKind', '活动类别', ACTIVITY_KIND_LABELS);
export const WishStatusEnum = enumOf(WISH_STATUSES);
registerLabelledEnum(WishStatusEnum, 'WishStatus', '微心愿状态：征集 → 认领 → 圆梦', WISH_STATUS_LABELS);
export const WishBeneficiaryCategoryEnum = enumOf(WISH_BENEFICIARY_CATEGORIES);
registerLabelledEnum(WishBeneficiaryCategoryEnum, 'WishBeneficiaryCategory', '圆梦对象类别', WISH_BENEFICIARY_CATEGORY_LABELS);

export const LinkageTypeEnum = enumOf(LINKAGE_TYPES);
registerLabelledEnum(LinkageTypeEnum, 'LinkageType', '七项联动', LINKAGE_TYPE_LABELS);

export const UnitCategoryEnum = enumOf(UNIT_CATEGORIES);
registerLabelledEnum(UnitCategoryEnum, 'UnitCategory', '单位类别', UNIT_CATEGORY_LABELS);

export const RequestSourceEnum = enumOf(REQUEST_SOURCES);
registerLabelledEnum(RequestSourceEnum, 'RequestSource', '诉求来源', { ENTERPRISE: '企业（经楼宇党建指导站）', RESIDENT: '居民（经社区）' });
export const RequestScaleEnum = enumOf(REQUEST_SCALES);
registerLabelledEnum(RequestScaleEnum, 'RequestScale', '事项大小', REQUEST_SCALE_LABELS);
export const RequestCategoryEnum = enumOf(REQUEST_CATEGORIES);
registerLabelledEnum(RequestCategoryEnum, 'RequestCategory', '诉求类别', REQUEST_CATEGORY_LABELS);
export const RequestStatusEnum = enumOf(REQUEST_STATUSES);
registerLabelledEnum(RequestStatusEnum, 'RequestStatus', '诉求状态：已受理 → 办理中 → 已办结', REQUEST_STATUS_LABELS);

export const CenterLevelEnum = enumOf(CENTER_LEVELS);
registerLabelledEnum(CenterLevelEnum, 'CenterLevel', '党群服务中心层级', { SUBDISTRICT: '街道', COMMUNITY: '社区' });
export const CenterStageEnum = enumOf(CENTER_STAGES);
registerLabelledEnum(CenterStageEnum, 'CenterStage', '建设阶段', CENTER_STAGE_LABELS);
export const SharingRouteEnum = enumOf(SHARING_ROUTES);
registerLabelledEnum(SharingRouteEnum, 'SharingRoute', '面积未达标时的共享途径', SHARING_ROUTE_LABELS);
export const ServiceCategoryEnum = enumOf(SERVICE_CATEGORIES);
registerLabelledEnum(ServiceCategoryEnum, 'ServiceCategory', '八大类服务', SERVICE_CATEGORY_LABELS);

export const ReliefKindEnum = enumOf(RELIEF_KINDS);
registerLabelledEnum(ReliefKindEnum, 'ReliefKind', '民生资金类别', RELIEF_KIND_LABELS);
export const RenovationKindEnum = enumOf(RENOVATION_KINDS);
registerLabelledEnum(RenovationKindEnum, 'RenovationKind', '整治类别', { COMPOUND: '无主管楼院', ROAD: '道路' });
export const RenovationStatusEnum = enumOf(RENOVATION_STATUSES);
registerLabelledEnum(RenovationStatusEnum, 'RenovationStatus', '整治进度', RENOVATION_STATUS_LABELS);

export const GuidanceItemEnum = enumOf(GUIDANCE_ITEMS);
registerLabelledEnum(GuidanceItemEnum, 'GuidanceItem', '指导事项', GUIDANCE_ITEM_LABELS);
export const GuidanceItemStateEnum = enumOf(GUIDANCE_ITEM_STATES);
registerLabelledEnum(GuidanceItemStateEnum, 'GuidanceItemState', '指导事项的落实情况', GUIDANCE_ITEM_STATE_LABELS);
export const GuidanceMethodEnum = enumOf(GUIDANCE_METHODS);
registerLabelledEnum(GuidanceMethodEnum, 'GuidanceMethod', '指导方式', { VISIT: '上门走访', PHONE: '电话', ONLINE: '线上', TRAINING: '培训' });

export const TermWarningEnum = enumOf(Object.keys(TERM_WARNING_LABELS) as TermWarning[]);
registerLabelledEnum(TermWarningEnum, 'TermWarning', '任期状态', TERM_WARNING_LABELS);
