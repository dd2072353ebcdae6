import { DomainError } from '@dangjian/domain';
import { describe, expect, it } from 'vitest';
import { buildSurveyTemplate, cellText, parseSurveyRow, readSurvey, SURVEY_SHEET } from './unit-survey.js';

async function fileOf(fill: (rows: (number | string | Date | null)[][]) => void): Promise<Buffer> {
  const workbook = buildSurveyTemplate(['新郑路社区党委']);
  const rows: (number | string | Date | null)[][] = [];
  fill(rows);
  const sheet = workbook.getWorksheet(SURVEY_SHEET)!;
  rows.forEach((values, index) => {
    sheet.getRow(index + 2).values = values;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function refusal(file: Buffer): Promise<DomainError> {
  try {
    await readSurvey(file, 10);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('reading the unit survey template', () => {
  it('reads the filled rows by column name, skipping empty ones', async () => {
    const file = await fileOf((rows) => {
      rows.push(['某科技公司', '非公企业', '91410100MA44AAAA1X', '新郑路社区党委', null, '是', 25, '否', 3, new Date('2026-03-15T00:00:00Z'), null]);
      rows.push([]);
      rows.push(['某协会', '社会组织', null, '新郑路社区党委']);
    });
    const rows = await readSurvey(file, 10);
    expect(rows).toEqual([
      {
        row: 2,
        cells: {
          name: '某科技公司',
          category: '非公企业',
          creditCode: '91410100MA44AAAA1X',
          community: '新郑路社区党委',
          hasPremises: '是',
          staffCount: '25',
          businessActive: '否',
          fullMemberCount: '3',
          surveyedOn: '2026-03-15',
        },
      },
      { row: 4, cells: { name: '某协会', category: '社会组织', community: '新郑路社区党委' } },
    ]);
  });

  it('refuses whole a file that is not an .xlsx, a sheet without the columns, an empty template or too many rows', async () => {
    expect((await refusal(Buffer.from('单位名称,单位类别\n'))).message).toMatch(/不是 Excel/);
    const other = buildSurveyTemplate([]);
    other.removeWorksheet(other.getWorksheet(SURVEY_SHEET)!.id);
    const missing = await refusal(Buffer.from(await other.xlsx.writeBuffer()));
    expect(missing.reason).toBe('IMPORT_TEMPLATE_INVALID');
    expect(missing.fields).toEqual([{ field: 'file', reason: 'IMPORT_TEMPLATE_INVALID', message: missing.message }]);
    expect((await refusal(await fileOf(() => undefined))).reason).toBe('IMPORT_EMPTY');
    const many = await fileOf((rows) => {
      for (let i = 0; i < 11; i += 1) rows.push([`单位${i}`]);
    });
    expect((await refusal(many)).reason).toBe('IMPORT_TOO_MANY_ROWS');
  });
});

describe('the cells of one row', () => {
  it('reads yes and no, whole numbers, dates in the usual ways and the category by its Chinese name', () => {
    const { values, problems } = parseSurveyRow({
      category: '社会组织',
      hasPremises: '有',
      businessActive: 'N',
      staffCount: '1,200',
      fullMemberCount: '3人',
      surveyedOn: '2026年3月5日',
      creditCode: ' 91410100ma44aaaa1x ',
    });
    expect(problems).toEqual([]);
    expect(values).toEqual({
      category: 'SOCIAL_ORGANIZATION',
      hasPremises: true,
      businessActive: false,
      staffCount: 1200,
      fullMemberCount: 3,
      surveyedOn: '2026-03-05',
      creditCode: '91410100MA44AAAA1X',
    });
    expect(parseSurveyRow({ surveyedOn: '2026/3/5' }).values.surveyedOn).toBe('2026-03-05');
  });

  it('names each cell it cannot read, with the column and a Chinese reason', () => {
    const { problems } = parseSurveyRow({ category: '个体户', hasPremises: '也许', staffCount: '-3', surveyedOn: '2026-02-30' });
    expect(problems.map((p) => [p.field, p.reason])).toEqual([
      ['category', 'ENUM_INVALID'],
      ['hasPremises', 'YES_NO_INVALID'],
      ['staffCount', 'NOT_AN_INTEGER'],
      ['surveyedOn', 'DATE_INVALID'],
    ]);
    expect(problems[2]?.message).toBe('「从业人员数」应为不小于 0 的整数，而不是「-3」');
  });

  it('takes the text of rich text, formulas and booleans as Excel shows them', () => {
    expect(cellText({ richText: [{ text: '某' }, { text: '公司 ' }] })).toBe('某公司');
    expect(cellText({ formula: 'A1', result: 12 } as never)).toBe('12');
    expect(cellText(true)).toBe('是');
    expect(cellText(null)).toBe('');
  });
});
