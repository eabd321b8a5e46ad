import { render } from 'preact';
import { App } from './app';
import { initAuth } from './auth';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  initAuth().then(
    () => render(<App />, root),
    (error: unknown) => {
      const message = document.createElement('p');
      message.className = 'error';
      message.setAttribute('role', 'alert');
      message.textContent = error instanceof Error ? error.message : String(error);
      root.replaceChildren(message);
    },
  );
}
