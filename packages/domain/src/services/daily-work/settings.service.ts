import type { DataSource } from 'typeorm';
import { Setting } from '../../entities/setting.entity.js';
import { DomainError } from '../../errors/domain-error.js';
import {
  DEFAULT_SETTINGS,
  SETTING_DEFINITIONS,
  SETTING_KEYS,
  isSettingKey,
  validateSettingValue,
  type SettingKey,
  type Settings,
} from '../../rules/index.js';
import type { DataScope } from '../access/index.js';
import { writeAudit, type Actor } from '../audit/index.js';
import { loadSettings } from './common.js';

export { loadSettings };

export interface SettingView {
  key: SettingKey;
  value: unknown;
  defaultValue: unknown;
  /** 中文说明 */
  description: string;
  /** Whether a local value overrides the default. */
  overridden: boolean;
  updatedBy: string | null;
  updatedAt: Date | null;
}

/** Every setting with its value in force, its default and who last changed it. */
export async function listSettings(dataSource: DataSource): Promise<SettingView[]> {
  const rows = await dataSource.manager.getRepository(Setting).find();
  const settings = await loadSettings(dataSource.manager);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return SETTING_KEYS.map((key) => {
    const row = byKey.get(key);
    return {
      key,
      value: settings[key],
      defaultValue: DEFAULT_SETTINGS[key],
      description: SETTING_DEFINITIONS[key].description,
      overridden: Boolean(row),
      updatedBy: row?.updatedBy ?? null,
      updatedAt: row?.updatedAt ?? null,
    };
  });
}

/**
 * Stores a local value of a rule (or, with `value` null, returns to the default). Only a scope over
 * everything (a district administrator) may change the rules every organisation is measured by.
 */
export async function updateSetting(
  dataSource: DataSource,
  scope: DataScope,
  actor: Actor,
  key: string,
  value: unknown,
): Promise<Settings> {
  if (!scope.all) throw DomainError.forbidden('只有区级管理员可以修改规则设置');
  if (!isSettingKey(key)) {
    throw DomainError.badInput([
      { field: 'key', reason: 'SETTING_UNKNOWN', message: `没有名为「${key}」的设置项` },
    ]);
  }
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(Setting);
    const before = await repository.findOne({ where: { key }, lock: { mode: 'pessimistic_write' } });
    const stored = value === null || value === undefined ? null : validateSettingValue(key, value);
    if (stored === null) await repository.delete({ key });
    else await repository.save({ key, value: stored, updatedBy: actor.username.slice(0, 64) });
    // Reading back checks the new value against the others (a letter validity above the maximum…)
    // and rolls the change back if they no longer fit together.
    const settings = await loadSettings(manager);
    await writeAudit(manager, actor, {
      action: 'UPDATE',
      entityType: 'Setting',
      entityId: key,
      before: before ? { value: before.value } : { value: null, default: DEFAULT_SETTINGS[key] },
      after: { value: stored, default: DEFAULT_SETTINGS[key] },
    });
    return settings;
  });
}
