/** The example service (server.js), typed for the tests that start it. */
export function startVerifiedService(options: {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  service?: string;
  port?: number;
  host?: string;
}): Promise<{ url: string; close: () => Promise<void> }>;
