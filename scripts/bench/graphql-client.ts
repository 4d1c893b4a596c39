import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * A minimal GraphQL client over node:http, as an admin front end would call the service. Not
 * `fetch`: undici gives up on a response after 300 s, and a large deletion may take longer.
 * Keep-alive, so a preview's latency is the service's, not a TCP handshake's.
 */
export class GraphqlClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private token: string | undefined;

  constructor(private readonly endpoint: string) {}

  /** Sends one operation; returns its `data` and the wall time of the round trip in ms. */
  async send<T>(query: string, variables: Record<string, unknown>): Promise<{ data: T; ms: number }> {
    const body = JSON.stringify({ query, variables });
    const started = performance.now();
    const text = await this.post(body);
    const ms = performance.now() - started;
    const parsed = JSON.parse(text) as { data?: T; errors?: { message: string; extensions?: unknown }[] };
    if (parsed.errors?.length || !parsed.data) {
      throw new Error(`GraphQL error: ${JSON.stringify(parsed.errors ?? parsed)}`);
    }
    return { data: parsed.data, ms };
  }

  async signIn(email: string, password: string): Promise<void> {
    const { data } = await this.send<{ login: { __typename: string; token?: string } }>(LOGIN, {
      email,
      password,
    });
    if (data.login.__typename !== 'LoginSuccess' || !data.login.token) {
      throw new Error(`sign-in of ${email} failed: ${data.login.__typename}`);
    }
    this.token = data.login.token;
  }

  async preview(clientId: number): Promise<{ preview: Preview; ms: number }> {
    const { data, ms } = await this.send<{ clientDeletionPreview: Preview }>(PREVIEW, {
      id: String(clientId),
    });
    const preview = data.clientDeletionPreview;
    if (preview.__typename !== 'ClientDeletionPreview') {
      throw new Error(`preview of client ${clientId}: ${preview.__typename} ${preview.message ?? ''}`);
    }
    return { preview, ms };
  }

  /** A `client(id)` read, the baseline a preview is compared with. */
  async client(clientId: number): Promise<{ ms: number }> {
    const { data, ms } = await this.send<{ client: { id: string } | null }>(CLIENT, { id: String(clientId) });
    if (!data.client) throw new Error(`client ${clientId} not found`);
    return { ms };
  }

  /** What a load generator needs to send one operation as this client does: URL, headers, body. */
  request(operation: 'preview' | 'client', clientId: number) {
    return {
      url: this.endpoint,
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({
        query: operation === 'preview' ? PREVIEW : CLIENT,
        variables: { id: String(clientId) },
      }),
    };
  }

  async deleteClient(
    clientId: number,
    password: string,
    previewToken: string,
  ): Promise<{ receipt: Receipt; ms: number }> {
    const { data, ms } = await this.send<{ deleteClient: DeleteResult }>(DELETE, {
      id: String(clientId),
      password,
      token: previewToken,
    });
    const result = data.deleteClient;
    if (result.__typename !== 'ClientDeleted' || !result.receipt) {
      throw new Error(`deleteClient ${clientId}: ${result.__typename} ${result.message ?? ''}`);
    }
    return { receipt: result.receipt, ms };
  }

  close(): void {
    this.agent.destroy();
  }

  private post(body: string): Promise<string> {
    const url = new URL(this.endpoint);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          hostname: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}

export interface TableCount {
  table: string;
  count: number;
}

export interface Preview {
  __typename: string;
  message?: string;
  deletable: boolean;
  total: number;
  previewToken: string;
  counts: TableCount[];
  blockers: { code: string; count: number }[];
}

export interface Receipt {
  id: string;
  total: number;
  counts: TableCount[];
}

interface DeleteResult {
  __typename: string;
  message?: string;
  receipt?: Receipt;
}

const LOGIN = /* GraphQL */ `
  mutation BenchLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      __typename
      ... on LoginSuccess {
        token
      }
    }
  }
`;

const PREVIEW = /* GraphQL */ `
  query BenchPreview($id: ID!) {
    clientDeletionPreview(clientId: $id) {
      __typename
      ... on ClientDeletionPreview {
        deletable
        total
        previewToken
        counts {
          table
          count
        }
        blockers {
          code
          count
        }
      }
      ... on ErrorResult {
        message
      }
    }
  }
`;

const CLIENT = /* GraphQL */ `
  query BenchClient($id: ID!) {
    client(id: $id) {
      id
      idCode
      status
      invoiceCount
      serviceCount
      primaryContact {
        firstName
        lastName
      }
    }
  }
`;

const DELETE = /* GraphQL */ `
  mutation BenchDelete($id: ID!, $password: String!, $token: String) {
    deleteClient(id: $id, password: $password, previewToken: $token) {
      __typename
      ... on ClientDeleted {
        receipt {
          id
          total
          counts {
            table
            count
          }
        }
      }
      ... on ErrorResult {
        message
      }
    }
  }
`;
