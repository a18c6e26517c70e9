import { freePort } from '../../src/dev/free-port';

/**
 * Starts a server on a port found free. Test files run in parallel and servers also open ports of
 * their own choosing, so a port found free can be taken before the server binds it: then the
 * server starts again on another one.
 */
export async function startOnFreePort<T>(start: (port: number) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePort());
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}
