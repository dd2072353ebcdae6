import { DomainError, isDayDate, UNIT_CATEGORIES, UNIT_CATEGORY_LABELS, type UnitCategory } from '@dangjian/domain';
import ExcelJS from 'exceljs';

/** The survey (排查) fields of a unit that the template carries, in its column order. */
export type SurveyField =
  | 'name'
  | 'category'
  | 'creditCode'
  | 'community'
  | 'address'
  | 'hasPremises'
  | 'staffCount'
  | 'businessActive'
  | 'fullMemberCount'
  | 'surveyedOn'
  | 'building';

export interface SurveyColumn {
  field: SurveyField;
  header: string;
  required: boolean;
  width: number;
  /** How to fill it in (the template's instructions sheet). */
  note: string;
}

export const SURVEY_SHEET = '单位排查';

const YES_NO = '填「是」或「否」';

export const SURVEY_COLUMNS: readonly SurveyColumn[] = [
  { field: 'name', header: '单位名称', required: true, width: 30, note: '单位全称' },
  {
    field: 'category',
    header: '单位类别',
    required: true,
    width: 14,
    note: `从下拉列表选择：${UNIT_CATEGORIES.map((c) => UNIT_CATEGORY_LABELS[c]).join('、')}`,
  },
  {
    field: 'creditCode',
    header: '统一社会信用代码',
    required: false,
    width: 22,
    note: '18 位；非公企业和社会组织必填。已登记的代码会更新该单位的排查信息，新的代码登记为新单位',
  },
  { field: 'community', header: '所在社区', required: true, width: 22, note: '社区党组织的名称（见「社区」工作表）或社区名称' },
  { field: 'address', header: '地址', required: false, width: 30, note: '' },
  { field: 'hasPremises', header: '有固定场所', required: false, width: 12, note: YES_NO },
  { field: 'staffCount', header: '从业人员数', required: false, width: 12, note: '整数' },
  { field: 'businessActive', header: '有实际经营活动', required: false, width: 14, note: YES_NO },
  { field: 'fullMemberCount', header: '正式党员数', required: false, width: 12, note: '整数' },
  { field: 'surveyedOn', header: '排查日期', required: false, width: 14, note: '如 2026-03-15，不能晚于今天' },
  { field: 'building', header: '所在楼宇', required: false, width: 22, note: '已登记楼宇的名称；不在楼宇内的留空' },
];

export const COLUMN_OF: Record<SurveyField, SurveyColumn> = Object.fromEntries(SURVEY_COLUMNS.map((c) => [c.field, c])) as Record<
  SurveyField,
  SurveyColumn
>;

const TEMPLATE_ROWS = 500;

