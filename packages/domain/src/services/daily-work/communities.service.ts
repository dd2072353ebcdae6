import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { Community } from '../../entities/daily-work/community.entity.js';
import { DomainError, Problems } from '../../errors/domain-error.js';
import { checkRequiredText } from '../../rules/index.js';
import type { DataScope } from '../access/index.js';
import type { Actor } from '../audit/index.js';
import {
  checkCount,
  checkOptionalText,
  organizationInScope,
  text,
  type Connection,
  type ListArgs,
} from './common.js';
import {
  createRecord,
  deleteRecord,
  getRecord,
  listRecords,
  updateRecord,
  type SubtreeFilter,
  type Resource,
} from './resource.js';

export interface CreateCommunityInput {
  /** The community's Party organisation (category COMMUNITY). */
  organizationId: string;
  name: string;
  shortName: string;
  brandName?: string | null;
  brandType?: string | null;
  workMethod?: string | null;
  highlights?: string | null;
  households?: number | null;
  residentCount?: number | null;
  address?: string | null;
  sortOrder?: number | null;
}
export type UpdateCommunityInput = Partial<CreateCommunityInput>;

export interface CommunityFilter extends SubtreeFilter {
  /** Part of the name, short name or brand. */
  search?: string | null;
  brandType?: string | null;
}
export type CommunitySortField = 'NAME' | 'SORT_ORDER' | 'CREATED_AT';

export const communityResource: Resource<
  Community,
  CreateCommunityInput,
  CommunityFilter,
  CommunitySortField
> = {
  entity: Community,
  entityType: 'Community',
  label: '社区',
  alias: 'community',
  orgIdExpression: 'community.organizationId',
  softDelete: true,
  sortColumns: { NAME: 'name', SORT_ORDER: 'sortOrder', CREATED_AT: 'createdAt' },
  defaultSort: { field: 'SORT_ORDER', direction: 'ASC' },
  async prepare(ctx, input, existing) {
    const problems = new Problems();
    checkRequiredText(problems, 'name', input.name, '社区名称', 50);
    checkRequiredText(problems, 'shortName', input.shortName, '简称', 20);
    checkOptionalText(problems, 'brandName', input.brandName, '品牌名称', 50);
    checkOptionalText(problems, 'brandType', input.brandType, '品牌类型', 30);
    checkOptionalText(problems, 'workMethod', input.workMethod, '工作法', 100);
    checkOptionalText(problems, 'address', input.address, '地址', 200);
    checkCount(problems, 'households', input.households, '户数');
    checkCount(problems, 'residentCount', input.residentCount, '居民人数');
    problems.throwIfAny();
    const organization = await organizationInScope(ctx.manager, ctx.scope, input.organizationId);
    if (organization.category !== 'COMMUNITY') {
      throw DomainError.badInput([
        {
          field: 'organizationId',
          reason: 'NOT_A_COMMUNITY',
          message: `「${organization.name}」不是社区党组织`,
        },
      ]);
    }
    const other = await ctx.manager
      .getRepository(Community)
      .findOne({ where: { organizationId: organization.id }, withDeleted: true });
    if (other && other.id !== existing?.id) {
      throw DomainError.conflict(`「${organization.name}」已有社区档案`, 'COMMUNITY_EXISTS', {
        id: other.id,
      });
    }
    return {
      organizationId: organization.id,
      name: input.name.trim(),
      shortName: input.shortName.trim(),
      brandName: text(input.brandName),
      brandType: text(input.brandType),
      workMethod: text(input.workMethod),
      highlights: text(input.highlights),
      households: input.households ?? null,
      residentCount: input.residentCount ?? null,
      address: text(input.address),
      sortOrder: input.sortOrder ?? 0,
    };
  },
  applyFilter(qb: SelectQueryBuilder<Community>, filter) {
    const search = text(filter.search);
    if (search) {
      qb.andWhere(
        '(community.name LIKE :search OR community.shortName LIKE :search OR community.brandName LIKE :search)',
        {
          search: `%${search}%`,
        },
      );
    }
    if (text(filter.brandType))
      qb.andWhere('community.brandType = :brandType', { brandType: text(filter.brandType) });
  },
};

export function createCommunity(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  input: CreateCommunityInput,
): Promise<Community> {
  return createRecord(dataSource, communityResource, scope, actor, input);
}

export function updateCommunity(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
  input: UpdateCommunityInput,
): Promise<Community> {
  return updateRecord(dataSource, communityResource, scope, actor, id, input);
}

export function deleteCommunity(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  id: string,
): Promise<Community> {
  return deleteRecord(dataSource, communityResource, scope, actor, id);
}

export function getCommunity(dataSource: DataSource, scope: DataScope, id: string): Promise<Community> {
  return getRecord(dataSource, communityResource, scope, id);
}

export function listCommunities(
  dataSource: DataSource,
  scope: DataScope,
  args: ListArgs<CommunityFilter, CommunitySortField> = {},
): Promise<Connection<Community>> {
  return listRecords(dataSource, communityResource, scope, args);
}
