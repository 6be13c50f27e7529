import { useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { CustomerPortal } from '../../widget/index.js';

type View = 'dashboard' | 'tasks' | 'projects' | 'documents' | 'settings';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'customer-portal': React.DetailedHTMLProps<React.HTMLAttributes<CustomerPortal>, CustomerPortal> & {
        'api-base'?: string;
        view?: View;
        theme?: 'light' | 'dark' | 'auto';
        locale?: string;
      };
    }
  }
}

/** The portal service, from the page (the server fills it in). */
const API_BASE = document.querySelector<HTMLMetaElement>('meta[name=portal-api]')!.content;

/** Our backend trades the signed-in user for an embed token; the widget asks again before it expires. */
const tokenProvider = async () => {
  const response = await fetch('/portal-token', { method: 'POST' });
  const body = (await response.json()) as { token?: string; error?: { message: string } };
  // The portal's reason (passed through by our backend) is what the widget shows and reports.
  if (!body.token) throw new Error(body.error?.message ?? `The token endpoint answered ${response.status}`);
  return body.token;
};

function Portal({ view, theme, onNavigate }: { view: View; theme: 'light' | 'dark' | 'auto'; onNavigate(view: View): void }) {
  const ref = useRef<CustomerPortal>(null);
  useEffect(() => {
    const element = ref.current!;
    // A function cannot be an attribute: set the property. The effect runs after the element is
    // in the page; the widget waits for its credential that long without reporting an error.
    element.tokenProvider = tokenProvider;
    const navigate = (event: Event) => onNavigate((event as CustomEvent<{ view: View }>).detail.view);
    element.addEventListener('cp-navigate', navigate);
    return () => element.removeEventListener('cp-navigate', navigate);
  }, [onNavigate]);
  return <customer-portal ref={ref} api-base={API_BASE} view={view} theme={theme} />;
}

function App() {
  const [view, setView] = useState<View>('dashboard');
  const [theme, setTheme] = useState<'light' | 'dark' | 'auto'>('auto');
  const views: View[] = ['dashboard', 'tasks', 'projects', 'documents', 'settings'];
  return (
    <div className="shell">
      <header>
        <strong>Northwind for React</strong>
        <nav aria-label="Portal, from the host">
          {views.map((v) => (
            <button key={v} aria-pressed={v === view} onClick={() => setView(v)}>
              {v}
            </button>
          ))}
        </nav>
        <label>
          Theme{' '}
          <select value={theme} onChange={(e) => setTheme(e.target.value as typeof theme)}>
            <option value="auto">auto</option>
            <option value="light">light</option>
            <option value="dark">dark</option>
          </select>
        </label>
      </header>
      <main>
        <Portal view={view} theme={theme} onNavigate={setView} />
      </main>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
