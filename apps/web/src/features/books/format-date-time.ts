const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' });

/** An API timestamp as people read it, e.g. "26 November 2026 at 05:30". */
export const formatDateTime = (iso: string): string => dateTimeFormat.format(new Date(iso));
