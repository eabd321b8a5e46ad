import { useEffect, useState } from 'preact/hooks';
import type { HealthView } from '../../../contracts/console-api';
import { api } from '../api';
import { ErrorMessage, Loading, Title } from '../components';

export function HealthPage() {
  const [health, setHealth] = useState<HealthView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    api.health().then(setHealth, setError);
  };
  useEffect(load, []);
  return (
    <>
      <Title>Health</Title>
      <button type="button" onClick={load}>
        Refresh
      </button>
      <ErrorMessage error={error} />
      {!health && !error && <Loading />}
      {health && (
        <>
          <h2>Last ingest</h2>
          <p>{health.lastIngest ?? 'No article ingested yet.'}</p>
          <h2>Dead-letter queues</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col">Messages waiting</th>
              </tr>
            </thead>
            <tbody>
              {health.deadLetterQueues.map((queue) => (
                <tr key={queue.name}>
                  <td>{queue.name}</td>
                  <td class={queue.depth ? 'warn' : ''}>
                    {queue.depth === null ? 'not readable here' : queue.depth}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Alarms</h2>
          {health.alarms.length === 0 ? (
            <p class="muted">No alarms (none exist locally).</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Alarm</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {health.alarms.map((alarm) => (
                  <tr key={alarm.name}>
                    <td>{alarm.name}</td>
                    <td class={alarm.state === 'ALARM' ? 'warn' : ''}>{alarm.state}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
