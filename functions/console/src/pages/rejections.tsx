import { api } from '../api';
import { ErrorMessage, Loading, MoreButton, Title, usePaged } from '../components';
import { type Location } from '../router';
import { submitFilters, useFilterFields } from './stories';

export function RejectionsPage({ location }: { location: Location }) {
  const from = location.query.get('from') ?? '';
  const to = location.query.get('to') ?? '';
  const { bind } = useFilterFields(location.query, ['from', 'to']);
  const paged = usePaged(location.query.toString(), (cursor) => api.rejections({ from, to, cursor }));
  return (
    <>
      <Title>Rejections</Title>
      <form class="filters" onSubmit={submitFilters('/rejections')} aria-label="Filter rejections">
        <div class="field">
          <label for="from">From</label>
          <input id="from" type="date" {...bind('from')} />
        </div>
        <div class="field">
          <label for="to">To</label>
          <input id="to" type="date" {...bind('to')} />
        </div>
        <button type="submit">Show rejections</button>
      </form>
      <ErrorMessage error={paged.error} />
      {paged.items.length === 0 && !paged.loading && !paged.error && <p>No rejected uploads.</p>}
      {paged.items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Object</th>
              <th scope="col">Reason</th>
              <th scope="col">Detail</th>
              <th scope="col">Size</th>
            </tr>
          </thead>
          <tbody>
            {paged.items.map((rejection) => (
              <tr key={rejection.key + rejection.rejectedAt}>
                <td>{rejection.rejectedAt}</td>
                <td>
                  <code>{rejection.key}</code>
                </td>
                <td>{rejection.reason}</td>
                <td>{rejection.detail}</td>
                <td>{rejection.size === undefined ? '' : `${rejection.size} B`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {paged.loading && <Loading />}
      <MoreButton paged={paged} />
    </>
  );
}
