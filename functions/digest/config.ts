import { loadAlertConfig, type AlertConfig } from '../alert/config';

/** The digest function needs what the alert function needs: the table and the alerts topic. */
export type DigestConfig = AlertConfig;

export const loadDigestConfig = (env: NodeJS.ProcessEnv): DigestConfig => loadAlertConfig(env, 'digest');
