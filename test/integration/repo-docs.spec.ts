import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const tracked = execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean);
const markdown = tracked.filter((file) => file.endsWith('.md'));

/** A clone must stand alone: its docs and code point only at files of the repository. */
describe('the repository documents itself', () => {
  it('names no file outside the repository', () => {
    const outside = tracked
      .filter((file) => /\.(md|ts|cjs|js|json|yml|sh)$/.test(file) || file === 'Dockerfile')
      .filter((file) => /\.\.\/shared\/|\/work\/shared/.test(readFileSync(file, 'utf8')));
    expect(outside).toEqual([]);
  });

  it('has no broken relative link in its markdown', () => {
    const broken = markdown.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
        .map(([, target]) => target)
        .filter((target) => !/^[a-z]+:/.test(target))
        .filter((target) => !existsSync(join(dirname(file), target)))
        .map((target) => `${file} -> ${target}`),
    );
    expect(markdown).toContain('docs/api.md');
    expect(broken).toEqual([]);
  });

  it('lists every route of the OpenAPI document in docs/api.md', () => {
    const api = readFileSync('docs/api.md', 'utf8');
    const document = JSON.parse(readFileSync('docs/openapi.json', 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    const missing = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .map((method) => `${method.toUpperCase()} ${path}`)
        .filter((route) => !api.includes(route)),
    );
    expect(missing).toEqual([]);
  });
});
