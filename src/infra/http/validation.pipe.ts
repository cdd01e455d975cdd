import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, FieldError } from './app-error';
import { findUnsafeText } from './unsafe-text';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: rule === 'whitelistValidation' ? 'is not an allowed field' : message.replace(new RegExp(`^${e.property} `), ''),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

const isPlainObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

// Not path parameters: they are ids, and an id that names nothing is that resource's 404 whatever its format.
const SCANNED_SOURCES = new Set(['body', 'query']);

/** One rule for every string a client sends: text Postgres cannot store is a 400 naming the field, never a failed query. */
function rejectUnsafeText(value: unknown, metadata: ArgumentMetadata): void {
  if (!SCANNED_SOURCES.has(metadata.type)) return;
  const found = findUnsafeText(value);
  if (found) {
    const field = found.field || metadata.data || metadata.type;
    throw new AppError(400, 'VALIDATION_FAILED', `${field} ${found.message}`, [{ field, message: found.message }]);
  }
}

/** Validates bodies and queries against their DTOs; unknown fields are rejected, not ignored. */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validateCustomDecorators: false,
      exceptionFactory: (errors) => {
        const fields = flatten(errors);
        const detail = fields.map((f) => `${f.field} ${f.message}`).join('; ') || 'The request is invalid.';
        return new AppError(400, 'VALIDATION_FAILED', detail, fields);
      },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    rejectUnsafeText(value, metadata);
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      if (value === undefined || value === null) value = {};
      if (!isPlainObject(value)) {
        throw new AppError(400, 'VALIDATION_FAILED', 'The body must be a JSON object.', [{ field: '', message: 'must be a JSON object' }]);
      }
    }
    if (metadata.type === 'query' && metadata.metatype && metadata.metatype !== Object) {
      // Fastify's query parser gives a null-prototype object; class-transformer wants a plain one.
      value = { ...(value as object) };
    }
    return super.transform(value, metadata);
  }
}
