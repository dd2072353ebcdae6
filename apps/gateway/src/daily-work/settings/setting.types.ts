import { Field, ObjectType } from '@nestjs/graphql';
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DateTimeScalar } from '../../common/scalars.js';

function literal(ast: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (ast.kind) {
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.STRING:
    case Kind.ENUM:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((value) => literal(value, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, literal(field.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value] ?? null;
  }
}

/**
 * A setting's value: a number, a list of texts, or a map (meeting type → frequency), as JSON. Its
 * shape is checked per setting by the domain with a Chinese message, not here.
 */
export const SettingValueScalar = new GraphQLScalarType({
  name: 'SettingValue',
  description: '设置的取值（JSON）：数字、文字列表，或会议类型到考核频次的对照',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => literal(ast, variables),
});

@ObjectType({ description: '一项规则设置：现行取值、默认值和最近一次修改' })
export class Setting {
  @Field(() => String)
  key!: string;

  @Field(() => SettingValueScalar)
  value!: unknown;

  @Field(() => SettingValueScalar)
  defaultValue!: unknown;

  @Field(() => String, { description: '中文说明' })
  description!: string;

  @Field(() => Boolean, { description: '已设置本地取值（否则为默认值）' })
  overridden!: boolean;

  @Field(() => String, { nullable: true })
  updatedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  updatedAt!: Date | null;
}