/** The template the survey is filled in on: the columns, drop-downs, the communities and instructions. */
export function buildSurveyTemplate(communityNames: readonly string[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '党建工作平台';
  workbook.title = '单位排查表';
  const sheet = workbook.addWorksheet(SURVEY_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = SURVEY_COLUMNS.map((column) => ({
    header: column.required ? `${column.header}*` : column.header,
    key: column.field,
    width: column.width,
  }));
  sheet.getRow(1).font = { bold: true };
  const list = (formulae: string[], prompt: string): ExcelJS.DataValidation => ({
    type: 'list',
    allowBlank: true,
    formulae,
    showErrorMessage: true,
    errorTitle: '取值无效',
    error: prompt,
  });
  const categoryList = list([`"${UNIT_CATEGORIES.map((c) => UNIT_CATEGORY_LABELS[c]).join(',')}"`], '请从下拉列表选择单位类别');
  const yesNo = list(['"是,否"'], '请填写「是」或「否」');
  const communities = communityNames.length
    ? list([`'社区'!$A$2:$A$${communityNames.length + 1}`], '请从下拉列表选择所在社区')
    : null;
  const columnIndex = (field: SurveyField) => SURVEY_COLUMNS.findIndex((c) => c.field === field) + 1;
  for (let row = 2; row <= TEMPLATE_ROWS + 1; row += 1) {
    sheet.getCell(row, columnIndex('category')).dataValidation = categoryList;
    sheet.getCell(row, columnIndex('hasPremises')).dataValidation = yesNo;
    sheet.getCell(row, columnIndex('businessActive')).dataValidation = yesNo;
    if (communities) sheet.getCell(row, columnIndex('community')).dataValidation = communities;
    sheet.getCell(row, columnIndex('creditCode')).numFmt = '@';
    sheet.getCell(row, columnIndex('surveyedOn')).numFmt = 'yyyy-mm-dd';
  }

  const names = workbook.addWorksheet('社区');
  names.columns = [{ header: '社区党组织', key: 'name', width: 32 }];
  names.getRow(1).font = { bold: true };
  for (const name of communityNames) names.addRow([name]);

  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'header', width: 20 },
    { header: '必填', key: 'required', width: 8 },
    { header: '说明', key: 'note', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const column of SURVEY_COLUMNS) help.addRow([column.header, column.required ? '是' : '', column.note]);
  help.addRow([]);
  help.addRow(['', '', '每行一个单位；不要改动第一行的列名。上传时可先“检查”，系统会列出每一行、每一列的问题，改正后再“导入”。']);
  return workbook;
}

/** One data row as read from the file: the cell texts by field, with its row number in the sheet. */
export interface SurveyRow {
  row: number;
  cells: Partial<Record<SurveyField, string>>;
}

function refuse(message: string, reason = 'IMPORT_TEMPLATE_INVALID'): DomainError {
  return new DomainError('BAD_USER_INPUT', message, reason, [{ field: 'file', reason, message }]);
}

function dayOf(date: Date): string {
  // Excel stores a day without a zone; ExcelJS gives it as midnight UTC of that day.
  return date.toISOString().slice(0, 10);
}

/** The text of a cell whatever Excel (or WPS) stored: rich text, a formula's result, a date, a number. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dayOf(value);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text).trim();
  return '';
}

function headerKey(text: string): string {
  return text.replace(/[*＊\s]/g, '');
}

/**
 * Reads the filled-in template. A file that is not an .xlsx, or has no sheet with the template's
 * columns, is refused whole; empty rows are skipped.
 */
export async function readSurvey(file: Buffer, maxRows: number): Promise<SurveyRow[]> {
  // Every .xlsx is a zip archive: check the signature before handing the bytes to the parser.
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50) {
    throw refuse('上传的文件不是 Excel（.xlsx）文件，请下载单位排查模板填写后再上传');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw refuse('无法读取上传的 Excel 文件，文件可能已损坏；请下载单位排查模板填写后再上传');
  }
  const wanted = SURVEY_COLUMNS.map((column) => column.header);
  let best: { sheet: ExcelJS.Worksheet; positions: Map<SurveyField, number>; missing: string[] } | null = null;
  for (const sheet of workbook.worksheets) {
    const positions = new Map<SurveyField, number>();
    sheet.getRow(1).eachCell((cell, column) => {
      const key = headerKey(cellText(cell.value));
      const match = SURVEY_COLUMNS.find((c) => c.header === key);
      if (match && !positions.has(match.field)) positions.set(match.field, column);
    });
    const missing = SURVEY_COLUMNS.filter((c) => !positions.has(c.field)).map((c) => c.header);
    if (!best || missing.length < best.missing.length || (missing.length === best.missing.length && sheet.name === SURVEY_SHEET)) {
      best = { sheet, positions, missing };
    }
  }
  if (!best || best.missing.length === wanted.length) {
    throw refuse(`文件不是单位排查模板：第一行应为列名（${wanted.join('、')}）。请下载模板填写后再上传`);
  }
  if (best.missing.length) {
    throw refuse(`文件不是完整的单位排查模板：「${best.sheet.name}」工作表缺少列 ${best.missing.map((h) => `「${h}」`).join('、')}。请下载模板填写后再上传`);
  }
  const rows: SurveyRow[] = [];
  const { sheet, positions } = best;
  for (let number = 2; number <= sheet.rowCount; number += 1) {
    const row = sheet.getRow(number);
    const cells: Partial<Record<SurveyField, string>> = {};
    for (const [field, column] of positions) {
      const text = cellText(row.getCell(column).value);
      if (text) cells[field] = text;
    }
    if (!Object.keys(cells).length) continue;
    rows.push({ row: number, cells });
    if (rows.length > maxRows) throw refuse(`一次最多导入 ${maxRows} 个单位，请分批上传`, 'IMPORT_TOO_MANY_ROWS');
  }
  if (!rows.length) throw refuse('模板中没有填写任何单位', 'IMPORT_EMPTY');
  return rows;
}

