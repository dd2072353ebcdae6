import { Module } from '@nestjs/common';
import { OrganizationResolver } from './organization.resolver.js';

@Module({ providers: [OrganizationResolver] })
export class OrganizationModule {}
