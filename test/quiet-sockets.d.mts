import type { Server } from 'node:http';

export function quietSockets<S extends Server>(server: S): S;
export function closeServer(server: Server): Promise<void>;
export function listenLocal(server: Server, port?: number): Promise<number>;
