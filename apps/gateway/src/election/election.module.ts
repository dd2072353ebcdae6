import { Module } from '@nestjs/common';
import { ElectionResolver } from './election.resolver.js';

@Module({ providers: [ElectionResolver] })
export class ElectionModule {}
