import 'reflect-metadata';
import { Max } from 'class-validator';
import { AppError } from './app-error';
import { PageQuery, pageQuery } from './paging';
import { StrictValidationPipe } from './validation.pipe';

const pipe = new StrictValidationPipe();
const check = (metatype: new () => object, query: Record<string, string>) =>
  pipe.transform(query, { type: 'query', metatype, data: '' }) as Promise<{ limit: number }>;

describe('paging queries', () => {
  it.each([PageQuery, pageQuery(50)])('rejects a limit that is no whole number from 1 up with a 400 (%#)', async (metatype) => {
    for (const limit of ['0', '-1', 'x', '1.5', ''])
      await expect(check(metatype, { limit })).rejects.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await check(metatype, {})).limit).toBe(20);
  });

  it('bounds limit by each class’s own maximum', async () => {
    expect((await check(PageQuery, { limit: '100' })).limit).toBe(100);
    await expect(check(PageQuery, { limit: '101' })).rejects.toBeInstanceOf(AppError);
    expect((await check(pageQuery(50), { limit: '50' })).limit).toBe(50);
    await expect(check(pageQuery(50), { limit: '51' })).rejects.toBeInstanceOf(AppError);
  });

  it('why pageQuery(n) and not an override: a subclass validator on limit drops the inherited ones', async () => {
    class Overridden extends PageQuery {
      @Max(50)
      override limit: number = 20;
    }
    expect((await check(Overridden, { limit: '0' })).limit).toBe(0);
  });
});
