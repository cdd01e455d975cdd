import { readFileSync } from 'node:fs';
import { minVersion, satisfies } from 'semver';

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
}

const read = (path: string) => readFileSync(path, 'utf8');

/** `npm ci` warns EBADENGINE for every installed package whose engines exclude the running Node. */
describe('the Node version the project names', () => {
  const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
  const oldest = minVersion(engines)!.version;

  it('is the same in package.json, the README and the Dockerfile', () => {
    const [, major, minor] = /Node (\d+) \((\d+\.\d+) or later\)/.exec(read('README.md')) ?? [];
    expect(`${minor}.0`).toBe(oldest);
    expect(oldest.startsWith(`${major}.`)).toBe(true);
    expect(read('Dockerfile')).toMatch(new RegExp(`ARG NODE_IMAGE=node:${major}-`));
  });

  it('is supported by every package in the lockfile, so npm ci prints no EBADENGINE warning', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockEntry> };
    const refusing = Object.entries(lock.packages)
      .filter(([path, entry]) => path && !Array.isArray(entry.engines) && entry.engines?.node)
      .filter(([, entry]) => !satisfies(oldest, (entry.engines as { node: string }).node))
      .map(
        ([path, entry]) =>
          `${path.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${(entry.engines as { node: string }).node}`,
      );
    expect(refusing).toEqual([]);
  });
});
