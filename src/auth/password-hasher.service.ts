import { Injectable } from '@nestjs/common';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// Algorithm is a const enum that the native module exports empty at run time, so swc (Jest) would
// read undefined from it; the value is pinned here and checked against the enum by the compiler.
const ARGON2ID = 2 satisfies Algorithm.Argon2id;
// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane).
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** argon2id hashing; verifyAgainstNothing spends the same time as a real check, for unknown accounts. */
@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false; // an unparsable stored hash matches nothing
    }
  }

  /** Always false, after as much work as verify() on a real hash. */
  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(16).toString('base64'));
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
