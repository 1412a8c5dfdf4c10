import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { readSettings } from './settings.js';
import './styles.css';

const root = document.getElementById('store-app');
if (root) createRoot(root).render(<App settings={readSettings()} />);
