import { SetMetadata } from '@nestjs/common';
import { ALLOW_QUERY_TOKEN } from '../../auth/auth.guard';

/** The route also takes the access token as ?access_token= (EventSource cannot send headers). */
export const AllowQueryToken = () => SetMetadata(ALLOW_QUERY_TOKEN, true);
