const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

/** An API timestamp as a date people read, e.g. "26 Nov 2026". */
export const formatDate = (iso: string): string => dateFormat.format(new Date(iso));
