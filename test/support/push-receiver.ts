import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPush {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The decrypted payload (RFC 8291 aes128gcm). */
  payload: string;
  /** The VAPID JWT's claims, after its ES256 signature was checked against `k`. */
  claims: { aud: string; exp: number; sub: string };
  vapidPublicKey: string;
}

/**
 * A loopback push service that acts as the browser too: it holds its own P-256 key pair and auth secret
 * (the subscription's keys), checks the VAPID JWT (RFC 8292) and decrypts each push (RFC 8291).
 */
export class PushReceiver {
  readonly received: ReceivedPush[] = [];
  readonly rejected: string[] = [];
  /** Answers to give, in order; when empty, 201. */
  readonly answers: number[] = [];
  private readonly ecdh = createECDH('prime256v1');
  private readonly authSecret = randomBytes(16);
  private server!: http.Server;
  private port = 0;

  private constructor() {
    this.ecdh.generateKeys();
  }

  static async start(): Promise<PushReceiver> {
    const receiver = new PushReceiver();
    receiver.server = http.createServer((req, res) => receiver.handle(req, res));
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.port = (receiver.server.address() as AddressInfo).port;
    return receiver;
  }

  subscription(path = `/push/${randomBytes(6).toString('hex')}`) {
    return {
      endpoint: `http://127.0.0.1:${this.port}${path}`,
      keys: { p256dh: this.ecdh.getPublicKey().toString('base64url'), auth: this.authSecret.toString('base64url') },
    };
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = this.answers.length ? this.answers.shift()! : 201;
      try {
        const { claims, key } = this.checkVapid(req);
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error(`content-encoding ${req.headers['content-encoding']}`);
        if (!req.headers.ttl) throw new Error('no TTL header');
        const payload = this.decrypt(Buffer.concat(chunks));
        if (status >= 200 && status < 300)
          this.received.push({ path: req.url ?? '', headers: req.headers, payload, claims, vapidPublicKey: key });
      } catch (error) {
        this.rejected.push((error as Error).message);
        res.writeHead(400).end();
        return;
      }
      res.writeHead(status).end();
    });
  }

  private checkVapid(req: http.IncomingMessage): { claims: ReceivedPush['claims']; key: string } {
    const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? '');
    if (!match) throw new Error(`authorization ${req.headers.authorization}`);
    const [, jwt, k] = match;
    const [head, body, signature] = jwt.split('.');
    const header = JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg: string; typ: string };
    if (header.alg !== 'ES256') throw new Error(`alg ${header.alg}`);
    const raw = Buffer.from(k, 'base64url');
    const publicKey = createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') },
      format: 'jwk',
    });
    const ok = verify(
      'sha256',
      Buffer.from(`${head}.${body}`),
      { key: publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
    if (!ok) throw new Error('VAPID signature does not verify');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as ReceivedPush['claims'];
    if (claims.aud !== `http://127.0.0.1:${this.port}`) throw new Error(`aud ${claims.aud}`);
    if (!(claims.exp * 1000 > Date.now() && claims.exp * 1000 <= Date.now() + 24 * 3600_000)) throw new Error(`exp ${claims.exp}`);
    return { claims, key: k };
  }

  /** RFC 8188 record header, then RFC 8291's key derivation from the browser's side. */
  private decrypt(body: Buffer): string {
    const salt = body.subarray(0, 16);
    const idLength = body.readUInt8(20);
    const serverPublic = body.subarray(21, 21 + idLength);
    const record = body.subarray(21 + idLength);
    const ecdhSecret = this.ecdh.computeSecret(serverPublic);
    const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), this.ecdh.getPublicKey(), serverPublic]);
    const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, this.authSecret, keyInfo, 32));
    const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
    const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    if (padded[end] !== 2) throw new Error('not a last record (delimiter 2)');
    return padded.subarray(0, end).toString('utf8');
  }
}
