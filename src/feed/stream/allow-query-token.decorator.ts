import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { ALLOW_QUERY_TOKEN } from '../../auth/auth.guard';
import { QUERY_TOKEN_SCHEME } from '../../infra/http/openapi';

/** The route also takes the access token as ?access_token= (EventSource cannot send headers). */
export const AllowQueryToken = () => applyDecorators(SetMetadata(ALLOW_QUERY_TOKEN, true), ApiSecurity(QUERY_TOKEN_SCHEME));