/** A problem with one cell (or the whole row, when `field` is null). */
export interface CellProblem {
  field: SurveyField | null;
  reason: string;
  message: string;
}

export interface ParsedSurveyRow {
  name?: string;
  category?: UnitCategory;
  creditCode?: string;
  community?: string;
  address?: string;
  hasPremises?: boolean;
  staffCount?: number;
  businessActive?: boolean;
  fullMemberCount?: number;
  surveyedOn?: string;
  building?: string;
}

const YES = new Set(['是', '有', 'Y', 'YES', 'TRUE', '1', '√']);
const NO = new Set(['否', '无', '没有', 'N', 'NO', 'FALSE', '0', '×']);

function parseDay(text: string): string | null {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!match) return null;
  const day = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return isDayDate(day) ? day : null;
}

/**
 * The typed values of one row, and the problems of the cells that cannot be read at all (a word
 * where a number belongs, an unknown category). The rules of a unit (required fields, the credit
 * code's check character, dates not in the future…) are the domain's, checked when it is written.
 */
export function parseSurveyRow(cells: SurveyRow['cells']): { values: ParsedSurveyRow; problems: CellProblem[] } {
  const values: ParsedSurveyRow = {};
  const problems: CellProblem[] = [];
  const bool = (field: 'hasPremises' | 'businessActive') => {
    const text = cells[field];
    if (text === undefined) return;
    const upper = text.toUpperCase();
    if (YES.has(upper)) values[field] = true;
    else if (NO.has(upper)) values[field] = false;
    else problems.push({ field, reason: 'YES_NO_INVALID', message: `「${COLUMN_OF[field].header}」应填「是」或「否」，而不是「${text}」` });
  };
  const count = (field: 'staffCount' | 'fullMemberCount') => {
    const text = cells[field];
    if (text === undefined) return;
    const number = Number(text.replace(/[,，\s]/g, '').replace(/人$/, ''));
    if (!Number.isInteger(number) || number < 0) {
      problems.push({ field, reason: 'NOT_AN_INTEGER', message: `「${COLUMN_OF[field].header}」应为不小于 0 的整数，而不是「${text}」` });
    } else values[field] = number;
  };
  if (cells.name !== undefined) values.name = cells.name;
  if (cells.category !== undefined) {
    const text = cells.category;
    const category = UNIT_CATEGORIES.find((c) => UNIT_CATEGORY_LABELS[c] === text || c === text.toUpperCase());
    if (category) values.category = category;
    else {
      problems.push({
        field: 'category',
        reason: 'ENUM_INVALID',
        message: `「单位类别」应为${UNIT_CATEGORIES.map((c) => `「${UNIT_CATEGORY_LABELS[c]}」`).join('、')}之一，而不是「${text}」`,
      });
    }
  }
  if (cells.creditCode !== undefined) values.creditCode = cells.creditCode.replace(/\s/g, '').toUpperCase();
  if (cells.community !== undefined) values.community = cells.community;
  if (cells.address !== undefined) values.address = cells.address;
  bool('hasPremises');
  bool('businessActive');
  count('staffCount');
  count('fullMemberCount');
  if (cells.surveyedOn !== undefined) {
    const day = parseDay(cells.surveyedOn);
    if (day) values.surveyedOn = day;
    else {
      problems.push({
        field: 'surveyedOn',
        reason: 'DATE_INVALID',
        message: `「排查日期」「${cells.surveyedOn}」不是有效日期，应写成 2026-03-15 的形式`,
      });
    }
  }
  if (cells.building !== undefined) values.building = cells.building;
  return { values, problems };
}
