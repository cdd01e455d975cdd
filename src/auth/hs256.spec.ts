import { sign } from 'jsonwebtoken';
import { Hs256Verifier } from './hs256';

const SECRET = 'unit-test-secret';
const NOW = 1_800_000_000;
const verifier = new Hs256Verifier(SECRET);
const token = (claims: object, options: object = {}) => sign({ iat: NOW, ...claims }, SECRET, { algorithm: 'HS256', ...options });

describe('Hs256Verifier', () => {
  it('accepts a current HS256 token and returns its claims', () => {
    expect(verifier.verify(token({ sub: '7', sid: 'f', exp: NOW + 60 }), NOW)).toMatchObject({ sub: '7', sid: 'f' });
  });

  it('rejects an expired token, a token without exp, and one not yet valid', () => {
    expect(verifier.verify(token({ sub: '7', exp: NOW }), NOW)).toBeNull();
    expect(verifier.verify(token({ sub: '7' }), NOW)).toBeNull();
    expect(verifier.verify(token({ sub: '7', exp: NOW + 60, nbf: NOW + 10 }), NOW)).toBeNull();
  });

  it('rejects another secret, another algorithm, alg none and a tampered payload', () => {
    expect(verifier.verify(sign({ exp: NOW + 60 }, 'other', { algorithm: 'HS256' }), NOW)).toBeNull();
    expect(verifier.verify(sign({ exp: NOW + 60 }, SECRET, { algorithm: 'HS512' }), NOW)).toBeNull();
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(`{"exp":${NOW + 60}}`).toString('base64url')}.`;
    expect(verifier.verify(none, NOW)).toBeNull();
    const [h, , s] = token({ sub: '7', exp: NOW + 60 }).split('.');
    expect(verifier.verify(`${h}.${Buffer.from(`{"sub":"1","exp":${NOW + 60}}`).toString('base64url')}.${s}`, NOW)).toBeNull();
  });

  it('rejects a non-canonical signature and malformed tokens', () => {
    const good = token({ sub: '7', exp: NOW + 60 });
    expect(verifier.verify(`${good}=`, NOW)).toBeNull();
    expect(verifier.verify(`${good}.x`, NOW)).toBeNull();
    expect(verifier.verify('a.b', NOW)).toBeNull();
    expect(verifier.verify('', NOW)).toBeNull();
  });

  it('remembers a verified token, and still refuses it once it has expired', () => {
    const own = new Hs256Verifier(SECRET);
    const good = token({ sub: '7', exp: NOW + 60 });
    expect(own.verify(good, NOW)).toMatchObject({ sub: '7' });
    expect(own.verify(good, NOW + 59)).toMatchObject({ sub: '7' });
    expect(own.verify(good, NOW + 60)).toBeNull();
  });

  it('never answers a tampered token with the claims of a verified one', () => {
    const own = new Hs256Verifier(SECRET);
    const good = token({ sub: '7', exp: NOW + 60 });
    expect(own.verify(good, NOW)).not.toBeNull();
    const [h, p, s] = good.split('.');
    expect(own.verify(`${h}.${p}.${s.slice(0, -1)}${s.endsWith('A') ? 'B' : 'A'}`, NOW)).toBeNull();
    expect(own.verify(`${h}.${Buffer.from(`{"sub":"1","exp":${NOW + 60}}`).toString('base64url')}.${s}`, NOW)).toBeNull();
    expect(own.verify(good, NOW)).toMatchObject({ sub: '7' });
  });
});
