import { useState } from 'preact/hooks';
import { MINIMUM_CERTAINTIES, type MinimumCertainty } from '../../../contracts/vocabulary';
import { SUBSCRIPTION_PROTOCOLS, type SubscriptionProtocol } from '../../../contracts/console-api';
import { ApiFailure, api } from '../api';
import { ErrorMessage, Loading, MoreButton, Title, usePaged } from '../components';
import { useTopicList } from './stories';

export function SubscriptionsPage() {
  const topics = useTopicList();
  const [generation, setGeneration] = useState(0);
  const paged = usePaged(String(generation), (cursor) => api.subscriptions({ cursor }));
  const [protocol, setProtocol] = useState<SubscriptionProtocol>('email');
  const [endpoint, setEndpoint] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [minimum, setMinimum] = useState<MinimumCertainty>('speculative');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(null);
    setStatus('');
    setBusy(true);
    try {
      const made = await api.subscribe({
        protocol,
        endpoint: endpoint.trim(),
        ...(chosen.length > 0 ? { topics: chosen } : {}),
        minimumCertainty: minimum,
      });
      setStatus(
        `Subscribed ${made.endpoint}${made.pendingConfirmation ? ' (waiting for confirmation)' : ''}.`,
      );
      setEndpoint('');
      setChosen([]);
      setGeneration((value) => value + 1);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string, what: string) => {
    setError(null);
    try {
      await api.unsubscribe(id);
      setStatus(`Removed ${what}.`);
      setGeneration((value) => value + 1);
    } catch (failure) {
      setError(failure);
    }
  };

  const toggle = (topicId: string, on: boolean) =>
    setChosen((previous) => (on ? [...previous, topicId] : previous.filter((id) => id !== topicId)));

  return (
    <>
      <Title>Subscriptions</Title>
      <ErrorMessage error={paged.error} />
      {paged.items.length === 0 && !paged.loading && !paged.error && <p>No subscriptions yet.</p>}
      {paged.items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Protocol</th>
              <th scope="col">Endpoint</th>
              <th scope="col">Topics</th>
              <th scope="col">Minimum</th>
              <th scope="col">State</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {paged.items.map((subscription) => (
              <tr key={subscription.id}>
                <td>{subscription.protocol}</td>
                <td>{subscription.endpoint}</td>
                <td>{subscription.topics === 'all' ? 'all topics' : subscription.topics.join(', ')}</td>
                <td>{subscription.minimumCertainty}</td>
                <td>{subscription.pendingConfirmation ? 'pending confirmation' : 'confirmed'}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => void remove(subscription.id, subscription.endpoint)}
                    aria-label={`Remove ${subscription.endpoint}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {paged.loading && <Loading />}
      <MoreButton paged={paged} />

      <h2>Add a subscription</h2>
      <form onSubmit={add} class="subscribe">
        <div class="field">
          <label for="protocol">Send by</label>
          <select
            id="protocol"
            value={protocol}
            onChange={(event) =>
              setProtocol((event.currentTarget as HTMLSelectElement).value as SubscriptionProtocol)
            }
          >
            {SUBSCRIPTION_PROTOCOLS.map((value) => (
              <option key={value} value={value}>
                {value === 'sms' ? 'SMS' : value}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="endpoint">
            {protocol === 'sms' ? 'Phone number (E.164, e.g. +447700900123)' : 'Email address'}
          </label>
          <input
            id="endpoint"
            type={protocol === 'sms' ? 'tel' : 'email'}
            list={undefined}
            required
            value={endpoint}
            aria-invalid={error instanceof ApiFailure}
            onInput={(event) => setEndpoint((event.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <fieldset>
          <legend>Topics (none ticked: every topic)</legend>
          {topics.map((topic) => (
            <div key={topic.id} class="check">
              <input
                type="checkbox"
                id={`sub-topic-${topic.id}`}
                checked={chosen.includes(topic.id)}
                onChange={(event) => toggle(topic.id, (event.currentTarget as HTMLInputElement).checked)}
              />
              <label for={`sub-topic-${topic.id}`}>{topic.name}</label>
            </div>
          ))}
        </fieldset>
        <div class="field">
          <label for="minimum">Minimum certainty</label>
          <select
            id="minimum"
            value={minimum}
            onChange={(event) =>
              setMinimum((event.currentTarget as HTMLSelectElement).value as MinimumCertainty)
            }
          >
            {MINIMUM_CERTAINTIES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy}>
          Subscribe
        </button>{' '}
        <span role="status">{status}</span>
      </form>
    </>
  );
}
