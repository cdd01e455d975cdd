import { CliError } from '../cli-error';

export interface FeedCard {
  headline: string;
  topics: { slug: string; name: string }[];
  /** Set when the item leads a running story of `count` articles. */
  storyCount?: number;
}

interface FeedItem {
  article: FeedCard;
  story?: { count: number };
}

/** The demo's own HTTP calls, made like any client would make them. */
export class DemoClient {
  constructor(private readonly baseUrl: string) {}

  async login(email: string, password: string): Promise<string> {
    const res = await fetch(`${this.baseUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = (await res.json().catch(() => ({}))) as { tokens?: { accessToken: string }; code?: string; detail?: string };
    if (res.status === 401) {
      throw new CliError(
        `the demo account ${email} could not sign in (${body.code ?? 401}): its password was changed in this database ` +
          '(seeding keeps existing accounts as they are); use a fresh DATABASE_URL for the demo',
      );
    }
    if (res.status !== 200 || !body.tokens)
      throw new CliError(`POST /v1/auth/login answered ${res.status} ${body.code ?? ''} ${body.detail ?? ''}`);
    return body.tokens.accessToken;
  }

  async feed(token: string, query: Record<string, string>): Promise<FeedCard[]> {
    const res = await fetch(`${this.baseUrl}/v1/feed?${new URLSearchParams(query).toString()}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json().catch(() => ({}))) as { items?: FeedItem[]; code?: string; detail?: string };
    if (res.status !== 200 || !body.items)
      throw new CliError(`GET /v1/feed answered ${res.status} ${body.code ?? ''} ${body.detail ?? ''}`);
    return body.items.map((item) => ({ ...item.article, storyCount: item.story?.count }));
  }
}
