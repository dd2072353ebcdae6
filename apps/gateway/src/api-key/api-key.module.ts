import { Module } from '@nestjs/common';
import { ApiKeyResolver } from './api-key.resolver.js';

@Module({ providers: [ApiKeyResolver] })
export class ApiKeyModule {}
