import { DomainError, Problems } from '@dangjian/domain';
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from 'docx';

/** A briefing as the reader left it after editing: what the .docx carries, nothing more. */
export interface BriefingDocument {
  title: string;
  /** The period under the title, e.g. "2026年1月1日—2026年11月26日". */
  period: string | null;
  sections: Array<{ heading: string; paragraphs: Array<{ title: string | null; text: string }> }>;
}

const LIMITS = {
  title: 100,
  period: 100,
  sections: 20,
  heading: 100,
  paragraphs: 60,
  paragraphTitle: 50,
  text: 5000,
};

function textOf(
  problems: Problems,
  field: string,
  value: unknown,
  label: string,
  max: number,
  required: boolean,
): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
    if (required) problems.add(field, 'REQUIRED', `请填写${label}`);
    return null;
  }
  if (typeof value !== 'string') {
    problems.add(field, 'NOT_TEXT', `${label}应为文字`);
    return null;
  }
  if (Array.from(value.trim()).length > max) {
    problems.add(field, 'TOO_LONG', `${label}不能超过 ${max} 个字`);
    return null;
  }
  return value.trim();
}

/** Reads the posted JSON into a document, or BAD_USER_INPUT naming each field that is wrong. */
export function readBriefingDocument(body: unknown): BriefingDocument {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw DomainError.badInput([
      { field: 'body', reason: 'BODY_REQUIRED', message: '请提交要导出的简报内容（JSON）' },
    ]);
  }
  const input = body as Record<string, unknown>;
  const problems = new Problems();
  const title = textOf(problems, 'title', input.title, '简报标题', LIMITS.title, true);
  const period = textOf(problems, 'period', input.period, '简报期间', LIMITS.period, false);
  const sections: BriefingDocument['sections'] = [];
  if (!Array.isArray(input.sections) || input.sections.length === 0) {
    problems.add('sections', 'REQUIRED', '简报至少要有一部分内容');
  } else if (input.sections.length > LIMITS.sections) {
    problems.add('sections', 'TOO_MANY', `简报最多 ${LIMITS.sections} 个部分`);
  } else {
    input.sections.forEach((rawSection: unknown, s) => {
      const section = (rawSection ?? {}) as Record<string, unknown>;
      const heading = textOf(
        problems,
        `sections[${s}].heading`,
        section.heading,
        '部分标题',
        LIMITS.heading,
        true,
      );
      const paragraphs: BriefingDocument['sections'][number]['paragraphs'] = [];
      if (!Array.isArray(section.paragraphs)) {
        problems.add(`sections[${s}].paragraphs`, 'REQUIRED', `「${heading ?? `第 ${s + 1} 部分`}」没有正文`);
      } else if (section.paragraphs.length > LIMITS.paragraphs) {
        problems.add(`sections[${s}].paragraphs`, 'TOO_MANY', `每部分最多 ${LIMITS.paragraphs} 段`);
      } else {
        section.paragraphs.forEach((rawParagraph: unknown, p) => {
          const paragraph = (rawParagraph ?? {}) as Record<string, unknown>;
          const field = `sections[${s}].paragraphs[${p}]`;
          const text = textOf(problems, `${field}.text`, paragraph.text, '段落内容', LIMITS.text, false);
          const paragraphTitle = textOf(
            problems,
            `${field}.title`,
            paragraph.title,
            '段落小标题',
            LIMITS.paragraphTitle,
            false,
          );
          // A paragraph emptied while editing is simply left out.
          if (text) paragraphs.push({ title: paragraphTitle, text });
        });
      }
      if (heading) sections.push({ heading, paragraphs });
    });
  }
  problems.throwIfAny();
  return { title: title!, period, sections };
}

// The house style of official documents (GB/T 9704): title in 小标宋 二号, headings in 黑体 三号,
// body in 仿宋 三号 with a two-character first-line indent and 28 pt lines.
const FONT = {
  title: '方正小标宋简体',
  heading: '黑体',
  subheading: '楷体',
  body: '仿宋',
  latin: 'Times New Roman',
};
const SIZE = { title: 44, body: 32 };
const LINE = { line: 560, lineRule: LineRuleType.EXACT };
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function chineseNumber(n: number): string {
  if (n <= 10) return NUMERALS[n - 1];
  if (n < 20) return `十${NUMERALS[n - 11]}`;
  return `${NUMERALS[Math.floor(n / 10) - 1]}十${n % 10 ? NUMERALS[(n % 10) - 1] : ''}`;
}

function run(text: string, font: string, size = SIZE.body, bold = false): TextRun {
  return new TextRun({ text, bold, size, font: { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia: font } });
}

/** The .docx bytes of a briefing: title, period, numbered parts, run-in community names. */
export async function briefingDocx(document: BriefingDocument, creator: string): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(document.title, FONT.title, SIZE.title)],
    }),
  ];
  if (document.period) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 240 },
        children: [run(`（${document.period}）`, FONT.subheading)],
      }),
    );
  }
  document.sections.forEach((section, index) => {
    children.push(
      new Paragraph({
        indent: { firstLine: 640 },
        spacing: LINE,
        children: [run(`${chineseNumber(index + 1)}、${section.heading}`, FONT.heading)],
      }),
    );
    let titled = 0;
    for (const paragraph of section.paragraphs) {
      if (paragraph.title) {
        titled += 1;
        children.push(
          new Paragraph({
            indent: { firstLine: 640 },
            spacing: LINE,
            children: [
              run(`（${chineseNumber(titled)}）${paragraph.title}`, FONT.subheading, SIZE.body, true),
            ],
          }),
        );
      }
      for (const line of paragraph.text.split(/\n+/).filter((part) => part.trim())) {
        children.push(
          new Paragraph({
            indent: { firstLine: 640 },
            spacing: LINE,
            alignment: AlignmentType.JUSTIFIED,
            children: [run(line.trim(), FONT.body)],
          }),
        );
      }
    }
  });
  const doc = new Document({
    creator,
    title: document.title,
    sections: [
      {
        // A4 with the margins of official documents: 37 mm top, 35 mm bottom, 28 mm left, 26 mm right.
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
