import { createContext, use, type ReactNode } from 'react';
import { Router, useLocation, useParams, useSearch, type BaseLocationHook, type BaseSearchHook, type NavigateOptions } from 'wouter';
import { navigate as navigateBrowser, useHistoryState, usePathname, useSearch as useBrowserSearch } from 'wouter/use-browser-location';
import { decodeSegment } from '@/config/paths';

/** Goes to `to` (a path, query string included); `state` travels with the history entry. */
export type Navigate = (to: string, options?: NavigateOptions) => void;

/** Where the router reads the URL from and writes it to: the browser, or memory in tests. */
export interface AppLocation {
  hook: BaseLocationHook;
  searchHook: BaseSearchHook;
  /** The `state` of the navigation that led here. */
  useState: () => unknown;
}

/**
 * wouter decodes the path and the query string (decodeURI) before matching and reading them. With
 * every `%` escaped once more, that decoding gives the URL back as it is: an id holding `%2F` or
 * `%25` survives, and each route parameter is decoded exactly once (useRouteParam).
 */
const escapePercent = (text: string) => text.replaceAll('%', '%25');

export function appLocation(readPath: () => [string, Navigate], readSearch: () => string, useState: () => unknown): AppLocation {
  return {
    hook: function useAppLocation(): [string, Navigate] {
      const [path, navigate] = readPath();
      return [escapePercent(path), navigate];
    },
    searchHook: function useAppSearch() {
      return escapePercent(readSearch());
    },
    useState,
  };
}

function useBrowserPath(): [string, Navigate] {
  return [usePathname(), navigateBrowser];
}

export const browserLocation = appLocation(useBrowserPath, useBrowserSearch, useHistoryState);

const LocationStateHook = createContext<() => unknown>(useHistoryState);

export function AppRouter({ location, children }: { location: AppLocation; children: ReactNode }) {
  return (
    <Router hook={location.hook} searchHook={location.searchHook}>
      <LocationStateHook value={location.useState}>{children}</LocationStateHook>
    </Router>
  );
}

/** The `state` the navigation to this page carried, if any. */
export function useLocationState(): unknown {
  const useStateOfLocation = use(LocationStateHook);
  return useStateOfLocation();
}

export function useNavigate(): Navigate {
  return useLocation()[1];
}

/** The query string as `location.search` has it: `?…`, or '' without one. */
export function useSearchString(): string {
  const search = useSearch();
  return search ? `?${search}` : '';
}

/** A `:name` segment of the matched route, decoded. */
export function useRouteParam(name: string): string | undefined {
  const value = useParams()[name];
  return value === undefined ? undefined : decodeSegment(value);
}
