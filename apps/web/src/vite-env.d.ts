/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Product name shown in the header and the document title. */
  readonly VITE_APP_NAME?: string;
  /** How often (ms) live session lists refresh themselves. */
  readonly VITE_SESSIONS_REFRESH_INTERVAL_MS?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
