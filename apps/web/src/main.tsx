import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { preloadPageOf } from './app/router';
import './index.css';

const container = document.getElementById('root');
if (!container) throw new Error('Session Desk: #root element missing from index.html');

preloadPageOf(window.location.pathname);
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
