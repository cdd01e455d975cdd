import { applyDecorators, type Type } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiResponse } from '@nestjs/swagger';

const ETAG_HEADERS = {
  ETag: {
    description: 'Weak validator of this answer: send it back as If-None-Match',
    schema: { type: 'string', example: 'W/"q1mH6Pp0cD2Zb3s"' },
  },
  'Cache-Control': {
    description: 'Revalidate with If-None-Match before reusing',
    schema: { type: 'string', example: 'private, no-cache' },
  },
};

const LINK_HEADER = {
  Link: {
    description: 'The next page, when there is one: this URL with nextCursor as cursor',
    schema: { type: 'string', example: '</v1/topics?limit=20&cursor=eyJzIjoiYWkifQ>; rel="next"' },
  },
};

/** A page of a list, `{items, nextCursor}`, with a Link header to the next page. */
export function ApiPageOk(type: Type<unknown>, description?: string): MethodDecorator & ClassDecorator {
  return ApiOkResponse({ type, description, headers: LINK_HEADER });
}

/** A JSON answer with an ETag: 200 with the body, or 304 without one while If-None-Match names it. */
export function ApiEtagOk(type: Type<unknown>, options: { description?: string; paged?: boolean } = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of an earlier answer: 304 while the answer is unchanged' }),
    ApiOkResponse({ type, description: options.description, headers: options.paged ? { ...ETAG_HEADERS, ...LINK_HEADER } : ETAG_HEADERS }),
    ApiResponse({ status: 304, description: 'Not Modified: unchanged since the ETag in If-None-Match; no body', headers: ETAG_HEADERS }),
  );
}
