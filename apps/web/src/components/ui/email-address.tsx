import { Fragment } from 'react';

/**
 * An email address that wraps only before its `@` and before each `.` of its domain (the usual rule
 * for breaking an address), never inside a part: a table cell's `wrap-anywhere` broke
 * "anna-lena@example.com" after the hyphen, which reads as two words. The text copies as the address.
 */
export function EmailAddress({ address }: { address: string }) {
  const at = address.lastIndexOf('@');
  const local = at > 0 ? address.slice(0, at) : address;
  const labels = at > 0 ? address.slice(at + 1).split('.') : [];
  return (
    <>
      <span className="whitespace-nowrap">{local}</span>
      {labels.map((label, i) => (
        <Fragment key={i}>
          <wbr />
          <span className="whitespace-nowrap">
            {i === 0 ? '@' : '.'}
            {label}
          </span>
        </Fragment>
      ))}
    </>
  );
}
