/** A free loopback TCP port (shared with the local runner, which needs the same at run time). */
export { findFreePort } from '../../infra/local/free-port';
