export interface Received {
  time: number;
  path: string;
  files: Array<{ name: string | null; size: number; sha256: string }>;
}
export function startServer(port?: number): Promise<{
  origin: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}>;
