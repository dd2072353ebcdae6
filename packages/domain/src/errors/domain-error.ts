/**
 * Stable codes a program can rely on; each error also carries a Chinese sentence for the person
 * who reads it. The gateway maps a code to its GraphQL extensions.code.
 */
export const DOMAIN_ERROR_CODES = ['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN'] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface FieldProblem {
  /** The input field, e.g. "idCardNumber" or "seats[2].memberId". */
  field: string;
  /** A stable reason, e.g. "ID_CARD_CHECK_DIGIT". */
  reason: string;
  /** The Chinese sentence shown at the field. */
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    /** 中文说明, shown to the person. */
    message: string,
    /** A finer stable reason than `code`, e.g. "TRANSFER_INVALID_TRANSITION". */
    readonly reason: string = code,
    readonly fields: FieldProblem[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static badInput(problems: FieldProblem[]): DomainError {
    const message = problems.map((p) => p.message).join('；');
    return new DomainError('BAD_USER_INPUT', message || '输入有误', problems[0]?.reason ?? 'BAD_USER_INPUT', problems);
  }

  static notFound(what: string, id?: string): DomainError {
    return new DomainError('NOT_FOUND', `${what}不存在或无权访问`, 'NOT_FOUND', [], id ? { id } : {});
  }

  static conflict(message: string, reason = 'CONFLICT', details: Record<string, unknown> = {}): DomainError {
    return new DomainError('CONFLICT', message, reason, [], details);
  }

  static forbidden(message = '没有权限执行此操作'): DomainError {
    return new DomainError('FORBIDDEN', message, 'FORBIDDEN');
  }
}

/** Collects field problems during validation and throws them together. */
export class Problems {
  private readonly list: FieldProblem[] = [];
  add(field: string, reason: string, message: string): this {
    this.list.push({ field, reason, message });
    return this;
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
  get all(): readonly FieldProblem[] {
    return this.list;
  }
  throwIfAny(): void {
    if (this.list.length) throw DomainError.badInput([...this.list]);
  }
}
