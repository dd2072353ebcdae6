import { Module } from '@nestjs/common';
import { MemberResolver } from './member.resolver.js';

@Module({ providers: [MemberResolver] })
export class MemberModule {}
