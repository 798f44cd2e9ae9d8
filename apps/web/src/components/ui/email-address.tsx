import { Fragment } from 'react';

/**
 * An email address that prefers to wrap before its `@` and before each `.` of its domain (the usual
 * rule for breaking an address): a table cell's `wrap-anywhere` alone broke "anna-lena@example.com"
 * after the hyphen, its only break opportunity. The cell's `wrap-anywhere` stays, so a part longer than
 * the column still breaks rather than widening the table. The text copies as the address.
 */
export function EmailAddress({ address }: { address: string }) {
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  const labels = address.slice(at + 1).split('.');
  return (
    <>
      {address.slice(0, at)}
      {labels.map((label, i) => (
        <Fragment key={i}>
          <wbr />
          {i === 0 ? '@' : '.'}
          {label}
        </Fragment>
      ))}
    </>
  );
}
