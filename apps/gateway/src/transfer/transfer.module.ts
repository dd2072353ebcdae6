import { Module } from '@nestjs/common';
import { TransferResolver } from './transfer.resolver.js';

@Module({ providers: [TransferResolver] })
export class TransferModule {}
