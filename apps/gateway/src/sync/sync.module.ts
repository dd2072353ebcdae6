import { Module } from '@nestjs/common';
import { SyncResolver } from './sync.resolver.js';

@Module({ providers: [SyncResolver] })
export class SyncModule {}
