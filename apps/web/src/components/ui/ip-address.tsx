import { Fragment } from 'react';

/**
 * An IP address that wraps only between an IPv6 address's groups, never inside a number: IPv4 stays
 * on one line (a table cell's `wrap-anywhere` broke "192.168.10.254" after any digit).
 */
export function IpAddress({ address }: { address: string }) {
  const groups = address.split(':');
  return groups.map((group, i) => (
    <Fragment key={i}>
      {group}
      {i < groups.length - 1 ? (
        <>
          :<wbr />
        </>
      ) : null}
    </Fragment>
  ));
}
